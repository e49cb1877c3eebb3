import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { getSqliteInbox, type Inbox } from '@tracebridge/bus';
import { normaliseManufacturer, type TracebridgeEvent } from '@tracebridge/contracts';

export interface SeizureRow {
  seq: number;
  id: string;
  originator_agency: string;
  originator_state: string;
  tlp: string;
  releasable_to: string;
  occurred_at: string;
  reported_at: string;
  location_country: string;
  handling: string;
  data: string;
  dispositions: string;
}

/**
 * The hub's read models in one SQLite file, fed through the inbox so each
 * event applies once. What is kept is what events carry: no person
 * identities ever reach this file.
 */
export class LiaisonProjection {
  readonly db: Database.Database;
  readonly inbox: Inbox;
  /** Emits 'applied' after each event's transaction commits. */
  readonly applied = new EventEmitter().setMaxListeners(0);
  private readonly stmt;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seizures (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
        originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL, tlp TEXT NOT NULL, releasable_to TEXT NOT NULL,
        occurred_at TEXT NOT NULL, reported_at TEXT NOT NULL, location_country TEXT NOT NULL,
        handling TEXT NOT NULL, data TEXT NOT NULL, dispositions TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE IF NOT EXISTS items (
        record_id TEXT NOT NULL, record_kind TEXT NOT NULL, holder_agency TEXT NOT NULL, holder_state TEXT NOT NULL,
        tlp TEXT NOT NULL, releasable_to TEXT NOT NULL, manufacturer_norm TEXT NOT NULL, serial_norm TEXT NOT NULL,
        manufacturer TEXT NOT NULL, serial_as_read TEXT NOT NULL, category TEXT);
      CREATE INDEX IF NOT EXISTS items_match ON items (manufacturer_norm, serial_norm);
      CREATE INDEX IF NOT EXISTS items_record ON items (record_id);
      -- Every read of a shared record by another agency (invariant 6). Who and when, never what was shown.
      CREATE TABLE IF NOT EXISTS record_reads (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, originator_agency TEXT NOT NULL,
        reader_agency TEXT NOT NULL, reader_subject TEXT NOT NULL, at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS record_reads_originator ON record_reads (originator_agency, record_id, seq);
    `);
    this.inbox = getSqliteInbox(this.db, 'liaison');
    this.stmt = {
      seizure: this.db.prepare(
        `INSERT OR IGNORE INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
         VALUES (@id, @agency, @state, @tlp, @releasable, @occurredAt, @reportedAt, @country, @handling, @data)`,
      ),
      item: this.db.prepare(
        `INSERT INTO items (record_id, record_kind, holder_agency, holder_state, tlp, releasable_to, manufacturer_norm, serial_norm, manufacturer, serial_as_read, category)
         VALUES (@recordId, @kind, @agency, @state, @tlp, @releasable, @m, @s, @manufacturer, @asRead, @category)`,
      ),
      disposition: this.db.prepare(`UPDATE seizures SET dispositions = json_insert(dispositions, '$[#]', json(?)) WHERE id = ?`),
    };
  }

  /** Apply one verified event (inside the inbox transaction). */
  apply(event: TracebridgeEvent): void {
    const base = {
      agency: event.originator.agency,
      state: event.originator.state,
      tlp: event.handling.tlp,
      releasable: JSON.stringify(event.handling.releasableTo),
    };
    switch (event.type) {
      case 'SeizureReported': {
        this.stmt.seizure.run({
          ...base,
          id: event.data.seizureId,
          occurredAt: event.occurredAt,
          reportedAt: event.recordedAt,
          country: event.data.location.country,
          handling: JSON.stringify(event.handling),
          data: JSON.stringify(event.data),
        });
        this.indexItems(event.data.seizureId, 'SEIZURE', base, event.data.items);
        break;
      }
      case 'StockpileLossReported':
        this.indexItems(event.data.lossId, 'STOCKPILE_LOSS', base, event.data.items);
        break;
      case 'DispositionRecorded':
        this.stmt.disposition.run(JSON.stringify({ ...event.data, recordedAt: event.recordedAt }), event.data.seizureId);
        break;
      default:
        break;
    }
  }

  private indexItems(recordId: string, kind: string, base: Record<string, string>, items: readonly { manufacturer?: string; serial?: { asRead: string; normalised: string | null }; category?: string }[]): void {
    for (const i of items) {
      if (!i.manufacturer || !i.serial?.normalised) continue;
      this.stmt.item.run({ ...base, recordId, kind, m: normaliseManufacturer(i.manufacturer), s: i.serial.normalised, manufacturer: i.manufacturer, asRead: i.serial.asRead, category: i.category ?? null });
    }
  }

  seizure(id: string): SeizureRow | undefined {
    return this.db.prepare<[string], SeizureRow>('SELECT * FROM seizures WHERE id = ?').get(id);
  }

  /** Resolves with the row once projected, or undefined after `timeoutMs` (read-your-writes for a fresh report). */
  async waitForSeizure(id: string, timeoutMs: number): Promise<SeizureRow | undefined> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const row = this.seizure(id);
      if (row || Date.now() >= end) return row;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          this.applied.off('applied', done);
          resolve();
        };
        const t = setTimeout(done, Math.min(50, Math.max(1, end - Date.now())));
        this.applied.on('applied', done);
      });
    }
  }
}
