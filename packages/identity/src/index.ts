export { SIGNING_ALG, generateSigningKey, importSigningKey, type ExportedSigningKey, type SigningKey } from './keys';
export { canonicalBytes } from './canonical';
export { createTrustRegistry, type TrustRegistry } from './trustRegistry';
export { signEvent, verifyEventSignature, verifyEventSignatureSync, SignatureError } from './eventSignature';
export { TOKEN_AUDIENCE, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, TokenError, mintOfficerToken, verifyOfficerToken, type Officer, type VerifyTokenOptions } from './officerToken';
export { DEMO_AGENCIES, devAgencyRecords, devIssuerFor, generateDevKeys, loadOrCreateDevKeys, mintDevToken, type AgencyKeys, type DemoAgency } from './devIssuer';
export { loadOrCreateKeyFile } from './keyFiles';
export { DEV_SERVICES, ENCRYPTION_ALG, loadOrCreateDevServiceRecords, loadOrCreateDirectoryKey, loadOrCreateServiceKeys, serviceRecordOf, type ServiceKeys } from './serviceKeys';
export { RegistryError, signRegistry, verifyRegistry } from './signedRegistry';
export {
  ReplayGuard,
  ServiceMessageError,
  signServiceReply,
  signServiceRequest,
  signViewerAssertion,
  verifyServiceReply,
  verifyServiceRequest,
  verifyViewerAssertion,
  type VerifiedRequest,
} from './serviceMessages';
export type { JWK } from 'jose';
export { ExpiringMap } from './expiringMap';
