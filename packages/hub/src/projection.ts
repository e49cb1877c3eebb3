import { EventEmitter } from 'node:events';
import Database, { type Statement } from 'better-sqlite3';
import { getSqliteInbox, RejectedEvent, type Inbox } from '@tracebridge/bus';
import { ErrorCodes, normaliseManufacturer, type EventOf, type TracebridgeEvent } from '@tracebridge/contracts';
import type { HubPolicy } from './access';
import { VisibilityIndex } from './visibility';

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

interface RecordOwner {
  kind: 'SEIZURE' | 'STOCKPILE_LOSS';
  agency: string;
  state: string;
}

const baseOf = (event: TracebridgeEvent): Record<string, string> => ({
  agency: event.originator.agency,
  state: event.originator.state,
  tlp: event.handling.tlp,
  releasable: JSON.stringify(event.handling.releasableTo),
});

const policyColumns = (event: TracebridgeEvent) => ({
  originator_agency: event.originator.agency,
  originator_state: event.originator.state,
  tlp: event.handling.tlp,
  releasable_to: JSON.stringify(event.handling.releasableTo),
});

/** The stream id is signed too; one that names another record means the event is not about the record its data names. */
function expectStream(event: TracebridgeEvent, streamId: string): void {
  if (event.streamId !== streamId) {
    throw new RejectedEvent(ErrorCodes.STREAM_MISMATCH, `${event.type} ${event.id} is on stream ${event.streamId}, not ${streamId}`);
  }
}

function expectOriginator(event: TracebridgeEvent, owner: RecordOwner, recordId: string): void {
  if (owner.agency !== event.originator.agency || owner.state !== event.originator.state) {
    throw new RejectedEvent(ErrorCodes.NOT_RECORD_ORIGINATOR, `${event.type} ${event.id} from ${event.originator.agency} names ${recordId}, a record of ${owner.agency}`);
  }
}

/**
 * The hub's read models in one SQLite file, fed through the inbox so each
 * event applies once. What is kept is what events carry: no person
 * identities ever reach this file.
 */
export class LiaisonProjection {
  readonly db: Database.Database;
  readonly inbox: Inbox;
  /** The access policy, materialised (visibility.ts): every read path asks it. */
  readonly visibility: VisibilityIndex;
  /** Emits 'applied' after each event's transaction commits. */
  readonly applied = new EventEmitter().setMaxListeners(0);
  private readonly stmt;

