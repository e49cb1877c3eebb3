import type Database from 'better-sqlite3';
import { openSqliteDatabase } from './sqliteEventStore';

/** Where a subscriber (the relay, a projection) keeps how far it got. */
export interface CheckpointStore {
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
  close(): Promise<void>;
}

/**
 * Checkpoints in a SQLite file: the service's own event-store file (the
 * `checkpoints` table lives there) or a file of the subscriber's own.
 */
export function getSqliteCheckpointStore(fileOrDb: string | Database.Database): CheckpointStore {
  const owned = typeof fileOrDb === 'string';
  const db = owned ? openSqliteDatabase(fileOrDb) : fileOrDb;
  db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
  const get = db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?').safeIntegers(true);
  const put = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
  return {
    load: (name) => Promise.resolve(get.get(name)?.position),
    save: (name, position) => {
      put.run(name, position);
      return Promise.resolve();
    },
    close: () => {
      if (owned) db.close();
      return Promise.resolve();
    },
  };
}
