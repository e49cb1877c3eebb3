import {
  ANY,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  streamNameFilter,
  type AppendStreamState,
  type JSONEventType,
  type RecordedEvent as KurrentRecordedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { StoreClosedError, WrongExpectedRevisionError } from './errors';
import type { AllSubscription, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './eventStore';

export interface KurrentEventStoreOptions {
  /**
   * Appends in flight at once; further appends wait. Bounds memory and gRPC
   * pressure when a burst arrives (bulk uploads from a border post). @default 64
   */
  maxInFlightAppends?: number;
  /** Back-off between resubscription attempts, in ms. @default [100, 500, 1000, 5000] */
  resubscribeBackoffMs?: number[];
  /**
   * Keeps this store's streams apart from everyone else's on a shared
   * cluster: every stream name is prefixed with it on the server (callers
   * never see it), and reads of all events and subscriptions see only
   * streams that carry it. One per agency, e.g. `gh_customs.`; end it with
   * a character that cannot occur in the rest of a prefix, so no prefix is
   * the start of another. @default none: the whole of $all, system events excluded
   */
  streamPrefix?: string;
}

const toStreamState = (e: ExpectedRevision): AppendStreamState => (e === 'any' ? ANY : e === 'no_stream' ? NO_STREAM : e === 'stream_exists' ? STREAM_EXISTS : BigInt(e));

/**
 * Global position in $all. KurrentDB positions are (commit, prepare) pairs;
 * for events written outside explicit transactions, which is all Tracebridge
 * writes, the two are equal, so the commit position alone is the checkpoint.
 */
const toRecorded = (e: KurrentRecordedEvent, prefix: string): RecordedEvent => ({
  id: e.id,
  type: e.type,
  streamId: e.streamId.slice(prefix.length),
  revision: Number(e.revision),
  position: e.position?.commit ?? -1n,
  data: e.isJson ? e.data : JSON.parse(Buffer.from(e.data).toString('utf8')),
  metadata: e.isJson ? e.metadata : undefined,
  storedAt: e.created,
});

/** A counting semaphore: bounded in-flight appends. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

class KurrentEventStore implements EventStore {
  private closed = false;
  private readonly gate: Gate;
  private readonly backoff: number[];
  private readonly prefix: string;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentEventStoreOptions,
  ) {
    this.gate = new Gate(options.maxInFlightAppends ?? 64);
    this.backoff = options.resubscribeBackoffMs ?? [100, 500, 1000, 5000];
    this.prefix = options.streamPrefix ?? '';
    if (this.prefix.startsWith('$')) throw new RangeError('a stream prefix may not start with $ (system streams)');
  }

  /** Only this store's streams when it has a prefix; else every stream but the system's. */
  private allFilter() {
    return this.prefix ? streamNameFilter({ prefixes: [this.prefix] }) : excludeSystemEvents();
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) throw new StoreClosedError();
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const expected = options?.expectedRevision ?? 'any';
    try {
      const result = await this.gate.run(() =>
        this.client.appendToStream(
          this.prefix + streamId,
          events.map((e) =>
            jsonEvent<JSONEventType>({
              id: e.id,
              type: e.type,
              data: e.data as JSONEventType['data'],
              ...(e.metadata === undefined ? {} : { metadata: e.metadata }),
            }),
          ),
          { streamState: toStreamState(expected) },
        ),
      );
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position?.commit ?? -1n };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) {
        const actual = typeof err.actualState === 'bigint' ? Number(err.actualState) : 'no_stream';
        throw new WrongExpectedRevisionError(streamId, expected, actual, err);
      }
      throw err;
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (this.closed) throw new StoreClosedError();
    const out: RecordedEvent[] = [];
    try {
      for await (const r of this.client.readStream(this.prefix + streamId, {
        fromRevision: options?.fromRevision === undefined ? START : BigInt(options.fromRevision),
        ...(options?.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        if (r.event) out.push(toRecorded(r.event, this.prefix));
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return out;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (this.closed) throw new StoreClosedError();
    const out: RecordedEvent[] = [];
    const after = options?.after;
    const max = options?.maxCount ?? 1000;
    // readAll's fromPosition is inclusive; ask for one more and drop the checkpoint itself.
    for await (const r of this.client.readAll({
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      maxCount: max + 1,
      filter: this.allFilter(),
    })) {
      const e = r.event as KurrentRecordedEvent | undefined;
      if (!e || !e.streamId.startsWith(this.prefix) || (after !== undefined && (e.position?.commit ?? -1n) <= after)) continue;
      out.push(toRecorded(e, this.prefix));
      if (out.length >= max) break;
    }
    return out;
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    let after = options?.after;
    let stopped = false;
    let current: ReturnType<KurrentDBClient['subscribeToAll']> | undefined;
    const { client, backoff, prefix } = this;
    const filter = this.allFilter();
    async function* events(): AsyncGenerator<RecordedEvent> {
      let attempt = 0;
      while (!stopped) {
        try {
          // subscribeToAll's fromPosition is exclusive: it starts after the given position.
          current = client.subscribeToAll({
            fromPosition: after === undefined ? START : { commit: after, prepare: after },
            filter,
          });
          for await (const r of current as AsyncIterable<ResolvedEvent>) {
            attempt = 0;
            const e = r.event;
            if (!e?.streamId.startsWith(prefix)) continue;
            const rec = toRecorded(e, prefix);
            if (after !== undefined && rec.position <= after) continue;
            after = rec.position;
            yield rec;
          }
          if (stopped) return;
        } catch (err) {
          if (stopped) return;
          // Dropped (leader change, network): resubscribe from the last delivered position.
          const wait = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
          attempt += 1;
          void err;
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        stopped = true;
        await current?.unsubscribe().catch(() => undefined);
        await iterator.return(undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }
}

/**
 * KurrentDB / EventStoreDB 20+ over gRPC, e.g. `kurrentdb://127.0.0.1:2113?tls=false`.
 * @throws when the connection string does not parse (the client connects on first use)
 */
export function getKurrentEventStore(connectionString: string, options: KurrentEventStoreOptions = {}): EventStore {
  return new KurrentEventStore(KurrentDBClient.connectionString(connectionString), options);
}