  constructor(file: string, policy: HubPolicy, onRecompute?: ConstructorParameters<typeof VisibilityIndex>[2]) {
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
      -- Who reported each loss: a later event naming the loss id must come from the same originator.
      CREATE TABLE IF NOT EXISTS stockpile_losses (
        id TEXT PRIMARY KEY, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.upgrade();
    this.inbox = getSqliteInbox(this.db, 'liaison');
    this.visibility = new VisibilityIndex(this.db, policy, onRecompute);
    this.stmt = {
      seizure: this.db.prepare(
        // No OR IGNORE: a second report of an id is rejected before this runs, never silently merged.
        `INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
         VALUES (@id, @agency, @state, @tlp, @releasable, @occurredAt, @reportedAt, @country, @handling, @data)`,
      ),
      item: this.db.prepare(
        `INSERT INTO items (record_id, record_kind, holder_agency, holder_state, tlp, releasable_to, manufacturer_norm, serial_norm, manufacturer, serial_as_read, category)
         VALUES (@recordId, @kind, @agency, @state, @tlp, @releasable, @m, @s, @manufacturer, @asRead, @category)`,
      ),
      disposition: this.db.prepare(`UPDATE seizures SET dispositions = json_insert(dispositions, '$[#]', json(?)) WHERE id = ?`),
      loss: this.db.prepare('INSERT INTO stockpile_losses (id, originator_agency, originator_state, tlp, releasable_to) VALUES (@id, @agency, @state, @tlp, @releasable)'),
      // Seizure and loss ids share the items index (record_id), so one id may name only one record of either kind.
      recordOwner: this.db.prepare<[string, string], RecordOwner>(
        `SELECT 'SEIZURE' AS kind, originator_agency AS agency, originator_state AS state FROM seizures WHERE id = ?
         UNION ALL SELECT 'STOCKPILE_LOSS', originator_agency, originator_state FROM stockpile_losses WHERE id = ?`,
      ),
    };
  }

  /**
   * Once per file written by an earlier version (PRAGMA user_version 0 → 1):
   * drop item rows a partner planted under another agency's seizure id (the
   * projection checks originators since version 1), and record who reported
   * each stockpile loss, from the items index. A loss id claimed by two
   * holders there cannot be told apart: it is left out, so later events
   * about it are quarantined rather than credited to the wrong agency.
   */
  private upgrade(): void {
    this.upgradeToV1();
    this.upgradeToV2();
  }

  private upgradeToV1(): void {
    if (this.db.pragma('user_version', { simple: true }) !== 0) return;
    this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM items WHERE record_kind = 'SEIZURE'
          AND holder_agency != COALESCE((SELECT originator_agency FROM seizures WHERE seizures.id = items.record_id), holder_agency);
        INSERT OR IGNORE INTO stockpile_losses (id, originator_agency, originator_state)
          SELECT record_id, MIN(holder_agency), MIN(holder_state) FROM items WHERE record_kind = 'STOCKPILE_LOSS'
          GROUP BY record_id HAVING COUNT(DISTINCT holder_agency) = 1;
        PRAGMA user_version = 1;`);
    })();
  }

  /**
   * Version 2 (the visibility index): stockpile losses keep their handling,
   * as seizures do, so the index can be recomputed from the read model. Losses
   * projected before carry it in their item rows; one without a readable
   * serial had no row and is indexed as TLP:RED (seen by its originator alone).
   */
  private upgradeToV2(): void {
    if (this.db.pragma('user_version', { simple: true }) !== 1) return;
    const columns = this.db.prepare<[], string>("SELECT name FROM pragma_table_info('stockpile_losses')").pluck().all();
    this.db.transaction(() => {
      if (!columns.includes('tlp')) {
        this.db.exec(`
          ALTER TABLE stockpile_losses ADD COLUMN tlp TEXT NOT NULL DEFAULT 'RED';
          ALTER TABLE stockpile_losses ADD COLUMN releasable_to TEXT NOT NULL DEFAULT '[]';`);
      }
      // Only the loss's own item rows (its kind, its originator) say its handling; rows that disagree make it RED.
      this.db.exec(`
        UPDATE stockpile_losses SET
          tlp = COALESCE((SELECT CASE WHEN COUNT(DISTINCT tlp) = 1 AND COUNT(DISTINCT releasable_to) = 1 THEN MIN(tlp) ELSE 'RED' END
                          FROM items WHERE items.record_id = stockpile_losses.id AND items.record_kind = 'STOCKPILE_LOSS'
                            AND items.holder_agency = stockpile_losses.originator_agency), 'RED'),
          releasable_to = COALESCE((SELECT CASE WHEN COUNT(DISTINCT tlp) = 1 AND COUNT(DISTINCT releasable_to) = 1 THEN MIN(releasable_to) ELSE '[]' END
                          FROM items WHERE items.record_id = stockpile_losses.id AND items.record_kind = 'STOCKPILE_LOSS'
                            AND items.holder_agency = stockpile_losses.originator_agency), '[]');`);
      this.db.exec('PRAGMA user_version = 2');
    })();
  }

  /**
   * Apply one verified event (inside the inbox transaction). A verified
   * signature proves who wrote an event, not that the writer may change the
   * record it names: only the record's originator may, under the record's
   * own stream id. Anything else throws `RejectedEvent` before any write, so
   * the transaction rolls back and the consumer dead-letters the event.
   */
  apply(event: TracebridgeEvent): void {
    switch (event.type) {
      case 'SeizureReported':
        this.applySeizure(event);
        break;
      case 'StockpileLossReported':
        expectStream(event, `stockpile-${event.data.lossId}`);
        this.expectNewRecord(event, event.data.lossId);
        this.stmt.loss.run({ id: event.data.lossId, ...baseOf(event) });
        this.visibility.add(event.data.lossId, null, { ...policyColumns(event), family: 'STOCKPILE_LOSS' });
        this.indexItems(event.data.lossId, 'STOCKPILE_LOSS', baseOf(event), event.data.items);
        break;
      case 'DispositionRecorded':
        this.applyDisposition(event);
        break;
      default:
        break;
    }
  }

  private applySeizure(event: EventOf<'SeizureReported'>): void {
    expectStream(event, `seizure-${event.data.seizureId}`);
    this.expectNewRecord(event, event.data.seizureId);
    const base = baseOf(event);
    const { lastInsertRowid } = this.stmt.seizure.run({
      ...base,
      id: event.data.seizureId,
      occurredAt: event.occurredAt,
      reportedAt: event.recordedAt,
      country: event.data.location.country,
      handling: JSON.stringify(event.handling),
      data: JSON.stringify(event.data),
    });
    this.visibility.add(event.data.seizureId, Number(lastInsertRowid), policyColumns(event));
    this.indexItems(event.data.seizureId, 'SEIZURE', base, event.data.items);
  }

  private applyDisposition(event: EventOf<'DispositionRecorded'>): void {
    const { seizureId } = event.data;
    expectStream(event, `seizure-${seizureId}`);
    const owner = this.recordOwner(seizureId);
    // Per-stream order holds end to end (ADR 3), so a disposition whose seizure is not here names no seizure
    // of its originator that reached the hub. Retrying it would let anyone with a valid key fill the consumer's
    // window with redeliveries and stall every agency's events; it is quarantined instead, never marked
    // applied, and can be replayed from the dead letters once its seizure has arrived.
    if (owner === undefined) throw new RejectedEvent(ErrorCodes.RECORD_NOT_FOUND, `DispositionRecorded for seizure ${seizureId}, which the hub does not hold`);
    expectOriginator(event, owner, seizureId);
    if (owner.kind !== 'SEIZURE') throw new RejectedEvent(ErrorCodes.INVALID_EVENT, `DispositionRecorded names ${seizureId}, which is a stockpile loss`);
    this.stmt.disposition.run(JSON.stringify({ ...event.data, recordedAt: event.recordedAt }), seizureId);
  }

  /** A report must name a new id: another originator's id is theirs, and the same originator reports a record once. */
  private expectNewRecord(event: TracebridgeEvent, recordId: string): void {
    const owner = this.recordOwner(recordId);
    if (owner === undefined) return;
    expectOriginator(event, owner, recordId);
    throw new RejectedEvent(ErrorCodes.RECORD_ALREADY_REPORTED, `${event.type} ${event.id} reports ${recordId} again; the first report stands`);
  }

  private recordOwner(id: string): RecordOwner | undefined {
    return this.stmt.recordOwner.get(id, id);
  }

  private indexItems(
    recordId: string,
    kind: string,
    base: Record<string, string>,
    items: readonly { manufacturer?: string; serial?: { asRead: string; normalised: string | null }; category?: string }[],
  ): void {
    for (const i of items) {
      if (!i.manufacturer || !i.serial?.normalised) continue;
      this.stmt.item.run({
        ...base,
        recordId,
        kind,
        m: normaliseManufacturer(i.manufacturer),
        s: i.serial.normalised,
        manufacturer: i.manufacturer,
        asRead: i.serial.asRead,
        category: i.category ?? null,
      });
    }
  }

  /**
   * Forget everything projected — records, item index, visibility, inbox —
   * in one transaction: a rebuild from the events starts here. The audit is
   * in its own store (auditStore.ts) and is not touched.
   */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM seizures; DELETE FROM items; DELETE FROM stockpile_losses; DELETE FROM visibility; DELETE FROM inbox;');
    })();
  }

  private bySeizureId?: Statement<[string], SeizureRow>;
  seizure(id: string): SeizureRow | undefined {
    this.bySeizureId ??= this.db.prepare<[string], SeizureRow>('SELECT * FROM seizures WHERE id = ?');
    return this.bySeizureId.get(id);
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
