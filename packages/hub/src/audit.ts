import type Database from 'better-sqlite3';
import type { Officer } from '@tracebridge/identity';

/** What one GraphQL request read of other agencies' records; written once, when the request resolves. */
const READS = Symbol('tb.reads');
type Reads = Map<string, { originator: string; officer: Officer }>;
type WithReads = { [READS]?: Reads };

/**
 * The read audit (invariant 6): every read of a shared record by another
 * agency, who and when, never what was shown. A read is noted only when a
 * record's data is actually built for the response (a count is not a
 * read), once per record per request however many aliases ask for it, and
 * written in one transaction when the request resolves, before the answer
 * leaves the hub. Reads of the same record by the same officer within
 * READ_COALESCE_MS are one read: the gateway sends each aliased root field
 * as its own request, and an audit row per alias would let one query bury
 * the originator's audit.
 */
const READ_COALESCE_MS = 60_000;

export class ReadAudit {
  private readonly insert;
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {
    this.insert = db.prepare(`
      INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at)
      SELECT @record, @originator, @reader, @subject, @at
      WHERE NOT EXISTS (SELECT 1 FROM record_reads WHERE originator_agency = @originator AND record_id = @record AND reader_agency = @reader AND reader_subject = @subject AND at > @since)`);
  }

  /** Note that `officer` is being shown record `recordId` of `originator` in this request (`context`). */
  note(context: object, recordId: string, originator: string, officer: Officer): void {
    if (originator === officer.agency) return; // the originator reading its own is not sharing
    const ctx = context as WithReads;
    (ctx[READS] ??= new Map()).set(recordId, { originator, officer });
  }

  /** Write the request's reads (called from mercurius' onResolution hook). */
  flush(context: object): void {
    const reads = (context as WithReads)[READS];
    if (!reads || reads.size === 0) return;
    const now = this.clock();
    const at = now.toISOString();
    const since = new Date(now.getTime() - READ_COALESCE_MS).toISOString();
    this.db.transaction(() => {
      for (const [record, r] of reads) this.insert.run({ record, originator: r.originator, reader: r.officer.agency, subject: r.officer.subject, at, since });
    })();
    reads.clear();
  }

  readsOf(originator: string, recordId: string | null, limit: number): { record_id: string; reader_agency: string; reader_subject: string; at: string }[] {
    type Row = { record_id: string; reader_agency: string; reader_subject: string; at: string };
    return recordId
      ? this.db
          .prepare<[string, string, number], Row>('SELECT * FROM record_reads WHERE originator_agency = ? AND record_id = ? ORDER BY seq DESC LIMIT ?')
          .all(originator, recordId, limit)
      : this.db.prepare<[string, number], Row>('SELECT * FROM record_reads WHERE originator_agency = ? ORDER BY seq DESC LIMIT ?').all(originator, limit);
  }
}
