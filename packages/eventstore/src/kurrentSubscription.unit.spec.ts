import { randomUUID } from 'node:crypto';
import { AccessDeniedError, DeadlineExceededError, InvalidArgumentError, NotLeaderError, UnavailableError, UnknownError } from '@kurrent/kurrentdb-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventPositionMissingError } from './errors';
import type { AllSubscription, EventToAppend, RecordedEvent } from './eventStore';
import { FakeKurrentServer } from './fakeKurrentServer';
import type { KurrentLogger } from './kurrentClient';
import { getKurrentEventStore, type KurrentEventStoreOptions } from './kurrentEventStore';

/**
 * The KurrentDB adapter's subscription, driven through the client's
 * interface by a fake server that fails as the real one does. Timers are
 * fake: back-off is counted in virtual time, never slept.
 */

const ev = (n: number): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: { n } });

type ServiceErrorLike = ConstructorParameters<typeof NotLeaderError>[0];
/** The client builds NotLeaderError from the gRPC error's metadata, which names the leader. */
const notLeader = (): NotLeaderError =>
  new NotLeaderError({
    code: 14,
    details: 'Leader info available',
    message: 'Leader info available',
    name: 'Error',
    metadata: { 'leader-endpoint-host': 'node-2', 'leader-endpoint-port': '2113' },
  } as unknown as ServiceErrorLike);

function recordingLogger(): KurrentLogger & { warns: { obj: object; msg: string }[]; errors: { obj: object; msg: string }[] } {
  const warns: { obj: object; msg: string }[] = [];
  const errors: { obj: object; msg: string }[] = [];
  return { warns, errors, warn: (obj, msg) => warns.push({ obj, msg }), error: (obj, msg) => errors.push({ obj, msg }) };
}

/** Reads a subscription in the background until `count` events, its end, or its error. */
function consume(sub: AllSubscription, count = Number.POSITIVE_INFINITY): { events: RecordedEvent[]; error: unknown; done: boolean; finished: Promise<void> } {
  const out = { events: [] as RecordedEvent[], error: undefined as unknown, done: false, finished: Promise.resolve() };
  out.finished = (async () => {
    try {
      for await (const e of sub) {
        out.events.push(e);
        if (out.events.length >= count) break;
      }
    } catch (err) {
      out.error = err;
    } finally {
      out.done = true;
    }
  })();
  return out;
}

let server: FakeKurrentServer;
let logger: ReturnType<typeof recordingLogger>;
const open = (options: KurrentEventStoreOptions = {}) => getKurrentEventStore(server.client(), { resubscribeBackoffMs: [100, 200, 400, 800], logger, ...options });

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeKurrentServer();
  logger = recordingLogger();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KurrentDB subscription: failures that retrying cannot cure reach the consumer', () => {
  const permanent: [string, () => unknown][] = [
    ['access denied', () => new AccessDeniedError(undefined, 'Access denied')],
    [
      'a certificate the client refuses (TLS)',
      () => new UnavailableError(undefined, '14 UNAVAILABLE: No connection established. Last error: self-signed certificate in certificate chain'),
    ],
    ['a filter the server refuses', () => new InvalidArgumentError('invalid regex')],
    ['a failure the client cannot name', () => new UnknownError(undefined, '2 UNKNOWN: something else')],
  ];
  for (const [what, error] of permanent) {
    it(`ends the subscription with ${what}, subscribed once, and logs it (no silent resubscribing)`, async () => {
      server.defaultScript = { kind: 'fail', error: error() };
      const store = open();
      const sub = store.subscribeToAll();
      const seen = consume(sub);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen.done).toBe(true);
      expect(seen.error).toBeInstanceOf(Error);
      expect((seen.error as Error).message).toBe((error() as Error).message);
      expect(server.subscribeCalls).toHaveLength(1);
      expect(logger.errors).toHaveLength(1);
      await sub.close();
      await store.close();
    });
  }
});

