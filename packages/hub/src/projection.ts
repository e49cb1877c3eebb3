import { EventEmitter } from 'node:events';
import Database, { type Statement } from 'better-sqlite3';
import { getSqliteInbox, RejectedEvent, type Inbox } from '@tracebridge/bus';
import { ErrorCodes, normaliseManufacturer, type EventOf, type TracebridgeEvent } from '@tracebridge/contracts';
import { DEFAULT_DIVERSION_RULES, traceDeadlines, type DiversionRules, type TraceDeadlines } from '@tracebridge/domain';
import type { HubPolicy } from './access';
import { AgreementProjection, isAgreementEvent } from './agreementProjection';
import { BrokerProjection, isBrokerEvent } from './brokerProjection';
import { CaseProjection, isCaseEvent } from './caseProjection';
import { CASE_TABLES } from './caseTables';
import { upgradeReadModel } from './projectionUpgrades';
import { isTraceEvent, TraceProjection } from './traceProjection';
import { TRACE_TABLES, tracingDirectory } from './traceTables';
import { VisibilityIndex } from './visibility';
import { SerialBatchIndex } from './batchIndex';
import { baseOf, expectNewRecord, expectOriginator, expectStream, policyColumns, type RecordOwner } from './projectionRules';
import { RouteProjection } from './routeProjection';
import { LinkIndex } from './linkIndex';
import { RouteIndex } from './routeIndex';
import { backfillSeizureIndexes, seizureFacts, type SeizureIndex } from './seizureIndexes';
import { FAMILY_TABLES_DDL, RECORD_TABLES, recordOwnerSql } from './recordTables';
import { waitUntilApplied } from './waitApplied';

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

export interface ProjectionOptions {
  /** Told of each full recompute of the visibility index (main logs it). */
  onRecompute?: ConstructorParameters<typeof VisibilityIndex>[2];
  /** The network's tracing deadlines (TB_TRACE_DEADLINE_*), to check each request's. @default PT24H and P5D */
  traceDeadlines?: TraceDeadlines;
  /** @default () => new Date() */
  clock?: () => Date;
  /** Told when a seizure-derived index is filled from the seizures held (a new index or version; main logs it). */
  onIndexFilled?: Parameters<typeof backfillSeizureIndexes>[2];
  /** When weapons seized apart are flagged as one diverted lot (TB_DIVERSION_*; docs/diversion.md). @default DEFAULT_DIVERSION_RULES */
  diversion?: DiversionRules;
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
  /** Emits 'applied' after each batch of events commits (the consumer's onCommitted). */
  readonly applied = new EventEmitter().setMaxListeners(0);
  /** Cross-border cases (ADR 9), in the same file and transactions. */
  readonly cases: CaseProjection;
  private readonly stmt;
  /** Tracing requests (ADR 10), in the same file and transactions. */
  readonly traces: TraceProjection;
  /** The directory's sharing agreements (ADR 11): every change reaches the policy at once. */
  readonly agreements: AgreementProjection;
  /** The broker registry (ADR 12). */
  readonly brokers: BrokerProjection;
  /** Analysts' route observations (issue 9). */
  readonly routes: RouteProjection;
  /** Indexes derived from seizures (routes, links, serial batches: issue 9), written with each seizure. */
  readonly seizureIndexes: readonly SeizureIndex[];
  /** Serial batches and their chains (diversion detection, docs/diversion.md). */
  readonly batches: SerialBatchIndex;
  /** Rebuilding from the stream: derived indexes are computed at the end, not per event (issue 10, item 3). */
  private bulk = false;
  private readonly onIndexFilled: ProjectionOptions['onIndexFilled'];

