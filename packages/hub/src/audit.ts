import type Database from 'better-sqlite3';
import type { Officer } from '@tracebridge/identity';
import { auditChainOf, type AuditChain, type ReadKind } from './auditChain';

/** What one GraphQL request read of other agencies' records; written once, when the request resolves. */
const READS = Symbol('tb.reads');
type ReadEntryNote = { recordId: string; originator: string; officer: Officer; kind: ReadKind };
type Reads = Map<string, ReadEntryNote>;
type WithReads = { [READS]?: Reads };

/**
 * The read audit (invariant 6): every read of a shared record by another
 * agency, who and when, never what was shown. A read is noted only when a
 * record's data is actually built for the response (a count is not a
 * read), once per record and kind per request however many aliases ask for
 * it, and written in one transaction when the request resolves, before the
 * answer leaves the hub; each read is an entry of the audit's hash chain
 * (auditChain.ts), chained in that same transaction. Reads of the same
 * record, of the same kind, by the same officer within READ_COALESCE_MS are
 * one read: the gateway sends each aliased root field as its own request,
 * and an audit row per alias would let one query bury the originator's
 * audit.
 */
const READ_COALESCE_MS = 60_000;

export class ReadAudit {
  private readonly chain: AuditChain;
  private readonly recent;
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {
    this.chain = auditChainOf(db);
    // A query of its own before each append: an INSERT … SELECT that reads its own table goes through a temporary table in SQLite, and measured slower.
    this.recent = db.prepare<{ record: string; originator: string; reader: string; subject: string; kind: string; since: string }>(`
      SELECT 1 FROM record_reads WHERE originator_agency = @originator AND record_id = @record AND reader_agency = @reader AND reader_subject = @subject
        AND kind = @kind AND at > @since`);
  }

  /**
   * Note that `officer` is being shown record `recordId` of `originator` in
   * this request (`context`). A case's reads name it `case:<id>`; a corridor's (counts from the originator's records) `route:<id>`.
   * @default kind 'VIEW'
   */
  note(context: object, recordId: string, originator: string, officer: Officer, kind: ReadKind = 'VIEW'): void {
    if (originator === officer.agency) return; // the originator reading its own is not sharing
    const ctx = context as WithReads;
    // Keyed by originator too: one aggregate (a corridor, `route:<id>`) is a read of every originator whose records it counts.
    (ctx[READS] ??= new Map()).set(`${kind} ${recordId} ${originator}`, { recordId, originator, officer, kind });
  }

  /** Write the request's reads now, in one transaction of their own. */
  flush(context: object): void {
    const reads = (context as WithReads)[READS];
    if (!reads || reads.size === 0) return;
    const entries = [...reads.values()];
    reads.clear();
    this.write([entries]);
  }

  /**
   * Write the request's reads with those of every other request resolving
   * in the same turn of the event loop: one transaction, one fsync, for the
   * group (called from mercurius' onResolution hook, which the answer waits
   * for: no answer leaves before its reads are durable). A failed write
   * fails every request of its group.
   */
  flushGrouped(context: object): Promise<void> {
    const reads = (context as WithReads)[READS];
    if (!reads || reads.size === 0) return Promise.resolve();
    const entries = [...reads.values()];
    reads.clear();
    return new Promise((resolve, reject) => {
      this.group.push({ entries, resolve, reject });
      if (this.group.length === 1) setImmediate(() => this.commitGroup());
    });
  }

  private group: { entries: ReadEntryNote[]; resolve: () => void; reject: (err: unknown) => void }[] = [];

  private commitGroup(): void {
    const group = this.group;
    this.group = [];
    try {
      this.write(group.map((g) => g.entries));
      for (const g of group) g.resolve();
    } catch (err) {
      for (const g of group) g.reject(err);
    }
  }

  private write(requests: ReadEntryNote[][]): void {
    const now = this.clock();
    const at = now.toISOString();
    const since = new Date(now.getTime() - READ_COALESCE_MS).toISOString();
    this.chain.batch(() => {
      for (const r of requests.flat()) {
        if (this.recent.get({ record: r.recordId, originator: r.originator, reader: r.officer.agency, subject: r.officer.subject, kind: r.kind, since })) continue;
        this.chain.appendRead({ record_id: r.recordId, originator_agency: r.originator, reader_agency: r.officer.agency, reader_subject: r.officer.subject, at, kind: r.kind });
      }
    });
  }

  readsOf(originator: string, recordId: string | null, limit: number): { record_id: string; reader_agency: string; reader_subject: string; at: string; kind: string }[] {
    type Row = { record_id: string; reader_agency: string; reader_subject: string; at: string; kind: string };
    return recordId
      ? this.db
          .prepare<[string, string, number], Row>('SELECT * FROM record_reads WHERE originator_agency = ? AND record_id = ? ORDER BY seq DESC LIMIT ?')
          .all(originator, recordId, limit)
      : this.db.prepare<[string, number], Row>('SELECT * FROM record_reads WHERE originator_agency = ? ORDER BY seq DESC LIMIT ?').all(originator, limit);
  }
}
