// The agency service: its mains call runAgencyService; buildAgencyService builds it in process.
export type { AgencyServiceKind } from './agencyKinds';
export { buildAgencyService, type AgencyServiceOptions, type HostedAgency } from './agencyService';
export { runAgencyService } from './runAgencyService';
// For in-process stacks (tests, benchmarks): an agency's stores and its keyed ids, as the main opens them.
export { openAgencyStorage, type AgencyStorage } from './agencyStorage';
export { hmacKeyedIds } from './keyedIds';
