import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore, EventToAppend, RecordedEvent } from './eventStore';

/**
 * The one contract every EventStore adapter passes. Each adapter's spec calls
 * this with a factory that gives a fresh, empty store (or, for a shared
 * server, one whose stream names do not collide: every test uses random
 * stream ids, and `readAll` checks only look at positions after a mark).
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    const t = contractFixture(open);
    describeAppendAndRead(t);
    describeExpectedRevisions(t);
    describeReadAll(t);
    describeSubscriptions(t);
  });
}

/** What every part of the contract uses: the store under test (fresh for each test) and helpers. */
interface ContractFixture {
  store: () => EventStore;
  stream: () => string;
  ev: (n: number, extra?: Partial<EventToAppend>) => EventToAppend;
  /** The global position of the store's last event (a mark: checks look only after it). */
  lastPosition: () => Promise<bigint>;
}

function contractFixture(open: () => Promise<EventStore>): ContractFixture {
  let current: EventStore | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
  });
  const store = (): EventStore => {
    if (!current) throw new Error('no store: the contract runs inside its describe');
    return current;
  };
  return {
    store,
    stream: () => `test-${randomUUID()}`,
    ev: (n, extra = {}) => ({
      id: randomUUID(),
      type: 'Tested',
      data: { n, text: 'Lomé – Ouagadougou ✓', nested: { list: [1, 2, 3] } },
      metadata: { originator: { state: 'GH', agency: 'GH-CUSTOMS' } },
      ...extra,
    }),
    lastPosition: async () => {
      let after = 0n;
      for (;;) {
        const page = await store().readAll({ after, maxCount: 1000 });
        const last = page.at(-1);
        if (!last) return after;
        after = last.position;
      }
    },
  };
}

/** Appending and reading one stream. */
function describeAppendAndRead({ store, stream, ev }: ContractFixture): void {
  it('appends to a new stream and reads it back in order, data and metadata intact', async () => {
    const s = stream();
    const events = [ev(0), ev(1), ev(2)];
    const r = await store().appendToStream(s, events, { expectedRevision: 'no_stream' });
    expect(r.nextExpectedRevision).toBe(2);
    const read = await store().readStream(s);
    expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(read[1]?.data).toEqual(events[1]?.data);
    expect(read[1]?.metadata).toEqual(events[1]?.metadata);
    expect(read[0]?.streamId).toBe(s);
    expect(read[0]!.position < read[1]!.position && read[1]!.position < read[2]!.position).toBe(true);
    expect(read[2]?.position).toBe(r.position);
  });

  it('returns an empty list for a stream that does not exist', async () => {
    expect(await store().readStream(stream())).toEqual([]);
  });

  it('reads a stream from a revision, bounded', async () => {
    const s = stream();
    await store().appendToStream(s, [ev(0), ev(1), ev(2), ev(3), ev(4)]);
    const read = await store().readStream(s, { fromRevision: 2, maxCount: 2 });
    expect(read.map((e) => (e.data as { n: number }).n)).toEqual([2, 3]);
  });
}

/** Optimistic concurrency: expected revisions, racing writers, idempotent re-appends. */
function describeExpectedRevisions({ store, stream, ev, lastPosition }: ContractFixture): void {
  it('enforces the expected revision', async () => {
    const s = stream();
    await expect(store().appendToStream(s, [ev(0)], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await store().appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
    await expect(store().appendToStream(s, [ev(1)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await store().appendToStream(s, [ev(1)], { expectedRevision: 0 });
    await store().appendToStream(s, [ev(2)], { expectedRevision: 'stream_exists' });
    const err = await store()
      .appendToStream(s, [ev(3)], { expectedRevision: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongExpectedRevisionError);
    expect((err as WrongExpectedRevisionError).code).toBe('TB_ERR_WRONG_EXPECTED_REVISION');
    expect((err as WrongExpectedRevisionError).actual).toBe(2);
    expect((await store().readStream(s)).length).toBe(3);
  });

  it('lets exactly one of concurrent writers at the same revision win', async () => {
    const s = stream();
    await store().appendToStream(s, [ev(0)]);
    const writers = Array.from({ length: 8 }, (_, i) => store().appendToStream(s, [ev(100 + i)], { expectedRevision: 0 }));
    const results = await Promise.allSettled(writers);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const l of lost) expect(l.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store().readStream(s)).length).toBe(2);
  });

  it('treats a re-append of the same event ids as the same append (a retry after a lost reply)', async () => {
    const s = stream();
    const batch = [ev(0), ev(1)];
    const first = await store().appendToStream(s, batch, { expectedRevision: 'no_stream' });
    const mark = await lastPosition();
    const again = await store().appendToStream(s, batch, { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    const againAny = await store().appendToStream(s, batch, { expectedRevision: 'any' });
    expect(againAny.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect((await store().readStream(s)).length).toBe(2);
    expect(await store().readAll({ after: mark })).toEqual([]);
  });
}

/** Reading all events in global order. */
function describeReadAll({ store, stream, ev, lastPosition }: ContractFixture): void {
  it('reads all events from any global position, in append order, in pages', async () => {
    const mark = await lastPosition();
    const streams = [stream(), stream(), stream()];
    const appended: string[] = [];
    for (let i = 0; i < 30; i++) {
      const e = ev(i);
      appended.push(e.id);
      await store().appendToStream(streams[i % 3]!, [e]);
    }
    const all = await store().readAll({ after: mark, maxCount: 1000 });
    expect(all.map((e) => e.id)).toEqual(appended);
    for (const k of [0, 1, 13, 28, 29]) {
      const from = await store().readAll({ after: all[k]!.position, maxCount: 1000 });
      expect(from.map((e) => e.id)).toEqual(appended.slice(k + 1));
    }
    const pages: RecordedEvent[] = [];
    let after = mark;
    for (;;) {
      const page = await store().readAll({ after, maxCount: 7 });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(7);
      pages.push(...page);
      after = page.at(-1)!.position;
    }
    expect(pages.map((e) => e.id)).toEqual(appended);
  });
}

/** Catch-up subscriptions from a checkpoint. */
function describeSubscriptions({ store, stream, ev, lastPosition }: ContractFixture): void {
  it('delivers existing events, then events appended after the subscription started', async () => {
    const mark = await lastPosition();
    const s = stream();
    const before = [ev(0), ev(1)];
    await store().appendToStream(s, before);
    const sub = store().subscribeToAll({ after: mark });
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of sub) {
        seen.push(e.id);
        if (seen.length === 5) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const later = [ev(2), ev(3), ev(4)];
    for (const e of later) await store().appendToStream(s, [e]);
    await done;
    await sub.close();
    expect(seen).toEqual([...before, ...later].map((e) => e.id));
  });

  it('resumes a subscription from a checkpoint without repeating what came before', async () => {
    const mark = await lastPosition();
    const s = stream();
    await store().appendToStream(s, [ev(0), ev(1), ev(2), ev(3)]);
    const all = await store().readAll({ after: mark });
    const checkpoint = all[1]!.position;
    const sub = store().subscribeToAll({ after: checkpoint });
    const seen: number[] = [];
    for await (const e of sub) {
      seen.push((e.data as { n: number }).n);
      if (seen.length === 2) break;
    }
    await sub.close();
    expect(seen).toEqual([2, 3]);
  });
}
