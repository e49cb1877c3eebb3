import type { TrustRegistry } from '@tracebridge/identity';

/** The hub's tracing requests (ADR 10), rebuildable from the requesters' and points of contact's events. */
export const traceTablesSql = `
  CREATE TABLE IF NOT EXISTS traces (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    requester_agency TEXT NOT NULL, requester_state TEXT NOT NULL, addressed_state TEXT NOT NULL, poc TEXT NOT NULL,
    priority TEXT NOT NULL, deadline TEXT NOT NULL, status TEXT NOT NULL, escalated_to TEXT,
    case_id TEXT, seizure_id TEXT NOT NULL, request TEXT NOT NULL, findings TEXT, decline_reason TEXT,
    requested_at TEXT NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS traces_requester ON traces (requester_agency, seq);
  CREATE INDEX IF NOT EXISTS traces_addressed ON traces (addressed_state, seq);
  CREATE INDEX IF NOT EXISTS traces_due ON traces (status, deadline);
  CREATE INDEX IF NOT EXISTS traces_case ON traces (case_id);`;

export const TRACE_TABLES = ['traces'] as const;

export interface TraceRow {
  seq: number;
  id: string;
  requester_agency: string;
  requester_state: string;
  addressed_state: string;
  poc: string;
  priority: string;
  deadline: string;
  status: string;
  escalated_to: string | null;
  case_id: string | null;
  seizure_id: string;
  request: string;
  findings: string | null;
  decline_reason: string | null;
  requested_at: string;
  updated_at: string;
  state: string;
}

/**
 * Who the directory names for tracing: each state's point of contact (the
 * one agency that answers requests addressed to the state), and the
 * regional liaison points with the states they serve.
 */
export function tracingDirectory(registry: () => TrustRegistry) {
  const liaisonsServing = (state: string) =>
    registry()
      .agencies()
      .filter((a) => a.kind === 'LIAISON' && a.liaisonFor.includes(state))
      .map((a) => a.id)
      .sort();
  return {
    pointOfContactFor: (state: string): string | null =>
      registry()
        .agencies()
        .filter((a) => a.state === state && a.tracingPointOfContact)
        .map((a) => a.id)
        .sort()[0] ?? null,
    /** Where an overdue trace is escalated: the liaison point serving the addressed state, else the requester's. */
    liaisonPointFor: (requesterState: string, addressedState: string): string | null => liaisonsServing(addressedState)[0] ?? liaisonsServing(requesterState)[0] ?? null,
    /** Every liaison point serving either state: the region that sees the trace. */
    regionOf: (requesterState: string, addressedState: string): string[] => [...new Set([...liaisonsServing(requesterState), ...liaisonsServing(addressedState)])],
    /** The states a liaison agency serves (empty for any other). */
    servedBy: (agency: string): string[] => {
      const a = registry().agency(agency);
      return a?.kind === 'LIAISON' ? a.liaisonFor : [];
    },
    agenciesOf: (state: string): string[] =>
      registry()
        .agencies()
        .filter((a) => a.state === state)
        .map((a) => a.id),
  };
}
export type TracingDirectory = ReturnType<typeof tracingDirectory>;
