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
 * here once per table. The copy and a marker are one transaction of the
 * audit store; the old table is dropped after. A start that finds the marker
 * (a crash between the two, or a restored old backup of the read model) only
 * drops: nothing is copied twice, and nothing already here is overwritten —
 * reads get fresh ids, notice counts add up.
 */
function moveAuditOutOf(projection: Database.Database, audit: Database.Database): void {
  audit.exec('CREATE TABLE IF NOT EXISTS moved_from_read_model (name TEXT PRIMARY KEY, at TEXT NOT NULL)');
  const moved = audit.prepare<[string], number>('SELECT 1 FROM moved_from_read_model WHERE name = ?').pluck();
  const mark = audit.prepare("INSERT INTO moved_from_read_model (name, at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ'))");
  const addNotice = audit.prepare(`
    INSERT INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq)
    VALUES (@holder_agency, @record_id, @queried_by, @count, @first_at, @last_at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM hit_notice_counts))
    ON CONFLICT (holder_agency, record_id, queried_by) DO UPDATE SET count = count + excluded.count,
      first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)`);
  const addRead = audit.prepare(
    'INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES (@record_id, @originator_agency, @reader_agency, @reader_subject, @at)',
  );
  const sources: [string, string, Database.Statement][] = [
    ['record_reads', 'SELECT * FROM record_reads ORDER BY seq', addRead],
    ['hit_notice_counts', 'SELECT * FROM hit_notice_counts ORDER BY seq', addNotice],
    // Older still: one row per match.
    [
      'hit_notices',
      'SELECT holder_agency, record_id, queried_by, COUNT(*) AS count, MIN(at) AS first_at, MAX(at) AS last_at FROM hit_notices GROUP BY holder_agency, record_id, queried_by',
      addNotice,
    ],
  ];
  for (const [table, select, insert] of sources) {
    if (!hasTable(projection, table)) continue;
    if (!moved.get(table)) {
      audit.transaction(() => {
        for (const row of projection.prepare(select).iterate()) insert.run(row);
        mark.run(table);
      })();
    }
    projection.exec(`DROP TABLE ${table}`);
  }
}
