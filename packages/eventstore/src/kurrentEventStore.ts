import {
  ANY,
  ErrorType,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  excludeSystemEvents,
  streamNameFilter,
  type AppendStreamState,
  type Filter,
  type JSONEventType,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { AppendGate } from './appendGate';
import { EventIdConflictError, EventPositionMissingError, StoreClosedError, WrongExpectedRevisionError } from './errors';
import type { AllSubscription, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './eventStore';
import type { KurrentClient, KurrentLogger } from './kurrentClient';
import { clientErrorType, streamFailure } from './kurrentFailures';
import { positionOf, toReadPosition, toRecorded, validPosition } from './kurrentRecords';
import { ResubscribingSubscription } from './kurrentSubscription';

export interface KurrentEventStoreOptions {
  /**
   * Appends in flight at once; further appends wait. Bounds memory and gRPC
   * pressure when a burst arrives (bulk uploads from a border post). @default 64
   */
  maxInFlightAppends?: number;
  /**
   * Waits before a subscription resubscribes by itself, in ms, by consecutive
   * attempt that delivered nothing; the last one repeats. @default [100, 500, 1000, 5000]
   */
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
  /** Where subscriptions log their resubscriptions (warn) and the failures they hand on (error). @default none */
  logger?: KurrentLogger;
}

const toStreamState = (e: ExpectedRevision): AppendStreamState => (e === 'any' ? ANY : e === 'no_stream' ? NO_STREAM : e === 'stream_exists' ? STREAM_EXISTS : BigInt(e));

const toEventData = (e: EventToAppend) =>
  jsonEvent<JSONEventType>({ id: e.id, type: e.type, data: e.data as JSONEventType['data'], ...(e.metadata === undefined ? {} : { metadata: e.metadata }) });

class KurrentEventStore implements EventStore {
  private closed = false;
  private readonly gate: AppendGate;
  private readonly backoff: readonly number[];
  private readonly prefix: string;
  private readonly logger: KurrentLogger | undefined;
  private readonly filter: Filter;
  private readonly subscriptions = new Set<AllSubscription>();

  constructor(
    private readonly client: KurrentClient,
    options: KurrentEventStoreOptions,
  ) {
    this.gate = new AppendGate(options.maxInFlightAppends ?? 64);
    this.backoff = options.resubscribeBackoffMs?.length ? options.resubscribeBackoffMs : [100, 500, 1000, 5000];
    this.prefix = options.streamPrefix ?? '';
    this.logger = options.logger;
    if (this.prefix.startsWith('$')) throw new RangeError('a stream prefix may not start with $ (system streams)');
    // Only this store's streams when it has a prefix; else every stream but the system's.
    this.filter = this.prefix ? streamNameFilter({ prefixes: [this.prefix] }) : excludeSystemEvents();
  }

  /**
   * The server filters reads of all events and subscriptions by `filter`;
   * this checks every event again, so that one agency's relay can never
   * publish another's events on a shared cluster, whatever the server did
   * with the filter.
   */
  private readonly owns = (e: KurrentRecordedEvent): boolean => (this.prefix ? e.streamId.startsWith(this.prefix) : !e.streamId.startsWith('$') && !e.type.startsWith('$'));

  async appendToStream(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) throw new StoreClosedError();
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const expected = options?.expectedRevision ?? 'any';
    let result;
    try {
      result = await this.gate.run(() => {
        if (this.closed) throw new StoreClosedError();
        return this.client.appendToStream(this.prefix + streamId, events.map(toEventData), { streamState: toStreamState(expected) });
      });
    } catch (err) {
      if (clientErrorType(err) === ErrorType.WRONG_EXPECTED_VERSION) return this.alreadyAppended(streamId, events, expected, err);
      throw streamFailure(err, streamId);
    }
    const revision = Number(result.nextExpectedRevision);
    // Older servers answer an idempotent append without a position: it is that of the batch's last event, already stored.
    return { nextExpectedRevision: revision, position: validPosition(result.position) ?? (await this.positionAt(streamId, revision, events.at(-1)!.id)) };
  }

  /**
   * The server refused the expected revision: another writer got there
   * first, or this batch is stored already (a retry after a lost reply,
   * whose expected revision the stream has since passed; the server only
   * recognises those at the revision they expected). Read the stream to
   * tell, and answer as the SQLite store does: the same batch at
   * consecutive revisions is the same append; some of its ids stored, but
   * not as this batch, is an id conflict (the server's "corrupted
   * idempotency", which it reports as a wrong expected version); none of
   * them stored is the revision conflict it looked like.
   *
   * Event ids are unique per stream only on KurrentDB: an id already used in
   * another stream is not seen here (see EventToAppend.id).
   */
  private async alreadyAppended(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, err: unknown): Promise<AppendResult> {
    const stored = new Map((await this.readStream(streamId)).map((e) => [e.id.toLowerCase(), e]));
    const first = stored.get(events[0]!.id.toLowerCase());
    if (first === undefined) {
      const actual = (err as { actualState?: unknown }).actualState;
      throw new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no_stream', err);
    }
    let last = first;
    for (const [i, e] of events.entries()) {
      const at = stored.get(e.id.toLowerCase());
      if (at?.revision !== first.revision + i) throw new EventIdConflictError(e.id, streamId);
      last = at;
    }
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** The position of the event at `revision`, read back; `eventId` names it if it cannot be found. */
  private async positionAt(streamId: string, revision: number, eventId: string): Promise<bigint> {
    const [e] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (e?.revision !== revision) throw new EventPositionMissingError(eventId, streamId);
    return e.position;
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
      if (clientErrorType(err) === ErrorType.STREAM_NOT_FOUND) return [];
      throw streamFailure(err, streamId);
    }
    return out;
  }

  /**
   * Pages through $all until `maxCount` of this store's events, or the end.
   * With the server filtering, the first page is the answer; if it sent
   * other streams' events too, those are skipped and the read goes on after
   * them, so a page is never cut short (an empty page means the end).
   */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (this.closed) throw new StoreClosedError();
    const max = options?.maxCount ?? 1000;
    const out: RecordedEvent[] = [];
    let after = options?.after;
    while (out.length < max) {
      let received = 0;
      let last: bigint | undefined;
      // readAll's fromPosition is inclusive: ask for one more and drop the position itself.
      for await (const r of this.client.readAll({ fromPosition: after === undefined ? START : toReadPosition(after), maxCount: max + 1, filter: this.filter })) {
        received += 1;
        const e = r.event;
        if (e === undefined) continue;
        const position = positionOf(e, this.owns(e) ? e.streamId.slice(this.prefix.length) : e.streamId);
        if (after !== undefined && position <= after) continue;
        last = position;
        if (this.owns(e) && out.push(toRecorded(e, this.prefix)) >= max) break;
      }
      if (received < max + 1 || last === undefined) break;
      after = last;
    }
    return out;
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    const subscription = new ResubscribingSubscription(
      {
        client: this.client,
        filter: this.filter,
        owns: this.owns,
        toRecorded: (e) => toRecorded(e, this.prefix),
        isClosed: () => this.closed,
        backoff: this.backoff,
        logger: this.logger,
      },
      options?.after,
    );
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Subscriptions end, rather than resubscribe on a disposed client.
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }
}

/**
 * KurrentDB / EventStoreDB 22.6 or later over gRPC, from a connection string
 * (`kurrentdb://127.0.0.1:2113?tls=false`; the client connects on first use),
 * or over a client given (tests drive the failure paths through a fake).
 * @throws when the connection string does not parse, or the stream prefix starts with $
 */
export function getKurrentEventStore(connection: string | KurrentClient, options: KurrentEventStoreOptions = {}): EventStore {
  const client: KurrentClient = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
  return new KurrentEventStore(client, options);
}
