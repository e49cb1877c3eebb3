export { buildLiaison, type LiaisonOptions } from './app';
export { LiaisonProjection, type SeizureRow } from './projection';
export { DiversionViews, describeLot, type DiversionClusterView, type DiversionFilter } from './diversionViews';
export { SerialBatchIndex } from './batchIndex';
export { openAuditStore, openAuditStoreReadOnly } from './auditStore';
export { auditChainHead, GENESIS_HASH, type ChainHead, type ReadKind } from './auditChain';
export { verifyAuditChain, type AuditChainReport, type VerifyOptions } from './verifyAuditChain';
export { createHubPolicy, type HubPolicy } from './access';
export { agreementsNamingUnknownAgencies, loadSharingAgreements } from './agreements';
