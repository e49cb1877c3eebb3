import type Database from 'better-sqlite3';
import type { TracebridgeEvent } from '@tracebridge/contracts';

/** An event that arrived after a gap in its origin's chain: held, verified, until the events before it arrive. */
export interface ParkedEvent {
  origin: string;
  position: bigint;
  previous: bigint;
  streamSequence: number;
  /** The message as it arrived, should the event be dead-lettered when it is released. */
  subject: string;
  data: Uint8Array;
  event: TracebridgeEvent;
}

/** A message quarantined by the consumer: permanently bad (signature, schema, originator), kept to be listed and replayed. */
export interface DeadLetterRow {
  id: number;
  streamSequence: number;
  subject: string;
  code: string;
  reason: string;
  eventId: string | null;
  deadAt: number;
  replayRequested: boolean;
}

/** An origin whose chain has a gap: the consumer holds everything after `after` until the events up to `upTo` arrive. */
export interface OriginGap {
  origin: string;
  after: bigint;
  upTo: bigint;
  parked: number;
}

const DDL = `
CREATE TABLE IF NOT EXISTS consumer_positions (consumer TEXT PRIMARY KEY, stream_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS origin_chains (consumer TEXT NOT NULL, origin TEXT NOT NULL, last_position INTEGER NOT NULL, PRIMARY KEY (consumer, origin)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parked_events (
  consumer TEXT NOT NULL, origin TEXT NOT NULL, position INTEGER NOT NULL, previous INTEGER NOT NULL,
  stream_seq INTEGER NOT NULL, subject TEXT NOT NULL, data BLOB NOT NULL, event TEXT NOT NULL, parked_at INTEGER NOT NULL,
  PRIMARY KEY (consumer, origin, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT, consumer TEXT NOT NULL, stream_seq INTEGER NOT NULL, subject TEXT NOT NULL,
  code TEXT NOT NULL, reason TEXT NOT NULL, event_id TEXT, data BLOB NOT NULL, headers TEXT,
  dead_at INTEGER NOT NULL, replay_requested INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS dead_letters_replay ON dead_letters (consumer, replay_requested);
`;

interface ParkedRow {
  origin: string;
  position: bigint;
  previous: bigint;
  stream_seq: bigint;
  subject: string;
  data: Buffer;
  event: string;
}

/**
 * What a consumer knows of its own progress, in the read model's own file
 * and written in the transaction of the events it applies (issue 10):
 * where it is in the stream, how far each origin's chain is contiguous,
 * the events held after a gap, and the dead letters. Delete the file and
 * all of it goes with the read model: a new one starts from the beginning.
 */
export class ConsumerLedger {
  private readonly stmt;

