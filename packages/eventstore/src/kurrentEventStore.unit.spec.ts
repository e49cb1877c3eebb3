import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventIdConflictError, EventPositionMissingError, StreamDeletedError, WrongExpectedRevisionError } from './errors';
import type { EventStore, EventToAppend, RecordedEvent } from './eventStore';
import { FakeKurrentServer } from './fakeKurrentServer';
import { getKurrentEventStore } from './kurrentEventStore';

/**
 * The KurrentDB adapter's appends and reads, driven through the client's
 * interface by a fake server that answers as KurrentDB does (see
 * `fakeKurrentServer.ts`). The contract suite runs against a real server
 * where KURRENTDB_URL is set (`kurrentEventStore.int.spec.ts`).
 */

const ev = (n: number): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: { n }, metadata: { originator: { agency: 'GH-CUSTOMS' } } });
/** Lets every pending callback run: the next turn of the event loop. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let server: FakeKurrentServer;
beforeEach(() => {
  server = new FakeKurrentServer();
});

describe('KurrentDB adapter: appends in flight', () => {
  it('never has more appends in flight than maxInFlightAppends, whenever a slot frees', async () => {
    const held: (() => void)[] = [];
    server.appendHook = () => new Promise<void>((resolve) => held.push(resolve));
    const store = getKurrentEventStore(server.client(), { maxInFlightAppends: 3 });
    const appends: Promise<unknown>[] = [];
    const start = (): void => void appends.push(store.appendToStream(`s-${appends.length}`, [ev(appends.length)]));
    for (let i = 0; i < 6; i++) start();
    await turn();
    for (let round = 0; round < 12; round++) {
      held.shift()?.();
      // New appends arrive 0 to 11 microtasks after the release: one of them lands
      // between a slot being freed and the waiter it woke taking it.
      for (let hops = 0; hops < 12; hops++) {
        let p = Promise.resolve();
        for (let h = 0; h < hops; h++) p = p.then(() => undefined);
        void p.then(start);
      }
      await turn();
    }
    while (held.length > 0) {
      held.shift()!();
      await turn();
    }
    await Promise.all(appends);
    expect(server.log).toHaveLength(appends.length);
    expect(server.peakAppends).toBe(3);
    await store.close();
  });
});

describe('KurrentDB adapter: event ids', () => {
  // Not with the stream's current revision (2 here): the server takes that as a new append without comparing ids,
  // and the adapter does not read before every append to catch it. A retry expects the revision its first attempt
  // expected, which the stream has passed if that attempt was stored.
  it('answers an identical re-append as the first append, whatever earlier (or later) revision it expects, and stores nothing twice', async () => {
    const store = getKurrentEventStore(server.client());
    const batch = [ev(0), ev(1)];
    const first = await store.appendToStream('s-1', batch, { expectedRevision: 'no_stream' });
    await store.appendToStream('s-1', [ev(2)], { expectedRevision: 1 });
    for (const expectedRevision of ['no_stream', 'any', 'stream_exists', 0, 1, 7] as const) {
      expect(await store.appendToStream('s-1', batch, { expectedRevision })).toEqual(first);
    }
    expect((await store.readStream('s-1')).map((e) => e.id)).toEqual([...batch.map((e) => e.id), expect.any(String)]);
    await store.close();
  });

  it('refuses a re-append that is not the same batch with EventIdConflictError (not a revision conflict to retry)', async () => {
    const store = getKurrentEventStore(server.client());
    const [a, b, c] = [ev(0), ev(1), ev(2)];
    await store.appendToStream('s-1', [a, b], { expectedRevision: 'no_stream' });
    const err = await store.appendToStream('s-1', [a, c], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventIdConflictError);
    expect(err).toMatchObject({ code: 'TB_ERR_EVENT_ID_CONFLICT', eventId: c.id, streamId: 's-1' });
    await expect(store.appendToStream('s-1', [a, c], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.appendToStream('s-1', [b, c], { expectedRevision: 0 })).rejects.toBeInstanceOf(EventIdConflictError);
    expect(server.log).toHaveLength(2);
    await store.close();
  });

  it('still reports another writer at the expected revision as WrongExpectedRevisionError', async () => {
    const store = getKurrentEventStore(server.client());
    await store.appendToStream('s-1', [ev(0)]);
    const err = await store.appendToStream('s-1', [ev(1)], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongExpectedRevisionError);
    expect(err).toMatchObject({ expected: 'no_stream', actual: 0 });
    await store.close();
  });
});

describe('KurrentDB adapter: deleted streams', () => {
  it('maps a deleted stream to StreamDeletedError with a stable code, on append and on read, named without the prefix', async () => {
    const store = getKurrentEventStore(server.client(), { streamPrefix: 'gh_customs.' });
    await store.appendToStream('seizure-1', [ev(0)]);
    server.tombstoned.add('gh_customs.seizure-1');
    for (const attempt of [() => store.appendToStream('seizure-1', [ev(1)]), () => store.readStream('seizure-1')]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StreamDeletedError);
      expect(err).toMatchObject({ code: 'TB_ERR_STREAM_DELETED', streamId: 'seizure-1' });
      expect((err as Error).cause).toBeInstanceOf(Error);
    }
    await store.close();
  });
});

describe('KurrentDB adapter: positions', () => {
  it('refuses events without a position in reads (never -1) with EventPositionMissingError', async () => {
    const store = getKurrentEventStore(server.client());
    const [a, b] = [ev(0), ev(1)];
    await store.appendToStream('s-1', [a, b]);
    server.positionless.add(b.id);
    await expect(store.readStream('s-1')).rejects.toBeInstanceOf(EventPositionMissingError);
    await expect(store.readAll()).rejects.toMatchObject({ code: 'TB_ERR_EVENT_POSITION_MISSING', eventId: b.id, streamId: 's-1' });
    await store.close();
  });

  it('looks up the position of an idempotent append the server answered without one', async () => {
    const store = getKurrentEventStore(server.client());
    const batch = [ev(0), ev(1)];
    const first = await store.appendToStream('s-1', batch);
    server.omitIdempotentPositions = true;
    const again = await store.appendToStream('s-1', batch, { expectedRevision: 'no_stream' });
    expect(again).toEqual(first);
    expect(again.position > 0n).toBe(true);
    await store.close();
  });
});

describe('KurrentDB adapter: agencies sharing one $all', () => {
  /** Two agencies on one server, their appends interleaved; a third store with no prefix. */
  async function twoAgencies(): Promise<{ a: EventStore; b: EventStore; ownA: string[]; ownB: string[] }> {
    const a = getKurrentEventStore(server.client(), { streamPrefix: 'gh_customs.', resubscribeBackoffMs: [10] });
    const b = getKurrentEventStore(server.client(), { streamPrefix: 'gh_police.', resubscribeBackoffMs: [10] });
    const ownA: string[] = [];
    const ownB: string[] = [];
    for (let i = 0; i < 12; i++) {
      const e = ev(i);
      const [store, own] = i % 3 === 0 ? [a, ownA] : [b, ownB];
      own.push(e.id);
      await store.appendToStream(`seizure-${i}`, [e]);
    }
    return { a, b, ownA, ownB };
  }

  async function readAllInPages(store: EventStore, maxCount: number): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ after: all.at(-1)?.position ?? 0n, maxCount });
      if (page.length === 0) return all;
      all.push(...page);
    }
  }

  it('asks the server for its own prefix only, in reads of all events and in subscriptions', async () => {
    const { a, b, ownA } = await twoAgencies();
    await a.readAll();
    const sub = a.subscribeToAll();
    let seen = 0;
    for await (const _ of sub) if (++seen === ownA.length) break;
    await sub.close();
    for (const call of [server.readAllCalls[0], server.subscribeCalls[0]]) expect(call?.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['gh_customs.'] });
    await a.close();
    await b.close();
  });

  it('yields only its own events, and all of them, even where the server did not apply the filter', async () => {
    const { a, b, ownA, ownB } = await twoAgencies();
    server.ignoreFilters = true;
    for (const [store, own] of [
      [a, ownA],
      [b, ownB],
    ] as const) {
      expect((await readAllInPages(store, 2)).map((e) => e.id)).toEqual(own);
      expect((await store.readAll({ maxCount: 1000 })).map((e) => e.id)).toEqual(own);
      const seen: string[] = [];
      const sub = store.subscribeToAll();
      for await (const e of sub) {
        seen.push(e.id);
        if (seen.length === own.length) break;
      }
      await sub.close();
      expect(seen).toEqual(own);
    }
    expect((await a.readStream('seizure-0')).map((e) => e.streamId)).toEqual(['seizure-0']);
    await a.close();
    await b.close();
  });
});
