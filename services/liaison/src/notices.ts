import type Database from 'better-sqlite3';

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
 * holder pages through all of them.
 */
export class HitNotices {
  private readonly upsert;
  private readonly page;
  private readonly total;
  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS hit_notice_counts (
        holder_agency TEXT NOT NULL, record_id TEXT NOT NULL, queried_by TEXT NOT NULL,
        count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (holder_agency, record_id, queried_by));
      CREATE INDEX IF NOT EXISTS hit_notice_counts_page ON hit_notice_counts (holder_agency, seq);
      CREATE INDEX IF NOT EXISTS hit_notice_counts_seq ON hit_notice_counts (seq);`);
    // Hubs of an earlier version kept one row per match: fold them into counts once.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hit_notices'").get()) {
      db.transaction(() => {
        db.exec(`INSERT OR IGNORE INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq)
                 SELECT holder_agency, record_id, queried_by, COUNT(*), MIN(at), MAX(at), MAX(seq) FROM hit_notices GROUP BY holder_agency, record_id, queried_by;
                 DROP TABLE hit_notices;`);
      })();
    }
    this.upsert = db.prepare(`
      INSERT INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq)
      VALUES (@holder, @record, @by, 1, @at, @at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM hit_notice_counts))
      ON CONFLICT (holder_agency, record_id, queried_by) DO UPDATE SET count = count + 1, last_at = excluded.last_at, seq = excluded.seq`);
    this.page = db.prepare<[string, number, number], NoticeRow>('SELECT * FROM hit_notice_counts WHERE holder_agency = ? AND seq < ? ORDER BY seq DESC LIMIT ?');
    this.total = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM hit_notice_counts WHERE holder_agency = ?');
  }

  /** Tell `holder` that `by` matched its record (call inside the serial check's transaction). */
  notify(holder: string, record: string, by: string, at: string): void {
    this.upsert.run({ holder, record, by, at });
  }

  /** A page of the holder's notices, most recent first; `before` is the last page's cursor. */
  pageFor(holder: string, first: number, before: number): { rows: NoticeRow[]; hasNextPage: boolean; totalCount: () => number } {
    const rows = this.page.all(holder, before, first + 1);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: () => this.total.get(holder)?.n ?? 0 };
  }
}
