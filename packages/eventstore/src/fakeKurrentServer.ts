import {
  START,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient, KurrentClientSubscription } from './kurrentClient';

/**
 * Test support, not runtime code: an in-memory stand-in for one KurrentDB
 * server, answering through the client's interface and with its error
 * classes. Several stores (prefixes) can share one, as agencies share a
 * cluster. Appends follow the server's idempotency rules (KurrentDB
 * `IndexWriter.CheckCommit`): with an exact expected revision below the
 * stream's, the batch's ids are compared with the events stored from that
 * revision on (all equal: idempotent; the first differs: wrong expected
 * version; a later one differs: "corrupted idempotency", also reported as
 * wrong expected version); with `any`/`stream_exists`, by the id cache
 * (here it never forgets). Event ids are per stream, as on the server.
 */

interface Stored {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  commit: bigint;
  created: Date;
}

/** What one `subscribeToAll` does after delivering what is stored: stay live, end cleanly, or fail (after `afterEvents` events, or once caught up). */
export type SubscriptionScript = { kind: 'live' } | { kind: 'end' } | { kind: 'fail'; error: unknown; afterEvents?: number };

export class FakeKurrentServer {
  readonly log: Stored[] = [];
  readonly tombstoned = new Set<string>();
  /** Ids of events the server sends without a position (as EventStoreDB before 22.6 does on stream reads). */
  readonly positionless = new Set<string>();
  /** Idempotent appends answered without a position (as older servers do). */
  omitIdempotentPositions = false;
  /** Send every event whatever the filter says (a filter the server did not apply). */
  ignoreFilters = false;
  /** Awaited by every append before it is decided: lets a test hold appends in flight. */
  appendHook: (() => Promise<void>) | undefined;
  inFlightAppends = 0;
  peakAppends = 0;
  readonly subscribeCalls: { fromPosition: ReadPosition; filter: Filter }[] = [];
  readonly readAllCalls: { fromPosition: ReadPosition; maxCount: number; filter: Filter }[] = [];
  /** One per `subscribeToAll` call, in order; then `defaultScript`. */
  readonly scripts: SubscriptionScript[] = [];
  defaultScript: SubscriptionScript = { kind: 'live' };
  /** Past this many calls a subscription stays live and empty, so a client that resubscribes in a tight loop is counted, not left to starve the test. */
  maxSubscriptions = 1000;
  private nextCommit = 1000n;
  private readonly listeners = new Set<() => void>();

  client(): KurrentClient {
    return {
      appendToStream: (stream, events, options) => this.append(stream, events, options.streamState),
      readStream: (stream, options) => this.readStream(stream, options),
      readAll: (options) => {
        this.readAllCalls.push(options);
        return this.readAll(options);
      },
      subscribeToAll: (options) => this.subscribe(options),
      dispose: () => Promise.resolve(),
    };
  }

  private async append(stream: string, events: EventData[], state: AppendStreamState): Promise<ClientAppendResult> {
    this.inFlightAppends += 1;
    this.peakAppends = Math.max(this.peakAppends, this.inFlightAppends);
    try {
      await this.appendHook?.();
      return this.commit(stream, events, state);
    } finally {
      this.inFlightAppends -= 1;
    }
  }

  private commit(stream: string, events: EventData[], state: AppendStreamState): ClientAppendResult {
    if (this.tombstoned.has(stream)) throw ClientStreamDeletedError.fromStreamName(stream);
    const current = this.lastRevision(stream);
    const wrong = (): WrongExpectedVersionError => new WrongExpectedVersionError(undefined, { streamName: stream, expected: state, current: current < 0n ? 'no_stream' : current });
    if (state === 'stream_exists' && current < 0n) throw wrong();
    if (state === 'any' || state === 'stream_exists') {
      const found = events.map((e) => this.log.find((s) => s.streamId === stream && s.id === e.id));
      if (found[0] === undefined) return this.write(stream, events, current);
      if (found.every((f) => f !== undefined)) return this.idempotent(found.at(-1)!);
      throw wrong();
    }
    const expected = state === 'no_stream' ? -1n : state;
    if (expected > current) throw wrong();
    if (expected === current) return this.write(stream, events, current);
    const stored = events.map((e, i) => this.log.find((s) => s.streamId === stream && s.revision === expected + 1n + BigInt(i) && s.id === e.id));
    if (stored.some((s) => s === undefined)) throw wrong();
    return this.idempotent(stored.at(-1)!);
  }

