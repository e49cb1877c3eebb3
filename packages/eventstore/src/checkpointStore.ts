import type Database from 'better-sqlite3';
import { openSqliteFile, type SqliteEventStore } from './sqliteEventStore';

/**
 * Where a subscriber (the relay, a projection) keeps how far it got: the
 * store position it has fully handled. Contract: `checkpointStoreContract.ts`.
 */
export interface CheckpointStore {
  /** The last position saved under `name`; undefined before the first save. */
  load(name: string): Promise<bigint | undefined>;
  /** Resolves when the position is durable. Positions are exact beyond 2^53 (KurrentDB commit positions are large). */
  save(name: string, position: bigint): Promise<void>;
  /** Closes what this store opened itself (a file of its own); a shared handle stays open. */
  close(): Promise<void>;
}

/**
 * Checkpoints in SQLite, in one of three places: the SQLite event store's
 * own file (pass the store: the `checkpoints` table beside the events), a
 * file of the subscriber's own (pass its path; e.g. beside a KurrentDB
 * store), or a database handle its owner opened and closes.
 */
export function getSqliteCheckpointStore(where: string | Database.Database | SqliteEventStore): CheckpointStore {
  const owned = typeof where === 'string';
  const db = owned ? openSqliteFile(where) : 'appendToStream' in where ? where.db : where;
  db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
  const get = db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true);
  const put = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
  // better-sqlite3 throws at once (a full disk, a locked file): the port's contract is a rejected promise.
  const promised = <T>(f: () => T): Promise<T> => new Promise<T>((resolve) => resolve(f()));
  return {
    load: (name) => promised(() => get.get(name)?.position),
    save: (name, position) => promised(() => void put.run(name, position)),
    close: () => {
      if (owned) db.close();
      return Promise.resolve();
    },
  };
}
