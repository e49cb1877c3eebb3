import type { Officer } from '@tracebridge/identity';
import { tempDir } from '@tracebridge/testkit';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadAudit } from './audit';
import { auditChainHead, GENESIS_HASH, noticeHash, readHash, type NoticeEntry, type ReadEntry, type ReadKind } from './auditChain';
import { openAuditStore } from './auditStore';
import { HitNotices } from './notices';
import { verifyAuditChain } from './verifyAuditChain';

const dir = tempDir('tb-audit-chain-');
afterAll(() => dir.remove());

const officer = (agency: string, subject: string): Officer => ({ subject, agency, state: agency.slice(0, 2), kind: 'POLICE', roles: [] });
let now = new Date('2026-11-20T10:00:00Z');
const clock = () => now;

/** One GraphQL request's reads, flushed as the hub does at onResolution; the next request comes after the coalescing minute. */
function request(reads: ReadAudit, ...notes: [string, string, Officer, ReadKind?][]): void {
  const context = {};
  for (const [record, originator, reader, kind] of notes) reads.note(context, record, originator, reader, kind);
  reads.flush(context);
  now = new Date(now.getTime() + 61_000);
}

/**
 * An audit as the hub writes it: two requests' reads and a serial check's
 * notices, a restart, then a request reading s-1 twice (a view and an
 * export). Entries: reads at seq 1, 2, 5, 6, 7; notice increments at 3, 4.
 */
function writtenAudit(name: string): string {
  const file = dir.file(name);
  let db = openAuditStore(file);
  let reads = new ReadAudit(db, clock);
  request(reads, ['s-1', 'GH-CUSTOMS', officer('TG-POLICE', 'o-1')], ['s-2', 'GH-CUSTOMS', officer('TG-POLICE', 'o-1')]);
  const notices = new HitNotices(db);
  notices.batch(() => ['T10:00', 'T10:05'].forEach((t) => notices.notify('GH-CUSTOMS', 's-1', 'TG-POLICE', `2026-11-20${t}:00.000Z`)));
  request(reads, ['s-3', 'GH-POLICE', officer('BF-BORDER', 'o-2')]);
  db.close();
  db = openAuditStore(file);
  reads = new ReadAudit(db, clock);
  request(reads, ['s-1', 'GH-CUSTOMS', officer('BF-BORDER', 'o-2')], ['s-1', 'GH-CUSTOMS', officer('BF-BORDER', 'o-2'), 'EXPORT']);
  db.close();
  return file;
}

type Row = { table: string; seq: number; prev_hash: string | null; hash: string | null; kind: string | null };
const entries = (db: Database.Database) =>
  db
    .prepare<[], Row>(
      "SELECT 'read' AS \"table\", seq, prev_hash, hash, kind FROM record_reads UNION ALL SELECT 'notice', seq, prev_hash, hash, NULL FROM hit_notice_log ORDER BY seq",
    )
    .all();
const readRow = (db: Database.Database, seq: number) => db.prepare<[number], ReadEntry & { hash: string }>('SELECT * FROM record_reads WHERE seq = ?').get(seq)!;
const noticeRow = (db: Database.Database, seq: number) => db.prepare<[number], NoticeEntry>('SELECT * FROM hit_notice_log WHERE seq = ?').get(seq)!;

