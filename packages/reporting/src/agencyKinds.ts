import type { AgencyIdentityName } from '@tracebridge/bus';
import type { AgencyKind } from '@tracebridge/contracts';

/** The kinds of agency an agency service hosts: one process per kind (ADR 6). */
export type AgencyServiceKind = AgencyKind;

/** The kinds whose agencies report seizures through a form of their own (forms.ts). */
export type ReportingKind = Exclude<AgencyKind, 'LIAISON' | 'LICENSING'>;

export const isReportingKind = (kind: AgencyServiceKind): kind is ReportingKind => kind !== 'LIAISON' && kind !== 'LICENSING';

/**
 * Each kind's service by name: its id in the trust registry, its NATS
 * identity, its process in the network, the audience of the gateway's
 * assertions for its subgraph. LIAISON agencies (regional liaison points)
 * are served by `regional`: `liaison` is the hub, the network's read side.
 * LICENSING agencies (brokering licensing authorities, ADR 12) by `licensing`.
 */
export const AGENCY_SERVICE_NAMES: Readonly<Record<AgencyServiceKind, AgencyIdentityName>> = {
  CUSTOMS: 'customs',
  POLICE: 'police',
  BORDER: 'border',
  LIAISON: 'regional',
  LICENSING: 'licensing',
};
