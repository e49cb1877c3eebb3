import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Officer } from '@tracebridge/identity';
import { ReadAudit } from './audit';
import { auditChainHead, auditChainOf, GENESIS_HASH } from './auditChain';
import { openAuditStore } from './auditStore';
import { HitNotices } from './notices';
import { verifyAuditChain } from './verifyAuditChain';

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
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, rows: 2 }); // the read, and the count carried over as one log entry
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
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, rows: 2 });
    audit.close();
    again.close();
  });

  it('adds to what the audit store already holds instead of dropping colliding rows, and folds the oldest layout', () => {
    const audit = openAuditStore(join(dir, 'c-audit.db'));
    const chain = auditChainOf(audit);
    chain.batch(() =>
      chain.appendRead({ record_id: 's-9', originator_agency: 'GH-CUSTOMS', reader_agency: 'BF-BORDER', reader_subject: 'o-9', at: '2026-11-21T10:00:00Z', kind: 'VIEW' }),
    );
    const notices = new HitNotices(audit);
    notices.batch(() => ['2026-11-21T10:00:00Z', '2026-11-21T12:00:00Z'].forEach((at) => notices.notify('GH-CUSTOMS', 's-1', 'TG-POLICE', at)));
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
    expect(verifyAuditChain(reopened)).toMatchObject({ ok: true, rows: 5 });
    reopened.close();
    old.close();
  });

  it('chains an audit written before the chain once, as it stands, and the hub chains on from there', () => {
    const file = join(dir, 'd-audit.db');
    const old = new Database(file); // as the previous release's openAuditStore left it
    old.exec(`CREATE TABLE record_reads (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, originator_agency TEXT NOT NULL,
                reader_agency TEXT NOT NULL, reader_subject TEXT NOT NULL, at TEXT NOT NULL);
              CREATE TABLE hit_notice_counts (holder_agency TEXT NOT NULL, record_id TEXT NOT NULL, queried_by TEXT NOT NULL,
                count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (holder_agency, record_id, queried_by));
              INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES
                ('s-1', 'GH-CUSTOMS', 'TG-POLICE', 'o-1', '2026-11-20T10:00:00Z'), ('s-2', 'GH-CUSTOMS', 'TG-POLICE', 'o-1', '2026-11-20T10:00:00Z'),
                ('s-1', 'GH-CUSTOMS', 'BF-BORDER', 'o-2', '2026-11-20T11:00:00Z');
              INSERT INTO hit_notice_counts VALUES ('GH-CUSTOMS', 's-1', 'TG-POLICE', 3, '2026-11-20T09:00:00Z', '2026-11-20T12:00:00Z', 2),
                ('GH-POLICE', 's-7', 'BF-BORDER', 1, '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z', 1);`);
    old.close();
    const snapshot = (db: Database.Database) => ({
      version: db.pragma('user_version', { simple: true }),
      reads: db.prepare<[], { seq: number; kind: string; prev_hash: string; hash: string }>('SELECT * FROM record_reads ORDER BY seq').all(),
      log: db.prepare<[], { seq: number; holder_agency: string; count: number; at: string }>('SELECT * FROM hit_notice_log ORDER BY seq').all(),
      head: auditChainHead(db),
    });
    let audit = openAuditStore(file);
    const chained = snapshot(audit);
    expect(chained.version).toBe(1);
    // The reads in the order of their seq, then one entry per notice carrying its count, in the notices' order.
    expect(chained.reads.map((r) => [r.seq, r.kind, r.prev_hash])).toEqual([
      [1, 'VIEW', GENESIS_HASH],
      [2, 'VIEW', chained.reads[0]!.hash],
      [3, 'VIEW', chained.reads[1]!.hash],
    ]);
    expect(chained.log.map((n) => [n.seq, n.holder_agency, n.count, n.at])).toEqual([
      [4, 'GH-POLICE', 1, '2026-11-20T08:00:00Z'],
      [5, 'GH-CUSTOMS', 3, '2026-11-20T12:00:00Z'],
    ]);
    expect(verifyAuditChain(audit)).toEqual({ ok: true, rows: 5, head: chained.head });
    audit.close();
    audit = openAuditStore(file); // a restart changes nothing
    expect(snapshot(audit)).toEqual(chained);
    const reader: Officer = { subject: 'o-3', agency: 'TG-CUSTOMS', state: 'TG', kind: 'CUSTOMS', roles: [] };
    const reads = new ReadAudit(audit, () => new Date('2026-11-22T10:00:00Z'));
    const context = {};
    reads.note(context, 's-1', 'GH-CUSTOMS', reader);
    reads.flush(context);
    expect(audit.prepare('SELECT seq, prev_hash FROM record_reads WHERE reader_agency = ?').get('TG-CUSTOMS')).toEqual({ seq: 6, prev_hash: chained.head.hash });
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, rows: 6 });
    audit.close();
  });
});
