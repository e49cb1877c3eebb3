import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditStore } from './auditStore';

const dir = mkdtempSync(join(tmpdir(), 'tb-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A read model as the previous release left it: reads and counted notices inside it. */
function previousRelease(file: string): Database.Database {
  const db = new Database(file);
  db.exec(`CREATE TABLE record_reads (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT, originator_agency TEXT, reader_agency TEXT, reader_subject TEXT, at TEXT);
           INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES ('s-1', 'GH-CUSTOMS', 'GH-POLICE', 'o-1', '2026-11-20T10:00:00Z');
           CREATE TABLE hit_notice_counts (holder_agency TEXT, record_id TEXT, queried_by TEXT, count INTEGER, first_at TEXT, last_at TEXT, seq INTEGER, PRIMARY KEY (holder_agency, record_id, queried_by));
           INSERT INTO hit_notice_counts VALUES ('GH-CUSTOMS', 's-1', 'TG-POLICE', 3, '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', 7);`);
  return db;
}
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('record_reads', 'hit_notices', 'hit_notice_counts')").pluck().all();

describe('the audit store', () => {
  it('takes the reads and notices of the previous release’s read model, once, and they leave the read model', () => {
    const old = previousRelease(join(dir, 'a-liaison.db'));
    const audit = openAuditStore(join(dir, 'a-audit.db'), old);
    expect(audit.prepare('SELECT reader_agency, at FROM record_reads').all()).toEqual([{ reader_agency: 'GH-POLICE', at: '2026-11-20T10:00:00Z' }]);
    expect(audit.prepare('SELECT count FROM hit_notice_counts').pluck().all()).toEqual([3]);
    expect(tables(old)).toEqual([]);
    audit.close();
    old.close();
  });

  it('copies nothing twice when the old tables are still there on the next start (a crash between copy and drop)', () => {
    const old = previousRelease(join(dir, 'b-liaison.db'));
    openAuditStore(join(dir, 'b-audit.db'), old).close();
    old.close();
    const again = previousRelease(join(dir, 'b-liaison.db')); // the same rows, as if never dropped
    const audit = openAuditStore(join(dir, 'b-audit.db'), again);
    expect(audit.prepare('SELECT COUNT(*) FROM record_reads').pluck().get()).toBe(1);
    expect(audit.prepare('SELECT count FROM hit_notice_counts').pluck().all()).toEqual([3]);
    expect(tables(again)).toEqual([]);
    audit.close();
    again.close();
  });

  it('adds to what the audit store already holds instead of dropping colliding rows, and folds the oldest layout', () => {
    const audit = openAuditStore(join(dir, 'c-audit.db'));
    audit.exec(`INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES ('s-9', 'GH-CUSTOMS', 'BF-BORDER', 'o-9', '2026-11-21T10:00:00Z');
                INSERT INTO hit_notice_counts VALUES ('GH-CUSTOMS', 's-1', 'TG-POLICE', 2, '2026-11-21T10:00:00Z', '2026-11-21T12:00:00Z', 1);`);
    audit.close();
    const old = new Database(join(dir, 'c-liaison.db'));
    old.exec(`CREATE TABLE record_reads (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT, originator_agency TEXT, reader_agency TEXT, reader_subject TEXT, at TEXT);
              INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES ('s-1', 'GH-CUSTOMS', 'GH-POLICE', 'o-1', '2026-11-20T10:00:00Z');
              CREATE TABLE hit_notices (seq INTEGER PRIMARY KEY AUTOINCREMENT, holder_agency TEXT, record_id TEXT, queried_by TEXT, at TEXT);
              INSERT INTO hit_notices (holder_agency, record_id, queried_by, at) VALUES ('GH-CUSTOMS', 's-1', 'TG-POLICE', '2026-11-20T10:00:00Z'), ('GH-CUSTOMS', 's-1', 'TG-POLICE', '2026-11-20T11:00:00Z');`);
    const reopened = openAuditStore(join(dir, 'c-audit.db'), old);
    expect(reopened.prepare('SELECT reader_agency FROM record_reads ORDER BY at').pluck().all()).toEqual(['GH-POLICE', 'BF-BORDER']);
    expect(reopened.prepare('SELECT count, first_at, last_at FROM hit_notice_counts').all()).toEqual([
      { count: 4, first_at: '2026-11-20T10:00:00Z', last_at: '2026-11-21T12:00:00Z' },
    ]);
    reopened.close();
    old.close();
  });
});