describe('the audit’s hash chain', () => {
  it('chains every read and every match, across requests and restarts, and verifies', () => {
    const db = openAuditStore(writtenAudit('clean.db'));
    const rows = entries(db);
    expect(rows.map((r) => [r.table, r.seq, r.kind])).toEqual([
      ['read', 1, 'VIEW'],
      ['read', 2, 'VIEW'],
      ['notice', 3, null],
      ['notice', 4, null],
      ['read', 5, 'VIEW'],
      ['read', 6, 'VIEW'],
      ['read', 7, 'EXPORT'],
    ]);
    // Each entry names the one before it, the first names genesis, and the read after the restart (seq 6) names the last before it.
    expect(rows.map((r) => r.prev_hash)).toEqual([GENESIS_HASH, ...rows.slice(0, -1).map((r) => r.hash)]);
    expect(readRow(db, 6)).toMatchObject({ prev_hash: rows[4]!.hash });
    expect(auditChainHead(db)).toEqual({ entries: 7, seq: 7, hash: rows[6]!.hash });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 7, head: { entries: 7, seq: 7, hash: rows[6]!.hash } });
    expect(verifyAuditChain(db, { expectedHead: rows[4]!.hash! }).ok).toBe(true); // a head kept earlier is still in the chain
    db.close();
  });

  const tampering: [string, (db: Database.Database) => void, number, RegExp][] = [
    ['a read’s reader changed', (db) => db.exec("UPDATE record_reads SET reader_agency = 'GH-POLICE' WHERE seq = 2"), 2, /seq 2 does not match its hash/],
    ['an export passed off as a view', (db) => db.exec("UPDATE record_reads SET kind = 'VIEW' WHERE seq = 7"), 7, /seq 7 does not match its hash/],
    [
      'a read in the middle deleted',
      (db) => db.exec('DELETE FROM record_reads WHERE seq = 2'),
      3,
      /seq 3 does not follow the entry before it, seq 1 \(no entry between seq 1 and 3\)/,
    ],
    ['a match in the middle deleted', (db) => db.exec('DELETE FROM hit_notice_log WHERE seq = 4'), 5, /seq 5 does not follow the entry before it, seq 3/],
    ['the last read deleted', (db) => db.exec('DELETE FROM record_reads WHERE seq = 7'), 7, /up to seq 7; the chain ends at seq 6: entries were removed from the end/],
    [
      'a read inserted by hand',
      (db) => db.exec("INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES ('s-9', 'GH-CUSTOMS', 'X', 'x', '2026-11-21T00:00:00Z')"),
      8,
      /seq 8 has no hash/,
    ],
    [
      'a read inserted with a correct hash but no new head',
      (db) => {
        const forged = { record_id: 's-9', originator_agency: 'GH-CUSTOMS', reader_agency: 'X', reader_subject: 'x', at: '2026-11-21T00:00:00Z', kind: 'VIEW' };
        const { hash: prev } = auditChainHead(db);
        db.prepare('INSERT INTO record_reads (seq, record_id, originator_agency, reader_agency, reader_subject, at, kind, prev_hash, hash) VALUES (8, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          ...Object.values(forged),
          prev,
          readHash(8, forged, prev),
        );
      },
      8,
      /past the head \(seq 7\) to seq 8: entries were added/,
    ],
    [
      'a read inserted under a seq the log already has',
      (db) => {
        const forged = { ...readRow(db, 2), seq: 3 };
        db.prepare('INSERT INTO record_reads (seq, record_id, originator_agency, reader_agency, reader_subject, at, kind, prev_hash, hash) VALUES (3, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          ...[forged.record_id, forged.originator_agency, forged.reader_agency, forged.reader_subject, forged.at, forged.kind],
          readRow(db, 2).hash,
          readHash(3, forged, readRow(db, 2).hash),
        );
      },
      3,
      /seq 3 repeats a seq/,
    ],
    [
      'a notice’s count lowered',
      (db) => db.exec('UPDATE hit_notice_counts SET count = 1'),
      4,
      /hit_notice_counts says 1 matches of GH-CUSTOMS's s-1 by TG-POLICE; hit_notice_log holds 2/,
    ],
  ];

  it.each(tampering)('detects %s, naming the first bad seq', (name, tamper, seq, reason) => {
    const db = openAuditStore(writtenAudit(`${name}.db`));
    tamper(db);
    const report = verifyAuditChain(db);
    expect(report).toMatchObject({ ok: false, firstBad: { seq } });
    expect(report.firstBad!.reason).toMatch(reason);
    db.close();
  });

  it('a rewrite that keeps the file consistent passes the file’s own checks; only the head kept elsewhere catches it', () => {
    const db = openAuditStore(writtenAudit('rewritten.db'));
    const kept = verifyAuditChain(db).head.hash;
    // Someone with write access drops the export (seq 7), alters the reader of seq 2, re-chains everything after it and writes a matching head.
    db.exec("DELETE FROM record_reads WHERE seq = 7; UPDATE record_reads SET reader_agency = 'GH-POLICE' WHERE seq = 2");
    let prev = readRow(db, 1).hash;
    for (const { table, seq } of entries(db).slice(1)) {
      const hash = table === 'read' ? readHash(seq, readRow(db, seq), prev) : noticeHash(seq, noticeRow(db, seq), prev);
      db.prepare(`UPDATE ${table === 'read' ? 'record_reads' : 'hit_notice_log'} SET prev_hash = ?, hash = ? WHERE seq = ?`).run(prev, hash, seq);
      prev = hash;
    }
    db.prepare('UPDATE audit_chain_head SET entries = 6, seq = 6, hash = ?').run(prev);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 6 });
    const report = verifyAuditChain(db, { expectedHead: kept });
    expect(report).toMatchObject({ ok: false, firstBad: { seq: null } });
    expect(report.firstBad!.reason).toMatch(/kept elsewhere .* is not in the chain/);
    db.close();
  });

  it('writes the reads of requests resolving together as one group, each answer waiting for its reads, on one chain', async () => {
    const audit = openAuditStore(dir.file('grouped.db'));
    const reads = new ReadAudit(audit, clock);
    const contexts = Array.from({ length: 10 }, (_, i) => {
      const context = {};
      reads.note(context, `s-${i}`, 'GH-CUSTOMS', officer('TG-POLICE', `o-${i}`));
      return context;
    });
    const head = () => auditChainHead(audit).entries;
    const flushed = contexts.map((c) => reads.flushGrouped(c));
    // Nothing is written until the group is: an answer that went out now would have no reads behind it.
    expect(head()).toBe(0);
    await Promise.all(flushed);
    expect(head()).toBe(10);
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, rows: 10 });
    audit.close();
  });

  it('refuses to write onto a chain whose head is gone, rather than start a new one', () => {
    const db = openAuditStore(writtenAudit('headless.db'));
    db.exec('DELETE FROM audit_chain_head');
    expect(() => request(new ReadAudit(db, clock), ['s-2', 'GH-CUSTOMS', officer('BF-BORDER', 'o-2')])).toThrow(/no chain head/);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: null, reason: expect.stringMatching(/head was deleted/) } });
    db.close();
  });
});
