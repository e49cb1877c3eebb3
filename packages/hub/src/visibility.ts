import type Database from 'better-sqlite3';
import type { AccessLevel } from '@tracebridge/policy';
import type { HubPolicy, PolicyColumns } from './access';
import { RECORD_TABLES, recordPolicyRowSql } from './recordTables';

const LEVELS = { VIEW: 2, HOLDER: 1 } as const;

const VISIBILITY_INDEXES = `CREATE INDEX IF NOT EXISTS visibility_list ON visibility (agency, level, seq);
      CREATE INDEX IF NOT EXISTS visibility_record ON visibility (record_id);`;

/**
 * The access policy, materialised: one row per (agency, record) the policy
 * lets the agency know of — VIEW (the record) or HOLDER (a serial check may
 * name who holds it). Every read path of the hub reads it — one record, the
 * list and its count, serial checks, dispositions — so paging and counts
 * agree with what is shown, whatever the policy says. Rows are written with
 * the record, in the event's transaction; when the policy's fingerprint
 * changes (agreements, the registry's agencies, states or groups) the whole
 * index is recomputed before the next read or write.
 */
export class VisibilityIndex {
  private readonly stmt;
  /** The fingerprint the file holds, once known committed: reads compare with it without asking SQLite. */
  private committed: string | undefined;
  /** While the read model is rebuilt (issue 10): no rows per record; the whole index is computed at the end, set-based. */
  private deferred = false;
  constructor(
    private readonly db: Database.Database,
    /** The policy the index is computed from; person identities and hit notices ask it directly. */
    readonly policy: HubPolicy,
    /** Told of each full recompute (main logs it). */
    private readonly onRecompute?: (stats: { classes: number; rows: number; ms: number }) => void,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS visibility (
        agency TEXT NOT NULL, record_id TEXT NOT NULL, seq INTEGER, level INTEGER NOT NULL,
        PRIMARY KEY (agency, record_id)) WITHOUT ROWID;
      ${VISIBILITY_INDEXES}
      -- Case share grants (ADR 9): a record's holder consented to show it to these agencies (maintained by the case projection).
      CREATE TABLE IF NOT EXISTS record_grants (record_id TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (record_id, agency)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS read_model_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`);
    this.stmt = {
      insert: db.prepare('INSERT INTO visibility (agency, record_id, seq, level) VALUES (?, ?, ?, ?)'),
      level: db.prepare<[string, string], number>('SELECT level FROM visibility WHERE agency = ? AND record_id = ?').pluck(),
      fingerprint: db.prepare<[], string>("SELECT value FROM read_model_meta WHERE key = 'policy'").pluck(),
      setFingerprint: db.prepare("INSERT INTO read_model_meta (key, value) VALUES ('policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      grantees: db.prepare<[string], string>('SELECT agency FROM record_grants WHERE record_id = ? ORDER BY agency').pluck(),
      granted: db.prepare<[], string>('SELECT DISTINCT record_id FROM record_grants').pluck(),
      record: db.prepare<string[], PolicyColumns & { seq: number | null }>(recordPolicyRowSql()),
      drop: db.prepare('DELETE FROM visibility WHERE record_id = ?'),
    };
  }

  /**
   * Recompute the index if the policy changed since it was computed; true if
   * it did. Cheap when it has not (a registry identity check and a string compare).
   * The policy is asked once per class of records that it cannot tell apart
   * (same family, originator, originator state, TLP and releasableTo), and the rows
   * are written by SQL from those answers, in one transaction: the cost is
   * the classes times the agencies in Cedar, and the records in SQLite.
   */
  ensureCurrent(): boolean {
    // Deferred: as if just recomputed, so no record writes rows of its own (endDeferred computes them all).
    if (this.deferred) return true;
    const fingerprint = this.policy.fingerprint();
    if (fingerprint === this.committed) return false;
    if (this.stmt.fingerprint.get() === fingerprint) {
      this.remember(fingerprint);
      return false;
    }
    this.committed = undefined;
    const started = performance.now();
    const classes = this.db.transaction(() => this.recompute(fingerprint))();
    const rows = this.db.prepare<[], number>('SELECT COUNT(*) FROM visibility').pluck().get() ?? 0;
    this.onRecompute?.({ classes, rows, ms: Math.round(performance.now() - started) });
    this.remember(fingerprint);
    return true;
  }

  /** Inside an event's transaction a recompute may still roll back: only a committed fingerprint is remembered. */
  private remember(fingerprint: string): void {
    if (!this.db.inTransaction) this.committed = fingerprint;
  }

  private recompute(fingerprint: string): number {
    const db = this.db;
    db.exec(`DELETE FROM visibility;
      CREATE TEMP TABLE IF NOT EXISTS class_audience (
        family TEXT, originator_agency TEXT, originator_state TEXT, tlp TEXT, releasable_to TEXT, agency TEXT, level INTEGER);
      DELETE FROM temp.class_audience;`);
    // Each table holds one family of records, which the policy reads (a directory agreement opens the families it names).
    type Class = Required<PolicyColumns>;
    const classes = db
      .prepare<[], Class>(
        RECORD_TABLES.map(({ family, table }) => `SELECT '${family}' AS family, originator_agency, originator_state, tlp, releasable_to FROM ${table}`).join(' UNION '),
      )
      .all();
    const add = db.prepare('INSERT INTO temp.class_audience VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const c of classes) {
      for (const a of this.policy.audience(c)) add.run(c.family, c.originator_agency, c.originator_state, c.tlp, c.releasable_to, a.agency, LEVELS[a.level]);
    }
    const join = 'ca.originator_agency = r.originator_agency AND ca.originator_state = r.originator_state AND ca.tlp = r.tlp AND ca.releasable_to = r.releasable_to';
    // Records with case grants are a class of their own each: they are written one by one below.
    const ungranted = 'r.id NOT IN (SELECT record_id FROM record_grants)';
    // An id in two tables (only an old hub could hold a seizure and a loss of one id) is indexed as the first table's record.
    RECORD_TABLES.forEach(({ family, table, seq }, i) => {
      const earlier = RECORD_TABLES.slice(0, i)
        .map((t) => `AND r.id NOT IN (SELECT id FROM ${t.table})`)
        .join(' ');
      db.exec(`INSERT INTO visibility (agency, record_id, seq, level)
        SELECT ca.agency, r.id, ${seq ? 'r.seq' : 'NULL'}, ca.level FROM ${table} r JOIN temp.class_audience ca ON ca.family = '${family}' AND ${join}
        WHERE ${ungranted} ${earlier} ORDER BY ca.agency, r.id`);
    });
    db.exec('DELETE FROM temp.class_audience');
    for (const recordId of this.stmt.granted.all()) this.writeRecord(recordId);
    this.stmt.setFingerprint.run(fingerprint);
    return classes.length;
  }

  /** Index a new record (inside the transaction that projects it, after its row is written). */
  add(recordId: string, seq: number | null, row: PolicyColumns): void {
    // A recompute reads the records' tables, this one included.
    if (!this.ensureCurrent()) this.write(recordId, seq, row);
  }

  /**
   * Write one record's rows again from the policy, with its case grants
   * (after a grant, a withdrawal, or a change of a case's participants):
   * only this record's rows change.
   */
  reindex(recordId: string): void {
    if (this.ensureCurrent()) return;
    this.stmt.drop.run(recordId);
    this.writeRecord(recordId);
  }

  /** The agencies holding a case share grant of the record. */
  granteesOf(recordId: string): string[] {
    return this.stmt.grantees.all(recordId);
  }

  private writeRecord(recordId: string): void {
    const row = this.stmt.record.get(...RECORD_TABLES.map(() => recordId));
    if (row) this.write(recordId, row.seq, { ...row, grantees: this.stmt.grantees.all(recordId) });
  }

  /**
   * Stop writing rows per record (a rebuild from the stream): the stored
   * fingerprint goes, so a crash meanwhile recomputes the index at the next
   * start. Only ever on an empty read model (the consumer's rebuild mode is
   * refused on a populated one), so reads meanwhile see nothing (failing closed);
   * `level` asks the policy directly, so what a rebuild decides from it
   * (a case attachment) is decided as it was the first time.
   */
  defer(): void {
    this.deferred = true;
    this.committed = undefined;
    this.db.prepare("DELETE FROM read_model_meta WHERE key = 'policy'").run();
  }

  /** End a rebuild: the whole index computed from the records, set-based. */
  endDeferred(): void {
    this.deferred = false;
    this.ensureCurrent();
  }

  /** What `agency` may know of the record. */
  level(agency: string, recordId: string): AccessLevel {
    if (this.deferred) return this.levelFromPolicy(agency, recordId);
    this.ensureCurrent();
    const level = this.stmt.level.get(agency, recordId);
    return level === LEVELS.VIEW ? 'VIEW' : level === LEVELS.HOLDER ? 'HOLDER' : 'NONE';
  }

  private levelFromPolicy(agency: string, recordId: string): AccessLevel {
    const row = this.stmt.record.get(...RECORD_TABLES.map(() => recordId));
    if (!row) return 'NONE';
    return this.policy.audience({ ...row, grantees: this.stmt.grantees.all(recordId) }).find((a) => a.agency === agency)?.level ?? 'NONE';
  }

  private write(recordId: string, seq: number | null, row: PolicyColumns): void {
    for (const a of this.policy.audience(row)) this.stmt.insert.run(a.agency, recordId, seq, LEVELS[a.level]);
  }
}

/**
 * The seizures the viewer (`@agency`) may see, as a FROM clause: walked
 * newest first along the index, so a page costs what it shows.
 */
export const VISIBLE_SEIZURES = `visibility v JOIN seizures ON seizures.seq = v.seq AND v.agency = @agency AND v.level = ${LEVELS.VIEW}`;