  private write(stream: string, events: EventData[], current: bigint): ClientAppendResult {
    let revision = current;
    for (const e of events) {
      revision += 1n;
      this.nextCommit += 100n;
      this.log.push({ streamId: stream, id: e.id, type: e.type, data: e.data, metadata: e.metadata, revision, commit: this.nextCommit, created: new Date(0) });
    }
    for (const wake of [...this.listeners]) wake();
    return { success: true, nextExpectedRevision: revision, position: { commit: this.nextCommit, prepare: this.nextCommit } };
  }

  private idempotent(last: Stored): ClientAppendResult {
    const position = this.omitIdempotentPositions ? undefined : { commit: last.commit, prepare: last.commit };
    return { success: true, nextExpectedRevision: last.revision, position };
  }

  private lastRevision(stream: string): bigint {
    return this.log.filter((s) => s.streamId === stream).reduce((max, s) => (s.revision > max ? s.revision : max), -1n);
  }

  private async *readStream(stream: string, options: { fromRevision: ReadRevision; maxCount?: number }): AsyncGenerator<ResolvedEvent> {
    await Promise.resolve();
    if (this.tombstoned.has(stream)) throw ClientStreamDeletedError.fromStreamName(stream);
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
    const events = this.log.filter((s) => s.streamId === stream);
    if (events.length === 0) throw new StreamNotFoundError(undefined, stream);
    for (const e of events.filter((s) => s.revision >= from).slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) yield { event: this.recorded(e) };
  }

  private async *readAll(options: { fromPosition: ReadPosition; maxCount: number; filter: Filter }): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    // Inclusive of the position given, as the server's readAll is.
    const from = typeof options.fromPosition === 'object' ? options.fromPosition.commit : 0n;
    const events = this.log.filter((s) => s.commit >= from && this.passes(s, options.filter));
    for (const e of events.slice(0, options.maxCount)) yield { event: this.recorded(e) };
  }

  private subscribe(options: { fromPosition: ReadPosition; filter: Filter }): KurrentClientSubscription {
    this.subscribeCalls.push(options);
    const script = this.subscribeCalls.length > this.maxSubscriptions ? { kind: 'live' as const } : (this.scripts.shift() ?? this.defaultScript);
    const state = { cancelled: false, wake: undefined as (() => void) | undefined };
    // Exclusive of the position given, as the server's subscribeToAll is.
    const after = options.fromPosition === START ? -1n : typeof options.fromPosition === 'object' ? options.fromPosition.commit : -1n;
    const events = this.subscription(after, options.filter, script, state);
    return {
      [Symbol.asyncIterator]: () => events,
      unsubscribe: () => {
        state.cancelled = true;
        state.wake?.();
        return Promise.resolve();
      },
    };
  }

  private async *subscription(
    after: bigint,
    filter: Filter,
    script: SubscriptionScript,
    state: { cancelled: boolean; wake: (() => void) | undefined },
  ): AsyncGenerator<AllStreamResolvedEvent> {
    let cursor = this.log.findIndex((s) => s.commit > after);
    if (cursor < 0) cursor = this.log.length;
    let delivered = 0;
    for (;;) {
      await Promise.resolve();
      for (; cursor < this.log.length && !state.cancelled; cursor++) {
        const e = this.log[cursor]!;
        if (!this.passes(e, filter)) continue;
        if (script.kind === 'fail' && delivered === (script.afterEvents ?? 0)) throw script.error;
        delivered += 1;
        yield { event: this.recorded(e) };
      }
      if (script.kind === 'fail' && !state.cancelled) throw script.error;
      if (script.kind === 'end' || state.cancelled) return;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.listeners.delete(wake);
          resolve();
        };
        state.wake = wake;
        this.listeners.add(wake);
      });
    }
  }

  private passes(e: Stored, filter: Filter): boolean {
    if (this.ignoreFilters) return true;
    const subject = filter.filterOn === 'streamName' ? e.streamId : e.type;
    return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
  }

  private recorded(e: Stored): AllStreamRecordedEvent {
    const position = this.positionless.has(e.id) ? undefined : { commit: e.commit, prepare: e.commit };
    return {
      streamId: e.streamId,
      id: e.id,
      isJson: true,
      revision: e.revision,
      type: e.type,
      created: e.created,
      data: e.data,
      metadata: e.metadata,
      position,
    } as AllStreamRecordedEvent;
  }
}
