import type Database from 'better-sqlite3';
import { RejectedEvent } from '@tracebridge/bus';
import { ErrorCodes, type Item, TracebridgeError, type EventOf, type TracebridgeEvent } from '@tracebridge/contracts';
import { checkTraceEvent, sameJson, traceDecider, tracedItem, type TraceDeadlines, type TraceEvent, type TraceState } from '@tracebridge/domain';
import { recordOf, type PolicyColumns } from './access';
import type { CaseProjection } from './caseProjection';
import { traceTablesSql, type TraceRow, type TracingDirectory } from './traceTables';
import type { VisibilityIndex } from './visibility';

type TraceEventType = TraceEvent['type'];
const TRACE_TYPES: readonly string[] = ['TraceRequested', 'TraceAcknowledged', 'TraceAnswered', 'TraceDeclined', 'TraceEscalated'] satisfies TraceEventType[];
export const isTraceEvent = (e: TracebridgeEvent): e is EventOf<TraceEventType> => TRACE_TYPES.includes(e.type);

const SUMMARIES: Record<TraceEventType, (e: EventOf<TraceEventType>) => string> = {
  TraceRequested: (e) => `${e.originator.agency} sent a tracing request to ${(e as EventOf<'TraceRequested'>).data.addressedState}`,
  TraceAcknowledged: (e) => `${e.originator.agency} acknowledged a tracing request`,
  TraceAnswered: (e) => `${e.originator.agency} answered a tracing request`,
  TraceDeclined: (e) => `${e.originator.agency} could not trace the weapon`,
  TraceEscalated: (e) => `a tracing request is overdue; ${e.originator.agency} escalated it to ${(e as EventOf<'TraceEscalated'>).data.to}`,
};

/**
 * Tracing requests as the hub projects them (ADR 10): each act checked by
 * the one trace decider at its own time, with the directory's facts and
 * the network's deadlines, and applied in the event's transaction. A
 * request names a seizure the requester may see here and carries exactly
 * that item's markings; a trace linked to a case shows its lifecycle in the
 * case's timeline.
 */
