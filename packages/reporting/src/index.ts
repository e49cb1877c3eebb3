// The agency service: its mains call runAgencyService; buildAgencyService builds it in process.
export type { AgencyServiceKind } from './agencyKinds';
export { buildAgencyService, type AgencyServiceOptions, type HostedAgency } from './agencyService';
export { runAgencyService } from './runAgencyService';
