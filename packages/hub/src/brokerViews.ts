import type { Handling } from '@tracebridge/contracts';
import type { BrokerRecord, BrokerState } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import type { Statement } from 'better-sqlite3';
import type { AgencyDirectory } from './access';
import type { ReadAudit } from './audit';
import { brokerNameKey, type BrokerRow } from './brokerProjection';
import type { LiaisonProjection } from './projection';
import { handlingView } from './seizureViews';

/** REVOKED and SUSPENDED are the authority's decisions; EXPIRED is a registration whose validity has passed (hub clock). */
export type BrokerStatus = 'REGISTERED' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED';

/**
 * A broker's status at an instant: a revocation first (final), then a
 * suspension, then the registration's validity (EXPIRED once `validUntil`
 * is reached), else REGISTERED.
 */
export function brokerStatusAt(broker: Pick<BrokerRecord, 'status' | 'validUntil'>, at: Date): BrokerStatus {
  if (broker.status !== 'REGISTERED') return broker.status;
  return Date.parse(broker.validUntil) <= at.getTime() ? 'EXPIRED' : 'REGISTERED';
}

export interface BrokerFilter {
  state?: string | undefined;
  status?: BrokerStatus | undefined;
  name?: string | undefined;
}

/** The SQL of each status filter: EXPIRED and REGISTERED depend on the hub's clock (`@now`). */
const STATUS_SQL: Record<BrokerStatus, string> = {
  REVOKED: "b.status = 'REVOKED'",
  SUSPENDED: "b.status = 'SUSPENDED'",
  EXPIRED: "b.status = 'REGISTERED' AND b.valid_until <= @now",
  REGISTERED: "b.status = 'REGISTERED' AND b.valid_until > @now",
};

/** Brokers the viewer (`@agency`) may see, through the visibility index (the one policy). */
export const VISIBLE_BROKERS = 'brokers b JOIN visibility v ON v.agency = @agency AND v.record_id = b.id AND v.level = 2';

/**
 * The hub's broker views: one broker as a viewer may see it (the read noted
 * for the registering authority's audit) and the filtered list, newest
 * registration first. A flag's seizure is named only to viewers who may see
 * that seizure.
 */
export class BrokerViews {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly deps: { projection: LiaisonProjection; directory: AgencyDirectory; audit: ReadAudit; clock: () => Date }) {}

  /** The broker's row if the officer's agency may see it (the visibility index), else undefined: hidden and absent look the same. */
  visibleRow(id: string, agency: string): BrokerRow | undefined {
    const row = this.deps.projection.brokers.row(id);
    return row && this.deps.projection.visibility.level(agency, id) === 'VIEW' ? row : undefined;
  }

  /** The broker as `officer` sees it; `context` is the request's, for the read audit. */
  toBroker(row: BrokerRow, officer: Officer, context: object) {
    const { projection, directory, audit, clock } = this.deps;
    audit.note(context, row.id, row.originator_agency, officer);
    const state = JSON.parse(row.data) as BrokerState;
    const b = state.broker!;
    const now = clock();
    const status = brokerStatusAt(b, now);
    const mayName = (seizureId: string | undefined) => (seizureId && projection.visibility.level(officer.agency, seizureId) === 'VIEW' ? seizureId : null);
    return {
      ...b,
      nationality: b.nationality ?? null,
      residence: b.residence ?? null,
      conditions: b.conditions ?? null,
      statusReason: b.statusReason ?? null,
      statusChangedAt: b.statusChangedAt ?? null,
      status,
      registeredBy: directory.agencyDto(b.authority),
      licences: b.licences.map((l) => ({ ...l, inForce: status === 'REGISTERED' && Date.parse(l.validUntil) > now.getTime() })),
      flags: b.flags.map((f) => ({ ...f, seizureId: mayName(f.seizureId) })),
      handling: handlingView(state.handling as Handling, row.originator_agency),
    };
  }

  /** Brokers the viewer may see, newest registration first; `after` is a registration's seq (the start: MAX_SAFE_INTEGER). */
  list(agency: string, f: BrokerFilter, first: number, after: number) {
    const { projection, clock } = this.deps;
    // Paging and counts walk the visibility index, so they see exactly what the policy lets the viewer see.
    projection.visibility.ensureCurrent();
    const where = [
      'TRUE',
      ...(f.state ? ['b.originator_state = @state'] : []),
      ...(f.status ? [STATUS_SQL[f.status]] : []),
      ...(f.name ? ['instr(b.name_norm, @name) > 0'] : []),
    ].join(' AND ');
    const params = { agency, state: f.state ?? null, now: clock().toISOString(), name: f.name ? brokerNameKey(f.name) : null, after, limit: first + 1 };
    const rows = this.statement(`SELECT b.* FROM ${VISIBLE_BROKERS} WHERE ${where} AND b.seq < @after ORDER BY b.seq DESC LIMIT @limit`).all(params) as BrokerRow[];
    const page = rows.slice(0, first);
    return {
      rows: page,
      totalCount: () => (this.statement(`SELECT COUNT(*) AS n FROM ${VISIBLE_BROKERS} WHERE ${where}`).get(params) as { n: number } | undefined)?.n ?? 0,
      endCursor: page.at(-1)?.seq ?? null,
      hasNextPage: rows.length > first,
    };
  }

  /** Each filter shape's SQL is prepared once (at most 2^3 × 4 shapes). */
  private statement(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.deps.projection.db.prepare(sql)));
    return st;
  }
}
