import type Database from 'better-sqlite3';
import type { AccessLevel } from '@tracebridge/policy';
import type { HubPolicy, PolicyColumns } from './access';

const LEVELS = { VIEW: 2, HOLDER: 1 } as const;

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
  constructor(
    private readonly db: Database.Database,
    /** The policy the index is computed from; person identities ask it directly. */
    readonly policy: HubPolicy,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS visibility (
        agency TEXT NOT NULL, record_id TEXT NOT NULL, seq INTEGER, level INTEGER NOT NULL,
        PRIMARY KEY (agency, record_id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS visibility_list ON visibility (agency, level, seq);
      CREATE TABLE IF NOT EXISTS read_model_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`);
    this.stmt = {
      insert: db.prepare('INSERT INTO visibility (agency, record_id, seq, level) VALUES (?, ?, ?, ?)'),
      level: db.prepare<[string, string], number>('SELECT level FROM visibility WHERE agency = ? AND record_id = ?').pluck(),
      fingerprint: db.prepare<[], string>("SELECT value FROM read_model_meta WHERE key = 'policy'").pluck(),
      setFingerprint: db.prepare("INSERT INTO read_model_meta (key, value) VALUES ('policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    };
  }

  /**
   * Recompute the index if the policy changed since it was computed; true if
   * it did. Cheap when it has not (a registry identity check and one lookup).
   */
  ensureCurrent(): boolean {
    const fingerprint = this.policy.fingerprint();
    if (this.stmt.fingerprint.get() === fingerprint) return false;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM visibility');
      type Row = PolicyColumns & { id: string; seq: number | null };
      const records = this.db.prepare<[], Row>(
        `SELECT id, seq, originator_agency, originator_state, tlp, releasable_to FROM seizures
         UNION ALL SELECT id, NULL, originator_agency, originator_state, tlp, releasable_to FROM stockpile_losses`,
      );
      for (const r of records.all()) this.write(r.id, r.seq, r);
      this.stmt.setFingerprint.run(fingerprint);
    })();
    return true;
  }

  /** Index a new record (inside the transaction that projects it, after its row is written). */
  add(recordId: string, seq: number | null, row: PolicyColumns): void {
    // A recompute reads the records' tables, this one included.
    if (!this.ensureCurrent()) this.write(recordId, seq, row);
  }

  /** What `agency` may know of the record. */
  level(agency: string, recordId: string): AccessLevel {
    this.ensureCurrent();
    const level = this.stmt.level.get(agency, recordId);
    return level === LEVELS.VIEW ? 'VIEW' : level === LEVELS.HOLDER ? 'HOLDER' : 'NONE';
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
