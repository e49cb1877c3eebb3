export { buildLiaison, type LiaisonOptions } from './app';
export { LiaisonProjection, type SeizureRow } from './projection';
export { openAuditStore } from './auditStore';
export { createHubPolicy, type HubPolicy } from './access';
export { agreementsNamingUnknownAgencies, loadSharingAgreements } from './agreements';
