import type Database from 'better-sqlite3';
import { auditChainOf, type AuditChain } from './auditChain';

export interface NoticeRow {
  seq: number;
  record_id: string;
  queried_by: string;
  count: number;
  first_at: string;
  last_at: string;
}

/**
 * Hit notices: the holder of a record is told of every match (domain.md,
 * hit/no-hit). Repeats of the same (record, querying agency) are one notice
 * with a count and its latest time, so a querier cannot push other
 * agencies' notices out of sight by asking the same thing many times; the
 * holder pages through all of them. Kept in the audit store (auditStore.ts):
 * the counts are the index the holder pages through; each match is also an
 * entry of the audit's hash chain (`hit_notice_log`, auditChain.ts), written
 * in the same transaction, and the verifier checks the counts against it.
 */
export class HitNotices {
  private readonly upsert;
  private readonly page;
  private readonly total;
  private readonly chain: AuditChain;
  constructor(db: Database.Database) {
    this.chain = auditChainOf(db);
    this.upsert = db.prepare(`
      INSERT INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq)
      VALUES (@holder, @record, @by, 1, @at, @at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM hit_notice_counts))
      ON CONFLICT (holder_agency, record_id, queried_by) DO UPDATE SET count = count + 1, last_at = excluded.last_at, seq = excluded.seq`);
    this.page = db.prepare<[string, number, number], NoticeRow>('SELECT * FROM hit_notice_counts WHERE holder_agency = ? AND seq < ? ORDER BY seq DESC LIMIT ?');
    this.total = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM hit_notice_counts WHERE holder_agency = ?');
  }

  /** Run `write` in one transaction of the audit store (a serial check's notices). */
  batch(write: () => void): void {
    this.chain.batch(write);
  }

  /** Tell `holder` that `by` matched its record (call inside `batch`). */
  notify(holder: string, record: string, by: string, at: string): void {
    this.upsert.run({ holder, record, by, at });
    this.chain.appendNotice({ holder_agency: holder, record_id: record, queried_by: by, at, count: 1 });
  }

  /** A page of the holder's notices, most recent first; `before` is the last page's cursor. */
  pageFor(holder: string, first: number, before: number): { rows: NoticeRow[]; hasNextPage: boolean; totalCount: () => number } {
    const rows = this.page.all(holder, before, first + 1);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: () => this.total.get(holder)?.n ?? 0 };
  }
}