  constructor(
    readonly db: Database.Database,
    readonly consumer: string,
  ) {
    // Read-only: the operator's dead-letter listing beside a running hub.
    if (!db.readonly) db.exec(DDL);
    this.stmt = {
      position: db.prepare<[string], bigint>('SELECT stream_seq FROM consumer_positions WHERE consumer = ?').pluck().safeIntegers(true),
      setPosition: db.prepare('INSERT INTO consumer_positions (consumer, stream_seq) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET stream_seq = excluded.stream_seq'),
      last: db.prepare<[string, string], bigint>('SELECT last_position FROM origin_chains WHERE consumer = ? AND origin = ?').pluck().safeIntegers(true),
      setLast: db.prepare(
        'INSERT INTO origin_chains (consumer, origin, last_position) VALUES (?, ?, ?) ON CONFLICT (consumer, origin) DO UPDATE SET last_position = excluded.last_position',
      ),
      chains: db.prepare<[string], { origin: string; last_position: bigint }>('SELECT origin, last_position FROM origin_chains WHERE consumer = ?').safeIntegers(true),
      park: db.prepare(
        'INSERT OR REPLACE INTO parked_events (consumer, origin, position, previous, stream_seq, subject, data, event, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      firstParked: db
        .prepare<[string, string], ParkedRow>(
          'SELECT origin, position, previous, stream_seq, subject, data, event FROM parked_events WHERE consumer = ? AND origin = ? ORDER BY position LIMIT 1',
        )
        .safeIntegers(true),
      unpark: db.prepare('DELETE FROM parked_events WHERE consumer = ? AND origin = ? AND position = ?'),
      gaps: db
        .prepare<[string], { origin: string; after: bigint | null; up_to: bigint; parked: bigint }>(
          `SELECT p.origin, c.last_position AS after, MIN(p.previous) AS up_to, COUNT(*) AS parked FROM parked_events p
           LEFT JOIN origin_chains c ON c.consumer = p.consumer AND c.origin = p.origin WHERE p.consumer = ? GROUP BY p.origin`,
        )
        .safeIntegers(true),
      deadLetter: db.prepare('INSERT INTO dead_letters (consumer, stream_seq, subject, code, reason, event_id, data, headers, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      deadLetters: db.prepare<[string], DeadLetterRow>(
        'SELECT id, stream_seq AS streamSequence, subject, code, reason, event_id AS eventId, dead_at AS deadAt, replay_requested AS replayRequested FROM dead_letters WHERE consumer = ? ORDER BY id',
      ),
      deadLetterCount: db.prepare<[string], number>('SELECT COUNT(*) FROM dead_letters WHERE consumer = ?').pluck(),
      toReplay: db.prepare<[string], { id: number; stream_seq: number; subject: string; data: Buffer; headers: string | null }>(
        'SELECT id, stream_seq, subject, data, headers FROM dead_letters WHERE consumer = ? AND replay_requested = 1 ORDER BY id LIMIT 500',
      ),
      dropDeadLetter: db.prepare('DELETE FROM dead_letters WHERE id = ?'),
      requestReplay: db.prepare('UPDATE dead_letters SET replay_requested = 1 WHERE consumer = ? AND (? IS NULL OR id = ?)'),
      requestReplayOf: db.prepare('UPDATE dead_letters SET replay_requested = 1 WHERE consumer = ? AND code = ? AND replay_requested = 0'),
    };
  }

  /** The stream sequence of the last message this read model has taken in (0: none). */
  position(): number {
    return Number(this.stmt.position.get(this.consumer) ?? 0n);
  }

  setPosition(seq: number): void {
    this.stmt.setPosition.run(this.consumer, seq);
  }

  /** The origin's store position up to which every event has been taken in (0: none). */
  last(origin: string): bigint {
    return this.stmt.last.get(this.consumer, origin) ?? 0n;
  }

  setLast(origin: string, position: bigint): void {
    this.stmt.setLast.run(this.consumer, origin, position);
  }

  /** Every origin's contiguous position. */
  chains(): Map<string, bigint> {
    return new Map(this.stmt.chains.all(this.consumer).map((r) => [r.origin, r.last_position]));
  }

  park(p: ParkedEvent): void {
    this.stmt.park.run(this.consumer, p.origin, p.position, p.previous, p.streamSequence, p.subject, Buffer.from(p.data), JSON.stringify(p.event), Date.now());
  }

  /** The origin's held event of the lowest position. */
  firstParked(origin: string): ParkedEvent | undefined {
    const r = this.stmt.firstParked.get(this.consumer, origin);
    return (
      r && {
        origin: r.origin,
        position: r.position,
        previous: r.previous,
        streamSequence: Number(r.stream_seq),
        subject: r.subject,
        data: new Uint8Array(r.data),
        event: JSON.parse(r.event) as TracebridgeEvent,
      }
    );
  }

  unpark(origin: string, position: bigint): void {
    this.stmt.unpark.run(this.consumer, origin, position);
  }

  /** The origins with held events, and what is missing before them. */
  gaps(): OriginGap[] {
    return this.stmt.gaps.all(this.consumer).map((r) => ({ origin: r.origin, after: r.after ?? 0n, upTo: r.up_to, parked: Number(r.parked) }));
  }

  deadLetter(d: { streamSequence: number; subject: string; code: string; reason: string; eventId: string | undefined; data: Uint8Array; headers: Record<string, string> }): void {
    this.stmt.deadLetter.run(
      this.consumer,
      d.streamSequence,
      d.subject,
      d.code,
      d.reason.slice(0, 500),
      d.eventId ?? null,
      Buffer.from(d.data),
      JSON.stringify(d.headers),
      Date.now(),
    );
  }

  deadLetters(): DeadLetterRow[] {
    return this.stmt.deadLetters.all(this.consumer).map((r) => ({ ...r, replayRequested: Boolean(r.replayRequested) }));
  }

  deadLetterCount(): number {
    return this.stmt.deadLetterCount.get(this.consumer) ?? 0;
  }

  /** Ask for one dead letter (or, with no id, all) to be processed again; returns how many were marked. */
  requestReplay(id?: number): number {
    return this.stmt.requestReplay.run(this.consumer, id ?? null, id ?? null).changes;
  }

  /** Ask for every dead letter refused with `code` to be tried again (what refused them may have changed: a record arrived, the registry moved). */
  requestReplayOf(code: string): number {
    return this.stmt.requestReplayOf.run(this.consumer, code).changes;
  }

  /** Dead letters an operator asked to replay, oldest first. */
  toReplay(): { id: number; streamSequence: number; subject: string; data: Uint8Array; headers: Record<string, string> }[] {
    return this.stmt.toReplay.all(this.consumer).map((r) => ({
      id: r.id,
      streamSequence: r.stream_seq,
      subject: r.subject,
      data: new Uint8Array(r.data),
      headers: r.headers ? (JSON.parse(r.headers) as Record<string, string>) : {},
    }));
  }

  dropDeadLetter(id: number): void {
    this.stmt.dropDeadLetter.run(id);
  }
}
