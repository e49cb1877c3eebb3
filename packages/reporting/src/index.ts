export { buildAgencyService, type AgencyServiceOptions, type HostedAgency } from './agencyService';
export { hitWarnings, markingWarnings, reportWarnings, type WarningDto } from './warnings';
export { defaultEmbargoFile, loadEmbargoRegimes } from './embargoes';
export { keyedId, keyedSeizureId } from './keyedIds';
export { PersonVault, type PersonIdentity } from './personVault';
export { requestSerialCheck, rpcSubjects, servePersonIdentities, type HitDto } from './rpc';
export { seizureInputsSdl } from './agencySdl';
export { runAgencyService } from './runAgencyService';
export { serveDispositions, type DispositionReply } from './dispositions';
