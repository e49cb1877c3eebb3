import type Database from 'better-sqlite3';
import { seizureLinkKeys } from '@tracebridge/domain';
import type { SeizureFacts, SeizureIndex } from './seizureIndexes';

/**
 * What links seizures (issue 9): one row per (seizure, broker /
 * conveyance / document key). Rows carry no policy and no person data:
 * `links` joins the visibility index, and PERSON links are asked of the
 * originator's service.
 */
export class LinkIndex implements SeizureIndex {
  readonly name = 'links';
  readonly version = 1;
  readonly tables = ['seizure_links'] as const;
  private readonly insert;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS seizure_links (
        record_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (record_id, kind, key)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS seizure_links_key ON seizure_links (kind, key);`);
    this.insert = db.prepare('INSERT OR IGNORE INTO seizure_links (record_id, seq, kind, key, value) VALUES (?, ?, ?, ?, ?)');
  }

  add(f: SeizureFacts): void {
    for (const k of seizureLinkKeys(f.data)) this.insert.run(f.seizureId, f.seq, k.kind, k.key, k.value);
  }
}
