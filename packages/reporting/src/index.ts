export { buildAgencyService, type AgencyServiceOptions, type HostedAgency } from './agencyService';
export { hitWarnings, markingWarnings, reportWarnings, type WarningDto } from './warnings';
export { defaultEmbargoFile, loadEmbargoRegimes } from './embargoes';
export { keyedId, keyedSeizureId } from './keyedIds';
export { PersonVault, type PersonIdentity } from './personVault';
export { HitDto, HUB_SERVICE, requestPersonIdentities, requestSerialCheck, rpcSubjects, SerialCheckRequest, servePersonIdentities, type RpcIdentity } from './rpc';
export { seizureInputsSdl } from './agencySdl';
export { runAgencyService } from './runAgencyService';
export { requestDisposition, serveDispositions, type DispositionReply } from './dispositions';
