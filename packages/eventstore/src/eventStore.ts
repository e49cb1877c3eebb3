/**
 * The EventStore port. Adapters: SQLite (embedded default,
 * `getSqliteEventStore`) and KurrentDB/EventStoreDB (`getKurrentEventStore`);
 * both pass the contract suite in `eventStoreContract.ts`.
 */

/**
 * What the writer expects of the stream: anything, no stream yet, an existing
 * stream, or the exact revision (0-based) of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventToAppend {
  /**
   * A UUID (Tracebridge uses UUIDv7); re-appending the same ids to the same
   * stream is idempotent. SQLite refuses an id used anywhere else in the
   * store; KurrentDB keeps ids per stream, so there an id reused in another
   * stream is stored (the adapter cannot see it without a second write).
   */
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

export interface RecordedEvent {
  id: string;
  type: string;
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the whole store; strictly increasing in append order. */
  position: bigint;
  data: unknown;
  metadata: unknown;
  /** When the store recorded it (the store's clock, for operators; not domain time). */
  storedAt: Date;
  /**
   * The JSON text of data and metadata as stored, where the adapter has it
   * (SQLite): lets the relay publish without parsing and re-serialising.
   */
  readonly raw?: { data: string; metadata: string | null };
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  /** First revision to return. @default 0 */
  fromRevision?: number;
  /** @default unbounded */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this global position. @default start of the store */
  after?: bigint;
  /** @default 1000 */
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position: the subscriber's checkpoint. @default start */
  after?: bigint;
}

/**
 * A catch-up subscription to all events: existing ones first, then live ones
 * as they are appended. It resubscribes by itself after connection failures,
 * from the last position it delivered, waiting between attempts. A failure
 * that resubscribing cannot cure (access refused, an event without a
 * position) ends the iteration by throwing it.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Append atomically. Resolves only when the events are durable.
   * @throws WrongExpectedRevisionError when the stream is not as expected
   * @throws EventIdConflictError when some of the ids are stored already, but not as this same batch
   * @throws StreamDeletedError when the stream was deleted (KurrentDB)
   */
  appendToStream(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Events of one stream in revision order; an empty list when it does not exist.
   * @throws StreamDeletedError when the stream was deleted (KurrentDB)
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of all events in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** The position of the store's last event (0 when empty), where the adapter can tell it cheaply: the relay's lag is measured against it. */
  headPosition?(): Promise<bigint>;
  close(): Promise<void>;
}
