import type { TraceFindings, TracedItem } from '@tracebridge/contracts';
import { isOverdue, type TraceRequestedData, type TraceState } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import type { AgencyDirectory, HubPolicy } from './access';
import type { LiaisonProjection } from './projection';
import type { createSeizureViews } from './seizureViews';
import type { TraceRow, TracingDirectory } from './traceTables';

export interface TraceFilter {
  role?: 'REQUESTED' | 'ADDRESSED' | 'REGION' | null;
  status?: string | null;
  overdue?: boolean | null;
}

/**
 * Tracing requests as each viewer may see them, under the one policy: a
 * trace is a record of its requester (TLP:AMBER+STRICT), shown also to its
 * grantees — the addressed state's agencies and the region's liaison
 * points (ADR 10).
 */
export class TraceViews {
  private readonly byFilter;
  private readonly byCase;
  constructor(
    private readonly d: {
      projection: LiaisonProjection;
      policy: HubPolicy;
      directory: AgencyDirectory;
      tracing: TracingDirectory;
      seizures: ReturnType<typeof createSeizureViews>;
      clock: () => Date;
    },
  ) {
    const db = d.projection.db;
    // Every trace the viewer takes part in by role (requester, addressed state, region), the filters, earliest deadline first.
    this.byFilter = db.prepare<[Record<string, unknown>], TraceRow>(`
      SELECT * FROM traces WHERE
        ((@role IS NULL OR @role = 'REQUESTED') AND requester_agency = @agency
         OR (@role IS NULL OR @role = 'ADDRESSED') AND addressed_state = @state
         OR (@role IS NULL OR @role = 'REGION') AND (addressed_state IN (SELECT value FROM json_each(@served)) OR requester_state IN (SELECT value FROM json_each(@served))))
        AND (@status IS NULL OR status = @status)
        AND (@overdue IS NULL OR (@overdue = (deadline < @now AND status IN ('SENT', 'ACKNOWLEDGED'))))
      ORDER BY deadline, seq`);
    this.byCase = db.prepare<[string], TraceRow>('SELECT * FROM traces WHERE case_id = ? ORDER BY seq');
  }

  /** Whether the viewer's agency may see the trace, asked of the policy. */
  visible(row: TraceRow | undefined, agency: string): row is TraceRow {
    if (!row) return false;
    const grantees = [...this.d.tracing.agenciesOf(row.addressed_state), ...this.d.tracing.regionOf(row.requester_state, row.addressed_state)];
    if (row.escalated_to) grantees.push(row.escalated_to);
    const record = {
      originator: { agency: row.requester_agency, state: row.requester_state },
      family: 'TRACE' as const,
      handling: { tlp: 'AMBER_STRICT' as const, releasableTo: [] },
      grantees,
    };
    return this.d.policy.levelFor(agency, record) === 'VIEW';
  }

  list(officer: Officer, filter: TraceFilter): TraceRow[] {
    const overdue = filter.overdue === undefined || filter.overdue === null ? null : filter.overdue ? 1 : 0;
    const params = {
      role: filter.role ?? null,
      agency: officer.agency,
      state: officer.state,
      served: JSON.stringify(this.d.tracing.servedBy(officer.agency)),
      status: filter.status ?? null,
      overdue,
      now: this.d.clock().toISOString(),
    };
    return this.byFilter.all(params).filter((r) => this.visible(r, officer.agency));
  }

  /** The ids of a case's traces the agency may see (the case's timeline shows only their acts). */
  visibleIdsOf(caseId: string, agency: string): Set<string> {
    return new Set(
      this.byCase
        .all(caseId)
        .filter((r) => this.visible(r, agency))
        .map((r) => r.id),
    );
  }

  forCase(caseId: string, officer: Officer, context: object) {
    return this.byCase
      .all(caseId)
      .filter((r) => this.visible(r, officer.agency))
      .map((r) => this.dto(r, officer, context));
  }

  dto(row: TraceRow, officer: Officer, context: object) {
    const request = JSON.parse(row.request) as TraceRequestedData;
    const findings = row.findings ? (JSON.parse(row.findings) as TraceFindings) : null;
    const holder = (id: string) => this.d.directory.holderDto(id);
    return {
      id: row.id,
      status: row.status,
      priority: row.priority,
      basis: request.basis,
      deadline: row.deadline,
      overdue: isOverdue(JSON.parse(row.state) as TraceState, this.d.clock().toISOString()),
      addressedState: row.addressed_state,
      requester: holder(row.requester_agency),
      pointOfContact: holder(row.poc),
      seizure: () => {
        const s = this.d.projection.seizure(row.seizure_id);
        return this.d.seizures.visible(s, officer) ? this.d.seizures.toSeizure(s, officer, context) : null;
      },
      itemId: request.itemId,
      item: itemDto(request.item),
      urgencyReason: request.urgencyReason ?? null,
      circumstances: request.circumstances,
      illicitReason: request.illicitReason,
      intendedUse: request.intendedUse,
      restrictions: request.restrictions ?? null,
      caseId: row.case_id,
      findings,
      declineReason: row.decline_reason,
      escalatedTo: row.escalated_to ? holder(row.escalated_to) : null,
      requestedAt: row.requested_at,
      updatedAt: row.updated_at,
    };
  }
}

function itemDto(i: TracedItem) {
  const mark = i.importMarking;
  return {
    category: i.category ?? null,
    manufacturer: i.manufacturer ?? null,
    model: i.model ?? null,
    calibre: i.calibre ?? null,
    serialNumber: i.serial?.asRead ?? null,
    serialObliterated: i.serialObliterated,
    countryOfManufacture: i.countryOfManufacture ?? null,
    importMarking: mark ? [mark.country, mark.year, mark.text].filter((x) => x !== undefined).join(' ') : null,
    otherMarkings: i.otherMarkings ?? null,
  };
}