  constructor(file: string, policy: HubPolicy, options: ProjectionOptions = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a batch is acknowledged to JetStream once committed, so it must be on disk when the commit returns (issue 10, item 7).
    // Events are taken in by batches of up to 500 per transaction, so the fsync is paid per batch, not per event.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    // 64 MiB of page cache (default 2 MiB): the indexes take random inserts, otherwise through the OS for every page (docs/benchmarks.md).
    this.db.pragma('cache_size = -65536');
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
      ${FAMILY_TABLES_DDL}
    `);
    upgradeReadModel(this.db);
    this.inbox = getSqliteInbox(this.db, 'liaison');
    this.visibility = new VisibilityIndex(this.db, policy, options.onRecompute);
    this.cases = new CaseProjection(this.db, this.visibility, policy);
    this.agreements = new AgreementProjection(this.db, policy);
    this.brokers = new BrokerProjection(
      this.db,
      this.visibility,
      (id) => this.recordOwner(id),
      (agency) => policy.registry().agency(agency)?.kind,
    );
    this.traces = new TraceProjection(this.db, {
      visibility: this.visibility,
      directory: tracingDirectory(policy.registry),
      deadlines: options.traceDeadlines ?? traceDeadlines({}),
      clock: options.clock ?? (() => new Date()),
      cases: this.cases,
    });
    this.routes = new RouteProjection(this.db, this.visibility, (id) => this.recordOwner(id));
    this.batches = new SerialBatchIndex(this.db, options.diversion ?? DEFAULT_DIVERSION_RULES);
    this.seizureIndexes = [new RouteIndex(this.db), new LinkIndex(this.db), this.batches];
    this.onIndexFilled = options.onIndexFilled;
    backfillSeizureIndexes(this.db, this.seizureIndexes, options.onIndexFilled);
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
      // Record ids share the visibility index (and seizures and losses the items index), so one id names one record of one family.
      recordOwner: this.db.prepare<string[], RecordOwner>(recordOwnerSql()),
    };
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
        if (isCaseEvent(event)) this.cases.apply(event);
        else if (isTraceEvent(event)) this.traces.apply(event);
        else if (isAgreementEvent(event)) this.agreements.apply(event);
        else if (isBrokerEvent(event)) this.brokers.apply(event);
        else if (event.type === 'RouteObserved') this.routes.apply(event);
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
    if (this.bulk) return;
    const facts = seizureFacts(event, Number(lastInsertRowid));
    for (const index of this.seizureIndexes) index.add(facts);
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

  private expectNewRecord(event: TracebridgeEvent, recordId: string): void {
    expectNewRecord(event, this.recordOwner(recordId), recordId);
  }

  /** Who holds the record of this id, whatever its family. */
  recordOwner(id: string): RecordOwner | undefined {
    return this.stmt.recordOwner.get(...RECORD_TABLES.map(() => id));
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
   * Enter a rebuild (an empty read model far behind the stream): the visibility and seizure-derived indexes are computed
   * whole by `endBulk`, not per event. Their versions are forgotten at once: a crash in between recomputes them at start.
   */
  beginBulk(): void {
    this.bulk = true;
    this.visibility.defer();
    this.db.prepare("DELETE FROM read_model_meta WHERE key LIKE 'index:%'").run();
  }

  /** Nothing taken in yet (a new or deleted read model): the only one the rebuild mode may start on. */
  isEmpty = (): boolean => this.db.prepare('SELECT 1 FROM inbox LIMIT 1').get() === undefined;

  /** Leave a rebuild: the indexes computed from the records held. */
  endBulk(): void {
    this.visibility.endDeferred();
    backfillSeizureIndexes(this.db, this.seizureIndexes, this.onIndexFilled);
    this.bulk = false;
  }

  /**
   * Forget everything projected — records, item index, visibility, inbox — in one transaction (the tests'
   * policy worlds; a rebuild moves the whole file aside instead). The audit is in its own store (auditStore.ts).
   */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM items; DELETE FROM visibility; DELETE FROM inbox;');
      for (const { table } of RECORD_TABLES) this.db.exec(`DELETE FROM ${table}`);
      for (const table of [...CASE_TABLES, ...TRACE_TABLES, 'agreements', ...this.seizureIndexes.flatMap((i) => i.tables)]) this.db.exec(`DELETE FROM ${table}`);
    })();
    this.agreements.reload();
  }

  private bySeizureId?: Statement<[string], SeizureRow>;
  seizure(id: string): SeizureRow | undefined {
    this.bySeizureId ??= this.db.prepare<[string], SeizureRow>('SELECT * FROM seizures WHERE id = ?');
    return this.bySeizureId.get(id);
  }

  /** Resolves with the row once projected, or undefined after `timeoutMs` (read-your-writes for a fresh report). */
  waitForSeizure(id: string, timeoutMs: number): Promise<SeizureRow | undefined> {
    return this.waitUntil(() => this.seizure(id), timeoutMs);
  }

  private appliedEvent?: Statement<[string], number>;
  /** Whether the event was applied here (read-your-writes for a case act). */
  hasApplied(eventId: string): boolean {
    this.appliedEvent ??= this.db.prepare<[string], number>("SELECT 1 FROM inbox WHERE consumer = 'liaison' AND event_id = ?").pluck();
    return this.appliedEvent.get(eventId) !== undefined;
  }

  /** Resolves with what `probe` finds once it finds something after a batch of events is applied, or undefined after `timeoutMs`. */
  waitUntil<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    return waitUntilApplied(this.applied, probe, timeoutMs);
  }
}
