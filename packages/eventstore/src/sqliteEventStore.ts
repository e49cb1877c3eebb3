import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { EventIdConflictError, StoreClosedError, WrongExpectedRevisionError } from './errors';
import { SqliteRecordedEvent, type EventRow } from './sqliteRecordedEvent';
import type { AllSubscription, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './eventStore';

export interface SqliteEventStoreOptions {
  /**
   * How often a subscription looks for events appended by another process
   * (appends through this instance wake subscribers at once). @default 50
   */
  pollIntervalMs?: number;
  /** Open read-only (a relay or a backup reader beside the writing service). @default false */
  readonly?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT    NOT NULL UNIQUE,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT,
  stored_at  INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  name      TEXT PRIMARY KEY,
  position  INTEGER NOT NULL
);
`;

/**
 * Open (or create) a SQLite file as every Tracebridge file is opened: WAL
 * lets readers in other processes (the relay) read while the service writes;
 * synchronous=FULL makes every commit durable (fsynced) before the call
 * returns. For files that hold no events (a vault and checkpoints beside a
 * KurrentDB store).
 */
export function openSqliteFile(file: string, readonly = false): Database.Database {
  const db = new Database(file, { readonly });
  db.defaultSafeIntegers(false);
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  return db;
}

/** Open (or create) a SQLite event store in one file: invariant 1 rests on this file, not on NATS. */
export function openSqliteDatabase(file: string, readonly = false): Database.Database {
  const db = openSqliteFile(file, readonly);
  if (!readonly) db.exec(SCHEMA);
  return db;
}

class SqliteEventStoreImpl implements SqliteEventStore {
  private closed = false;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly stmt;
  private readonly runAppend;

  constructor(
    readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.appended.setMaxListeners(0);
    this.stmt = {
      currentRevision: db.prepare<[string], { r: number | null }>('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?'),
      byEventId: db.prepare<[string], { stream_id: string; revision: bigint; position: bigint }>('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
      insert: db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      readStream: db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?'),
      readAll: db.prepare<[bigint, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck(),
    };
    this.stmt.head.safeIntegers(true);
    this.stmt.byEventId.safeIntegers(true);
    this.stmt.readStream.safeIntegers(true);
    this.stmt.readAll.safeIntegers(true);
    this.runAppend = db.transaction(this.appendTx);
  }

  // better-sqlite3 is synchronous: the transaction below runs to its fsync
  // without yielding, so two appends in this process can never interleave;
  // BEGIN IMMEDIATE serialises writers in other processes.
  private readonly appendTx = (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, alongside?: () => void): AppendResult => {
    const current = this.stmt.currentRevision.get(streamId)?.r ?? null;

    const first = events[0];
    const existing = first === undefined ? undefined : this.stmt.byEventId.get(first.id);
    if (existing !== undefined) return this.idempotentResult(streamId, events, existing);

    const actual = current ?? 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === null) ||
      (expected === 'stream_exists' && current !== null) ||
      (typeof expected === 'number' && current === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
    alongside?.();

    let revision = current ?? -1;
    let position = 0n;
    const now = Date.now();
    for (const e of events) {
      revision += 1;
      try {
        const info = this.stmt.insert.run(e.id, streamId, revision, e.type, JSON.stringify(e.data), e.metadata === undefined ? null : JSON.stringify(e.metadata), now);
        position = BigInt(info.lastInsertRowid);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String((err as Error).message).includes('event_id')) {
          throw new EventIdConflictError(e.id, streamId);
        }
        throw err;
      }
    }
    return { nextExpectedRevision: revision, position };
  };

  /** The same batch appended again (a retry after a lost reply): answer as the first time. */
  private idempotentResult(streamId: string, events: readonly EventToAppend[], first: { stream_id: string; revision: bigint; position: bigint }): AppendResult {
    if (first.stream_id !== streamId) throw new EventIdConflictError(events[0]!.id, streamId);
    let last = first;
    for (const [i, e] of events.entries()) {
      const row = this.stmt.byEventId.get(e.id);
      if (row?.stream_id !== streamId || row.revision !== first.revision + BigInt(i)) throw new EventIdConflictError(e.id, streamId);
      last = row;
    }
    return { nextExpectedRevision: Number(last.revision), position: last.position };
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.appendWith(streamId, events, options, undefined);
  }

  appendWith(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } | undefined,
    alongside: (() => void) | undefined,
  ): Promise<AppendResult> {
    try {
      if (this.closed) throw new StoreClosedError();
      if (events.length === 0) throw new RangeError('append needs at least one event');
      const result = this.runAppend.immediate(streamId, events, options?.expectedRevision ?? 'any', alongside);
      this.appended.emit('appended');
      return Promise.resolve(result);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const rows = this.stmt.readStream.all(streamId, options?.fromRevision ?? 0, options?.maxCount ?? -1);
    return Promise.resolve(rows.map(toRecorded));
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return Promise.resolve(this.readAllSync(options?.after ?? 0n, options?.maxCount ?? 1000));
  }

  private readAllSync(after: bigint, maxCount: number): RecordedEvent[] {
    return this.stmt.readAll.all(after, maxCount).map(toRecorded);
  }

  headPosition(): Promise<bigint> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return Promise.resolve(this.stmt.head.get() ?? 0n);
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    let after = options?.after ?? 0n;
    let stopped = false;
    let wake: (() => void) | undefined;
    const onAppend = (): void => wake?.();
    this.appended.on('appended', onAppend);
    const stop = (): void => {
      stopped = true;
      this.appended.off('appended', onAppend);
      wake?.();
    };
    const waitForMore = (): Promise<void> =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        function done(): void {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    const isClosed = (): boolean => this.closed;
    const readBatch = (from: bigint): RecordedEvent[] => this.readAllSync(from, 500);
    async function* events(): AsyncGenerator<RecordedEvent> {
      try {
        while (!stopped && !isClosed()) {
          const batch = readBatch(after);
          if (batch.length === 0) {
            await waitForMore();
            continue;
          }
          for (const e of batch) {
            if (stopped) return;
            after = e.position;
            yield e;
          }
        }
      } finally {
        stop();
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        stop();
        await iterator.return(undefined);
      },
    };
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.appended.emit('appended');
      this.db.close();
    }
    return Promise.resolve();
  }
}

const toRecorded = (r: EventRow): RecordedEvent => new SqliteRecordedEvent(r);

export interface SqliteEventStore extends EventStore {
  /** The store's file, for what is kept beside the events in it (checkpoints, a person vault) by adapters of their own. */
  readonly db: Database.Database;
  /**
   * Append as `appendToStream` does, and run `alongside` (synchronous writes
   * to this file) in the same transaction, once the expected revision holds
   * and before the events are inserted: both are committed, or neither. A
   * re-append of the same event ids changes nothing, and runs nothing alongside.
   * @throws WrongExpectedRevisionError when the stream is not as expected (then `alongside` has not run)
   */
  appendWith(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } | undefined,
    alongside: (() => void) | undefined,
  ): Promise<AppendResult>;
}

/** The embedded default: one SQLite file per service. */
export function getSqliteEventStore(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  return new SqliteEventStoreImpl(openSqliteDatabase(file, options.readonly ?? false), options);
}