describe('KurrentDB subscription: transient failures resubscribe from the last delivered event', () => {
  it('resumes after a not-leader error from the last position it delivered: no event twice, none lost, the retry logged', async () => {
    const store = open();
    const events = [ev(1), ev(2), ev(3), ev(4)];
    await store.appendToStream('s-1', events.slice(0, 2));
    await store.appendToStream('s-2', events.slice(2));
    server.scripts.push({ kind: 'fail', error: notLeader(), afterEvents: 2 });
    const sub = store.subscribeToAll();
    const seen = consume(sub, 5);
    await vi.advanceTimersByTimeAsync(1_000);
    const later = ev(5);
    await store.appendToStream('s-1', [later]);
    await vi.advanceTimersByTimeAsync(10);
    await seen.finished;
    expect(seen.events.map((e) => e.id)).toEqual([...events, later].map((e) => e.id));
    expect(server.subscribeCalls).toHaveLength(2);
    expect(server.subscribeCalls[1]?.fromPosition).toEqual({ commit: seen.events[1]!.position, prepare: seen.events[1]!.position });
    expect(logger.warns).toHaveLength(1);
    expect((logger.warns[0]!.obj as { err: unknown }).err).toBeInstanceOf(NotLeaderError);
    await sub.close();
    await store.close();
  });

  it('backs off longer after each consecutive failure, up to the last step, and logs every retry', async () => {
    server.defaultScript = { kind: 'fail', error: new UnavailableError(undefined, '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.0.0.5:2113') };
    server.scripts.push({ kind: 'fail', error: new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED') });
    const store = open();
    const sub = store.subscribeToAll();
    const seen = consume(sub);
    // Calls at 0, 100, 300, 700, 1500, 2300, 3100: the waits are 100, 200, 400, 800, 800, 800.
    await vi.advanceTimersByTimeAsync(3_150);
    expect(seen.done).toBe(false);
    expect(server.subscribeCalls).toHaveLength(7);
    expect(logger.warns.map((w) => (w.obj as { waitMs: number }).waitMs)).toEqual([100, 200, 400, 800, 800, 800, 800]);
    await sub.close();
    await seen.finished;
    await store.close();
  });
});

describe('KurrentDB subscription: a clean end of the server stream', () => {
  it('does not spin: it waits before each resubscription (counted over two virtual seconds)', async () => {
    server.defaultScript = { kind: 'end' };
    const store = open();
    const sub = store.subscribeToAll();
    const seen = consume(sub);
    await vi.advanceTimersByTimeAsync(2_000);
    // Calls at 0, 100, 300, 700, 1500: nothing delivered in between, so the waits grow as after failures.
    expect(server.subscribeCalls).toHaveLength(5);
    expect(logger.warns).toHaveLength(5);
    expect(seen.done).toBe(false);
    await sub.close();
    await seen.finished;
    expect(seen.error).toBeUndefined();
    await store.close();
  });

  it('closes at once while it waits to resubscribe', async () => {
    server.defaultScript = { kind: 'end' };
    const store = open({ resubscribeBackoffMs: [60_000] });
    const sub = store.subscribeToAll();
    const seen = consume(sub);
    await vi.advanceTimersByTimeAsync(10);
    await sub.close();
    await seen.finished;
    expect(server.subscribeCalls).toHaveLength(1);
    await store.close();
  });

  it('ends when the store is closed rather than resubscribing on a disposed client', async () => {
    server.defaultScript = { kind: 'end' };
    const store = open();
    const sub = store.subscribeToAll();
    const seen = consume(sub);
    await vi.advanceTimersByTimeAsync(10);
    await store.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.done).toBe(true);
    expect(server.subscribeCalls).toHaveLength(1);
    await sub.close();
  });
});

describe('KurrentDB subscription: an event without a position', () => {
  it('ends the subscription with EventPositionMissingError, never delivering a made-up position', async () => {
    const store = open();
    const [a, b, c] = [ev(1), ev(2), ev(3)];
    await store.appendToStream('s-1', [a, b, c]);
    server.positionless.add(b.id);
    const sub = store.subscribeToAll();
    const seen = consume(sub);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.events.map((e) => e.id)).toEqual([a.id]);
    expect(seen.error).toBeInstanceOf(EventPositionMissingError);
    expect((seen.error as EventPositionMissingError).code).toBe('TB_ERR_EVENT_POSITION_MISSING');
    expect(server.subscribeCalls).toHaveLength(1);
    await sub.close();
    await store.close();
  });
});
