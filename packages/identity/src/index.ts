export { SIGNING_ALG, generateSigningKey, importSigningKey, type ExportedSigningKey, type SigningKey } from './keys';
export { canonicalBytes } from './canonical';
export { createTrustRegistry, type TrustRegistry } from './trustRegistry';
export { signEvent, verifyEventSignature, verifyEventSignatureSync, SignatureError } from './eventSignature';
export {
  TOKEN_AUDIENCE,
  OfficerRole,
  TokenError,
  mintOfficerToken,
  verifyOfficerToken,
  type Officer,
  type VerifyTokenOptions,
} from './officerToken';
export {
  DEMO_AGENCIES,
  devAgencyRecords,
  devIssuerFor,
  generateDevKeys,
  loadOrCreateDevKeys,
  mintDevToken,
  type AgencyKeys,
  type DemoAgency,
} from './devIssuer';
