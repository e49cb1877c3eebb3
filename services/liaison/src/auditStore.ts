import Database from 'better-sqlite3';

/**
 * The hub's audit — who read which shared record (invariant 6) and who
 * matched which record (hit notices) — in a file of its own, beside the read
 * model and never part of it: the read model can be deleted and rebuilt
 * from the events, the audit cannot, so it is kept, backed up and fsynced
 * (synchronous=FULL) like a record.
 */
export function openAuditStore(file: string, projectionDb?: Database.Database): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    -- Every read of a shared record by another agency. Who and when, never what was shown.
    CREATE TABLE IF NOT EXISTS record_reads (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, originator_agency TEXT NOT NULL,
      reader_agency TEXT NOT NULL, reader_subject TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS record_reads_originator ON record_reads (originator_agency, record_id, seq);
    -- One notice per (holder, record, querying agency), with a count.
    CREATE TABLE IF NOT EXISTS hit_notice_counts (
      holder_agency TEXT NOT NULL, record_id TEXT NOT NULL, queried_by TEXT NOT NULL,
      count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL, seq INTEGER NOT NULL,
      PRIMARY KEY (holder_agency, record_id, queried_by));
    CREATE INDEX IF NOT EXISTS hit_notice_counts_page ON hit_notice_counts (holder_agency, seq);
    CREATE INDEX IF NOT EXISTS hit_notice_counts_seq ON hit_notice_counts (seq);`);
  if (projectionDb) moveAuditOutOf(projectionDb, db);
  return db;
}

const hasTable = (db: Database.Database, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Hubs of earlier versions kept the audit inside the read model: move it
 * here once. Copied first (keeping ids, so a second run after a crash
 * copies nothing twice), then dropped from the read model.
 */
function moveAuditOutOf(projection: Database.Database, audit: Database.Database): void {
  const copy = <T extends Record<string, unknown>>(rows: T[], sql: string): void => {
    const insert = audit.prepare(sql);
    audit.transaction(() => rows.forEach((r) => insert.run(r)))();
  };
  if (hasTable(projection, 'record_reads')) {
    copy(
      projection.prepare('SELECT * FROM record_reads').all() as Record<string, unknown>[],
      'INSERT OR IGNORE INTO record_reads (seq, record_id, originator_agency, reader_agency, reader_subject, at) VALUES (@seq, @record_id, @originator_agency, @reader_agency, @reader_subject, @at)',
    );
    projection.exec('DROP TABLE record_reads');
  }
  const notices =
    'INSERT OR IGNORE INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq) VALUES (@holder_agency, @record_id, @queried_by, @count, @first_at, @last_at, @seq)';
  if (hasTable(projection, 'hit_notice_counts')) {
    copy(projection.prepare('SELECT * FROM hit_notice_counts').all() as Record<string, unknown>[], notices);
    projection.exec('DROP TABLE hit_notice_counts');
  }
  // Older still: one row per match.
  if (hasTable(projection, 'hit_notices')) {
    const folded = projection
      .prepare(
        'SELECT holder_agency, record_id, queried_by, COUNT(*) AS count, MIN(at) AS first_at, MAX(at) AS last_at, MAX(seq) AS seq FROM hit_notices GROUP BY holder_agency, record_id, queried_by',
      )
      .all() as Record<string, unknown>[];
    copy(folded, notices);
    projection.exec('DROP TABLE hit_notices');
  }
}
