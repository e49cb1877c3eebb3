export { buildAgencyService, type AgencyServiceOptions, type HostedAgency } from './agencyService';
export { keyedId, keyedSeizureId } from './keyedIds';
export { PersonVault, type PersonIdentity } from './personVault';
export { requestSerialCheck, servePersonIdentities, type RpcIdentity } from './rpc';
export { seizureInputsSdl } from './agencySdl';
export { runAgencyService } from './runAgencyService';
export { serveDispositions } from './dispositions';
