import type Database from 'better-sqlite3';
import { GENESIS_HASH, noticeHash, readHash, type ChainHead, type NoticeEntry, type ReadEntry } from './auditChain';

export interface AuditChainReport {
  /** Every entry recomputes to its hash and links to the one before, the head table agrees, the notice counts match the log, and the kept head (if given) is in the chain. */
  ok: boolean;
  /** Entries walked (reads and hit-notice increments) up to the first bad one. */
  rows: number;
  /** The chain as walked, up to the first bad entry: the head to keep when `ok`. */
  head: ChainHead;
  /**
   * The first thing found wrong: `seq` is the entry's (in the table the
   * reason names); null when it cannot be placed (a kept head the chain no
   * longer holds, a file never chained).
   */
  firstBad?: { seq: number | null; reason: string };
}

export interface VerifyOptions {
  /** A head hash kept outside the file (logged or printed earlier): it must be an entry of the chain. */
  expectedHead?: string;
}

type Entry = (({ table: 'record_reads' } & ReadEntry) | ({ table: 'hit_notice_log' } & NoticeEntry)) & { seq: number; prev_hash: string | null; hash: string | null };

const hasTable = (db: Database.Database, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** What is wrong with `e`, the entry after `prev` (null: nothing). */
function entryFault(e: Entry, prev: ChainHead): string | null {
  if (e.hash === null || e.prev_hash === null) return `${e.table} seq ${e.seq} has no hash: it was written outside the hub`;
  const hash = e.table === 'record_reads' ? readHash(e.seq, e, e.prev_hash) : noticeHash(e.seq, e, e.prev_hash);
  if (hash !== e.hash) return `${e.table} seq ${e.seq} does not match its hash: the row was changed`;
  if (e.seq <= prev.seq) return `${e.table} seq ${e.seq} repeats a seq the chain already has: the row was added outside the hub`;
  if (e.prev_hash !== prev.hash) {
    const missing = e.seq > prev.seq + 1 ? ` (no entry between seq ${prev.seq} and ${e.seq})` : '';
    return `${e.table} seq ${e.seq} does not follow the entry before it, seq ${prev.seq}${missing}: entries were removed or added before it`;
  }
  return null;
}

/** What is wrong with the head table, given the chain walked in full (null: nothing). */
function headFault(recorded: ChainHead | undefined, walked: ChainHead): { seq: number | null; reason: string } | null {
  if (!recorded) return { seq: null, reason: 'audit_chain_head is empty: the head was deleted' };
  if (recorded.seq === walked.seq && recorded.hash === walked.hash && recorded.entries === walked.entries) return null;
  if (recorded.seq > walked.seq)
    return {
      seq: recorded.seq,
      reason: `the head records ${recorded.entries} entries up to seq ${recorded.seq}; the chain ends at seq ${walked.seq}: entries were removed from the end`,
    };
  if (recorded.seq < walked.seq)
    return { seq: recorded.seq + 1, reason: `the chain goes on past the head (seq ${recorded.seq}) to seq ${walked.seq}: entries were added outside the hub` };
  return {
    seq: recorded.seq,
    reason: `the head (seq ${recorded.seq}, ${recorded.entries} entries, ${recorded.hash}) does not match the chain (${walked.entries} entries, ${walked.hash})`,
  };
}

/** The first notice count that is not the sum of its log entries (null: none). */
function countFault(db: Database.Database): { seq: number | null; reason: string } | null {
  type Row = { holder_agency: string; record_id: string; queried_by: string; counted: number | null; logged: number | null; seq: number | null };
  const row = db
    .prepare<[], Row>(
      `WITH logged AS (SELECT holder_agency, record_id, queried_by, SUM(count) AS n, MAX(seq) AS seq FROM hit_notice_log GROUP BY holder_agency, record_id, queried_by)
       SELECT c.holder_agency, c.record_id, c.queried_by, c.count AS counted, l.n AS logged, l.seq FROM hit_notice_counts c
         LEFT JOIN logged l USING (holder_agency, record_id, queried_by) WHERE l.n IS NULL OR l.n != c.count
       UNION ALL
       SELECT l.holder_agency, l.record_id, l.queried_by, NULL, l.n, l.seq FROM logged l
         WHERE NOT EXISTS (SELECT 1 FROM hit_notice_counts c WHERE (c.holder_agency, c.record_id, c.queried_by) = (l.holder_agency, l.record_id, l.queried_by))
       ORDER BY seq LIMIT 1`,
    )
    .get();
  if (!row) return null;
  return {
    seq: row.seq,
    reason: `hit_notice_counts says ${row.counted ?? 'no'} matches of ${row.holder_agency}'s ${row.record_id} by ${row.queried_by}; hit_notice_log holds ${row.logged ?? 'none'}: the count was changed`,
  };
}

/**
 * Walk the audit's hash chain (auditChain.ts) in one read transaction (a
 * consistent snapshot while the hub writes): every entry of record_reads
 * and hit_notice_log in seq order must recompute to its hash and name the
 * entry before it; the head table must be where the chain ends; every hit
 * notice count must be the sum of its log entries; and `expectedHead`, if
 * given, must be the hash of an entry. What it proves and does not:
 * docs/operations.md, "Audit".
 */
export function verifyAuditChain(db: Database.Database, options: VerifyOptions = {}): AuditChainReport {
  return db.transaction((): AuditChainReport => {
    let head: ChainHead = { entries: 0, seq: 0, hash: GENESIS_HASH };
    const report = (firstBad?: { seq: number | null; reason: string }): AuditChainReport => ({ ok: !firstBad, rows: head.entries, head, ...(firstBad ? { firstBad } : {}) });
    if (db.pragma('user_version', { simple: true }) === 0 || !hasTable(db, 'audit_chain_head'))
      return report({ seq: null, reason: 'the audit has not been chained yet: the hub chains it when it next opens the file' });
    const expected = options.expectedHead?.toLowerCase();
    let keptHeadSeen = expected === GENESIS_HASH;
    const entries = db.prepare<[], Entry>(
      `SELECT 'record_reads' AS "table", seq, record_id, originator_agency, reader_agency, reader_subject, at, kind, NULL AS holder_agency, NULL AS queried_by, NULL AS count, prev_hash, hash FROM record_reads
       UNION ALL
       SELECT 'hit_notice_log', seq, record_id, NULL, NULL, NULL, at, NULL, holder_agency, queried_by, count, prev_hash, hash FROM hit_notice_log
       ORDER BY seq`,
    );
    for (const e of entries.iterate()) {
      const fault = entryFault(e, head);
      if (fault) return report({ seq: e.seq, reason: fault });
      head = { entries: head.entries + 1, seq: e.seq, hash: e.hash! };
      if (head.hash === expected) keptHeadSeen = true;
    }
    const bad = headFault(db.prepare<[], ChainHead>('SELECT entries, seq, hash FROM audit_chain_head WHERE id = 1').get(), head) ?? countFault(db);
    if (bad) return report(bad);
    if (expected !== undefined && !keptHeadSeen)
      return report({ seq: null, reason: `the head kept elsewhere (${expected}) is not in the chain: the chain was rewritten or cut short since it was kept` });
    return report();
  })();
}
