import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The audit's hash chain. Every entry of the audit store — a read
 * (`record_reads`) or one increment of a hit notice (`hit_notice_log`) —
 * takes the next number of one sequence shared by both tables (`seq`), the
 * hash of the entry before it (`prev_hash`) and its own `hash`: SHA-256, hex,
 * over the JSON array of a tag naming the table and version, seq, the
 * entry's columns in a fixed order, and prev_hash (`readHash`,
 * `noticeHash`). JSON strings have one spelling per value, so anyone can
 * recompute a hash from the row alone. The first entry's prev_hash is
 * GENESIS_HASH.
 *
 * A head (`audit_chain_head`: entries, last seq, last hash) is rewritten in
 * the transaction of every batch, so removing entries from the end shows as
 * a chain shorter than its head. Whoever can write the file can still
 * rewrite every entry and the head together: the head kept outside the file
 * (logged at start and stop, printed by `npm run audit:verify`) is what
 * catches that.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What kind of read an entry records. VIEW: a record's data was built for a
 * response. The others are named for the reads still to come (exports,
 * serial-check details, cases, whose record ids read `case:<id>`).
 */
export type ReadKind = 'VIEW' | 'EXPORT' | 'SERIAL_CHECK_DETAIL' | 'CASE_VIEW';

export interface ReadEntry {
  record_id: string;
  originator_agency: string;
  reader_agency: string;
  reader_subject: string;
  at: string;
  kind: string;
}

/** One increment of a hit notice: `count` matches (1, or an older hub's count carried over once). */
export interface NoticeEntry {
  holder_agency: string;
  record_id: string;
  queried_by: string;
  at: string;
  count: number;
}

/** The chain's last entry: keep `hash` elsewhere to detect a rewrite later. */
export interface ChainHead {
  /** Entries in the chain (reads and notice increments). */
  entries: number;
  /** The last entry's seq (0 when empty). */
  seq: number;
  /** The last entry's hash (GENESIS_HASH when empty). */
  hash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of a `record_reads` row. */
export function readHash(seq: number, e: ReadEntry, prevHash: string): string {
  return sha256(JSON.stringify(['tb-audit-read/1', seq, e.record_id, e.originator_agency, e.reader_agency, e.reader_subject, e.at, e.kind, prevHash]));
}

/** The hash of a `hit_notice_log` row. */
export function noticeHash(seq: number, e: NoticeEntry, prevHash: string): string {
  return sha256(JSON.stringify(['tb-audit-notice/1', seq, e.holder_agency, e.record_id, e.queried_by, e.at, e.count, prevHash]));
}

/** The chain's tables beside the audit's own (record_reads gains its chain columns in auditStore.ts). */
export const CHAIN_SCHEMA = `
  -- Every match a hit notice counts, one row per increment: the chained history hit_notice_counts is the index of.
  CREATE TABLE IF NOT EXISTS hit_notice_log (
    seq INTEGER PRIMARY KEY, holder_agency TEXT NOT NULL, record_id TEXT NOT NULL, queried_by TEXT NOT NULL,
    at TEXT NOT NULL, count INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS audit_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1), entries INTEGER NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL);`;

/**
 * Appends entries to the chain, in batches: `batch` is one (immediate)
 * transaction that reads the head once, and writes it once at the end, so a
 * request's reads cost one head read and one head write however many there
 * are. One per database (`auditChainOf`), shared by the read audit and the
 * hit notices.
 */
export class AuditChain {
  private head: ChainHead | null = null;
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      head: db.prepare<[], ChainHead>('SELECT entries, seq, hash FROM audit_chain_head WHERE id = 1'),
      saveHead: db.prepare<[ChainHead]>('INSERT OR REPLACE INTO audit_chain_head (id, entries, seq, hash) VALUES (1, @entries, @seq, @hash)'),
      read: db.prepare(`INSERT INTO record_reads (seq, record_id, originator_agency, reader_agency, reader_subject, at, kind, prev_hash, hash)
                        VALUES (@seq, @record_id, @originator_agency, @reader_agency, @reader_subject, @at, @kind, @prev_hash, @hash)`),
      notice: db.prepare(`INSERT INTO hit_notice_log (seq, holder_agency, record_id, queried_by, at, count, prev_hash, hash)
                          VALUES (@seq, @holder_agency, @record_id, @queried_by, @at, @count, @prev_hash, @hash)`),
    };
  }

  /** The head as committed. @throws when the file has no head (never opened by openAuditStore, or the head was deleted). */
  current(): ChainHead {
    const head = this.stmt.head.get();
    if (!head) throw new Error('the audit store has no chain head (audit_chain_head): run `npm run audit:verify` on it');
    return head;
  }

  /** Run `write` (which appends) in one transaction; nested calls join the outer one. */
  batch<T>(write: () => T): T {
    if (this.head) return write();
    // Immediate: the head is read under the write lock, so no other writer can chain onto the same entry.
    return this.db
      .transaction(() => {
        const start = (this.head = this.current());
        try {
          const result = write();
          // A batch that appended nothing (every read coalesced) writes nothing either.
          if (this.head.seq !== start.seq) this.stmt.saveHead.run(this.head);
          return result;
        } finally {
          this.head = null;
        }
      })
      .immediate();
  }

  /** Append a read (inside `batch`). */
  appendRead(entry: ReadEntry): void {
    const prev = this.inBatch();
    const seq = prev.seq + 1;
    const hash = readHash(seq, entry, prev.hash);
    this.stmt.read.run({ ...entry, seq, prev_hash: prev.hash, hash });
    this.head = { entries: prev.entries + 1, seq, hash };
  }

  /** Append one hit-notice increment (inside `batch`). */
  appendNotice(entry: NoticeEntry): void {
    const prev = this.inBatch();
    const seq = prev.seq + 1;
    const hash = noticeHash(seq, entry, prev.hash);
    this.stmt.notice.run({ ...entry, seq, prev_hash: prev.hash, hash });
    this.head = { entries: prev.entries + 1, seq, hash };
  }

  private inBatch(): ChainHead {
    if (!this.head) throw new Error('audit entries are appended inside AuditChain.batch');
    return this.head;
  }
}

const chains = new WeakMap<Database.Database, AuditChain>();

/** The one chain writer of an audit store opened by openAuditStore. */
export function auditChainOf(db: Database.Database): AuditChain {
  let chain = chains.get(db);
  if (!chain) chains.set(db, (chain = new AuditChain(db)));
  return chain;
}

/** The audit store's chain head as committed: log it, or keep it elsewhere, to check the file against later. */
export function auditChainHead(db: Database.Database): ChainHead {
  return auditChainOf(db).current();
}
