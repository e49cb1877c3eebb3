import type Database from 'better-sqlite3';

/**
 * Makes a handler idempotent: each event id is applied once per consumer,
 * whatever JetStream redelivers or the relay re-publishes.
 */
export interface Inbox {
  /**
   * Run `apply` unless `eventId` was applied before; returns true when it ran.
   * `apply` and the record of the id commit together or not at all.
   */
  applyOnce(eventId: string, apply: () => void): boolean;
}

/**
 * An inbox in the projection's own SQLite database: the projection's writes
 * and the inbox row share one transaction, so a crash between them is
 * impossible. Handlers are synchronous, as better-sqlite3 is.
 */
export function getSqliteInbox(db: Database.Database, consumer: string): Inbox {
  db.exec(`CREATE TABLE IF NOT EXISTS inbox (
    consumer TEXT NOT NULL,
    event_id TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, event_id)
  ) WITHOUT ROWID`);
  const seen = db.prepare<[string, string]>('SELECT 1 FROM inbox WHERE consumer = ? AND event_id = ?').pluck();
  const record = db.prepare('INSERT INTO inbox (consumer, event_id, applied_at) VALUES (?, ?, ?)');
  const run = db.transaction((eventId: string, apply: () => void): boolean => {
    if (seen.get(consumer, eventId) !== undefined) return false;
    const result: unknown = apply();
    if (result instanceof Promise) throw new TypeError('SQLite inbox handlers must be synchronous');
    record.run(consumer, eventId, Date.now());
    return true;
  });
  return { applyOnce: (eventId, apply) => run(eventId, apply) };
}

/** An in-memory inbox, for read models rebuilt from the stream at every start. */
export function createMemoryInbox(): Inbox {
  const seen = new Set<string>();
  return {
    applyOnce: (eventId, apply) => {
      if (seen.has(eventId)) return false;
      apply();
      seen.add(eventId);
      return true;
    },
  };
}
