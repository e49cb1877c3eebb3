import Database from 'better-sqlite3';
import { auditChainOf, CHAIN_SCHEMA, GENESIS_HASH, noticeHash, readHash, type NoticeEntry, type ReadEntry } from './auditChain';

/**
 * The hub's audit — who read which shared record (invariant 6) and who
 * matched which record (hit notices) — in a file of its own, beside the read
 * model and never part of it: the read model can be deleted and rebuilt
 * from the events, the audit cannot, so it is kept, backed up and fsynced
 * (synchronous=FULL) like a record, and hash-chained (auditChain.ts) so a
 * change to it shows (verifyAuditChain.ts).
 */
export function openAuditStore(file: string, projectionDb?: Database.Database): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    -- Every read of a shared record by another agency. Who and when, never what was shown.
    CREATE TABLE IF NOT EXISTS record_reads (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, originator_agency TEXT NOT NULL,
      reader_agency TEXT NOT NULL, reader_subject TEXT NOT NULL, at TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'VIEW', prev_hash TEXT, hash TEXT);
    CREATE INDEX IF NOT EXISTS record_reads_originator ON record_reads (originator_agency, record_id, seq);
    -- One notice per (holder, record, querying agency), with a count: the index of hit_notice_log.
    CREATE TABLE IF NOT EXISTS hit_notice_counts (
      holder_agency TEXT NOT NULL, record_id TEXT NOT NULL, queried_by TEXT NOT NULL,
      count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL, seq INTEGER NOT NULL,
      PRIMARY KEY (holder_agency, record_id, queried_by));
    CREATE INDEX IF NOT EXISTS hit_notice_counts_page ON hit_notice_counts (holder_agency, seq);
    CREATE INDEX IF NOT EXISTS hit_notice_counts_seq ON hit_notice_counts (seq);
    ${CHAIN_SCHEMA}`);
  chainExistingEntries(db);
  if (projectionDb) moveAuditOutOf(projectionDb, db);
  return db;
}

/**
 * Once per file (PRAGMA user_version 0 → 1): an audit written before the
 * chain gains its columns, and its rows are chained as they stand, in one
 * transaction: the reads in the order of their seq, then one log entry per
 * hit notice carrying its count (the matches behind a count were never
 * kept one by one). A fresh file passes here too, with nothing to chain.
 * The chain vouches for these rows from now on, not for what happened to
 * them before.
 */
function chainExistingEntries(db: Database.Database): void {
  if (db.pragma('user_version', { simple: true }) !== 0) return;
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('record_reads')").pluck().all();
  db.transaction(() => {
    if (!columns.includes('kind')) db.exec("ALTER TABLE record_reads ADD COLUMN kind TEXT NOT NULL DEFAULT 'VIEW'");
    if (!columns.includes('hash')) db.exec('ALTER TABLE record_reads ADD COLUMN prev_hash TEXT; ALTER TABLE record_reads ADD COLUMN hash TEXT');
    let head = { entries: 0, seq: 0, hash: GENESIS_HASH };
    const setHashes = db.prepare('UPDATE record_reads SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of db.prepare<[], ReadEntry & { seq: number }>('SELECT * FROM record_reads ORDER BY seq').all()) {
      const hash = readHash(row.seq, row, head.hash);
      setHashes.run(head.hash, hash, row.seq);
      head = { entries: head.entries + 1, seq: row.seq, hash };
    }
    const log = db.prepare(
      'INSERT INTO hit_notice_log (seq, holder_agency, record_id, queried_by, at, count, prev_hash, hash) VALUES (@seq, @holder_agency, @record_id, @queried_by, @at, @count, @prev_hash, @hash)',
    );
    const counts = db.prepare<[], NoticeEntry>(
      'SELECT holder_agency, record_id, queried_by, last_at AS at, count FROM hit_notice_counts ORDER BY seq, holder_agency, record_id, queried_by',
    );
    for (const entry of counts.all()) {
      const seq = head.seq + 1;
      const hash = noticeHash(seq, entry, head.hash);
      log.run({ ...entry, seq, prev_hash: head.hash, hash });
      head = { entries: head.entries + 1, seq, hash };
    }
    db.prepare('INSERT OR REPLACE INTO audit_chain_head (id, entries, seq, hash) VALUES (1, @entries, @seq, @hash)').run(head);
    db.exec('PRAGMA user_version = 1');
  })();
}

/** The audit store of a hub, read only (an operator's check while the hub runs or after it stopped). @throws when the file does not exist */
export function openAuditStoreReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

const hasTable = (db: Database.Database, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Hubs of earlier versions kept the audit inside the read model: move it
 * here once per table, onto the chain. The copy and a marker are one
 * transaction of the audit store; the old table is dropped after. A start
 * that finds the marker (a crash between the two, or a restored old backup
 * of the read model) only drops: nothing is copied twice, and nothing
 * already here is overwritten — reads get fresh ids, notice counts add up.
 */
function moveAuditOutOf(projection: Database.Database, audit: Database.Database): void {
  audit.exec('CREATE TABLE IF NOT EXISTS moved_from_read_model (name TEXT PRIMARY KEY, at TEXT NOT NULL)');
  const chain = auditChainOf(audit);
  const moved = audit.prepare<[string], number>('SELECT 1 FROM moved_from_read_model WHERE name = ?').pluck();
  const mark = audit.prepare("INSERT INTO moved_from_read_model (name, at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ'))");
  const countNotice = audit.prepare(`
    INSERT INTO hit_notice_counts (holder_agency, record_id, queried_by, count, first_at, last_at, seq)
    VALUES (@holder_agency, @record_id, @queried_by, @count, @first_at, @last_at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM hit_notice_counts))
    ON CONFLICT (holder_agency, record_id, queried_by) DO UPDATE SET count = count + excluded.count,
      first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)`);
  type OldNotice = Omit<NoticeEntry, 'at'> & { first_at: string; last_at: string };
  const addNotice = (row: OldNotice): void => {
    countNotice.run(row);
    chain.appendNotice({ holder_agency: row.holder_agency, record_id: row.record_id, queried_by: row.queried_by, at: row.last_at, count: row.count });
  };
  type OldRead = Omit<ReadEntry, 'kind'>;
  const addRead = (row: OldRead): void =>
    chain.appendRead({
      record_id: row.record_id,
      originator_agency: row.originator_agency,
      reader_agency: row.reader_agency,
      reader_subject: row.reader_subject,
      at: row.at,
      kind: 'VIEW',
    });
  const sources: [string, string, (row: never) => void][] = [
    ['record_reads', 'SELECT * FROM record_reads ORDER BY seq', addRead],
    ['hit_notice_counts', 'SELECT * FROM hit_notice_counts ORDER BY seq', addNotice],
    // Older still: one row per match.
    [
      'hit_notices',
      'SELECT holder_agency, record_id, queried_by, COUNT(*) AS count, MIN(at) AS first_at, MAX(at) AS last_at FROM hit_notices GROUP BY holder_agency, record_id, queried_by',
      addNotice,
    ],
  ];
  for (const [table, select, add] of sources) {
    if (!hasTable(projection, table)) continue;
    if (!moved.get(table)) {
      chain.batch(() => {
        for (const row of projection.prepare<[], never>(select).iterate()) add(row);
        mark.run(table);
      });
    }
    projection.exec(`DROP TABLE ${table}`);
  }
}