export class TraceProjection {
  private readonly stmt;
  /** The network's tracing deadlines, as this hub checks them. */
  readonly deadlines: TraceDeadlines;
  constructor(
    private readonly db: Database.Database,
    private readonly deps: { visibility: VisibilityIndex; directory: TracingDirectory; deadlines: TraceDeadlines; clock: () => Date; cases: CaseProjection },
  ) {
    db.exec(traceTablesSql);
    this.deadlines = deps.deadlines;
    this.stmt = {
      row: db.prepare<[string], TraceRow>('SELECT * FROM traces WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO traces (id, requester_agency, requester_state, addressed_state, poc, priority, deadline, status, case_id, seizure_id, request, requested_at, updated_at, state)
         VALUES (@id, @requester, @requesterState, @addressedState, @poc, @priority, @deadline, 'SENT', @caseId, @seizureId, @request, @at, @at, @state)`,
      ),
      update: db.prepare(
        `UPDATE traces SET status = @status, escalated_to = @escalatedTo, findings = COALESCE(@findings, findings),
           decline_reason = COALESCE(@reason, decline_reason), updated_at = @at, state = @state WHERE id = @id`,
      ),
      seizureData: db.prepare<[string], string>('SELECT data FROM seizures WHERE id = ?').pluck(),
      seizureRow: db.prepare<[string], PolicyColumns & { handling: string }>('SELECT originator_agency, originator_state, tlp, releasable_to, handling FROM seizures WHERE id = ?'),
    };
  }

  row(traceId: string): TraceRow | undefined {
    return this.stmt.row.get(traceId);
  }

  /** The trace as the decider sees it; undefined when the hub holds no such trace. */
  state(traceId: string): TraceState | undefined {
    const row = this.stmt.row.get(traceId);
    return row ? (JSON.parse(row.state) as TraceState) : undefined;
  }

  /**
   * Whether the agency may send a seizure's markings to another state: only a
   * seizure it may see by its own right (its own, its handling, an agreement),
   * never through a case grant (a grant is for the case, not for passing on),
   * and another agency's H2 record never (no further dissemination without
   * permission).
   */
  mayTrace(agency: string, seizureId: string): boolean {
    const row = this.stmt.seizureRow.get(seizureId);
    if (!row) return false;
    if (row.originator_agency === agency) return true;
    const code = (JSON.parse(row.handling) as { code?: string }).code ?? 'H0';
    return code !== 'H2' && this.deps.visibility.policy.levelFor(agency, recordOf(row)) === 'VIEW';
  }

  /** The item of a seizure as it would go into a request; undefined when the seizure or item is not held here. */
  item(seizureId: string, itemId: string): Item | undefined {
    const data = this.stmt.seizureData.get(seizureId);
    const items = data ? (JSON.parse(data) as { items: Item[] }).items : [];
    return items.find((i) => i.itemId === itemId);
  }

  apply(event: EventOf<TraceEventType>): void {
    const traceId = event.data.traceId;
    if (event.streamId !== `trace-${traceId}`)
      throw new RejectedEvent(ErrorCodes.STREAM_MISMATCH, `${event.type} ${event.id} is on stream ${event.streamId}, not trace-${traceId}`);
    const before = this.state(traceId) ?? traceDecider.initialState();
    const act = event as unknown as TraceEvent;
    if (event.type === 'TraceRequested') this.expectRequestFacts(event);
    try {
      checkTraceEvent(before, act, this.factsFor(before, event));
    } catch (err) {
      if (err instanceof TracebridgeError) throw new RejectedEvent(err.code, `${event.type} ${event.id} refused by the tracing rules: ${err.message}`, { cause: err });
      throw err;
    }
    const after = traceDecider.evolve(before, act);
    const common = { id: traceId, at: event.occurredAt, state: JSON.stringify(after) };
    if (event.type === 'TraceRequested') {
      const d = event.data;
      this.stmt.insert.run({
        ...common,
        requester: event.originator.agency,
        requesterState: d.requesterState,
        addressedState: d.addressedState,
        poc: d.pointOfContact,
        priority: d.priority,
        deadline: d.deadline,
        caseId: d.caseId ?? null,
        seizureId: d.seizureId,
        request: JSON.stringify(d),
      });
    } else {
      const findings = event.type === 'TraceAnswered' ? JSON.stringify(event.data.findings) : null;
      const reason = event.type === 'TraceDeclined' ? event.data.reason : null;
      this.stmt.update.run({ ...common, status: after.status, escalatedTo: after.escalatedTo, findings, reason });
    }
    const caseId = event.type === 'TraceRequested' ? event.data.caseId : this.row(traceId)?.case_id;
    if (caseId) this.deps.cases.addToTimeline(caseId, event, SUMMARIES[event.type](event), traceId);
  }

  private factsFor(state: TraceState, event: EventOf<TraceEventType>) {
    const facts = { receivedAt: this.deps.clock().toISOString(), deadlines: this.deps.deadlines };
    if (event.type === 'TraceRequested') return { ...facts, pointOfContact: this.deps.directory.pointOfContactFor(event.data.addressedState) };
    if (event.type === 'TraceEscalated' && state.requester && state.addressedState)
      return { ...facts, regionalLiaisonPoint: this.deps.directory.liaisonPointFor(state.requester.state, state.addressedState) };
    return facts;
  }

  /** A request names a seizure its requester may see here, carries that item's markings as recorded, and a case it takes part in. */
  private expectRequestFacts(event: EventOf<'TraceRequested'>): void {
    const { seizureId, itemId, item, caseId } = event.data;
    const recorded = this.mayTrace(event.originator.agency, seizureId) ? this.item(seizureId, itemId) : undefined;
    if (!recorded) throw new RejectedEvent(ErrorCodes.RECORD_NOT_FOUND, `TraceRequested ${event.id} names item ${itemId} of ${seizureId}, which its requester may not pass on`);
    if (!sameJson(tracedItem(recorded), item)) throw new RejectedEvent(ErrorCodes.INVALID_EVENT, `TraceRequested ${event.id} does not carry the item as its seizure records it`);
    if (caseId && this.deps.cases.state(caseId)?.participants[event.originator.agency] !== 'ACTIVE')
      throw new RejectedEvent(ErrorCodes.NOT_CASE_PARTICIPANT, `TraceRequested ${event.id} names case ${caseId}, in which its requester is not active`);
  }
}
