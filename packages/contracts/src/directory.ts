import { z } from 'zod';
import { AgencyId, CountryCode, IsoDateTime, Text } from './primitives';

/** LICENSING: a state's national brokering licensing authority (PoA II.14), which keeps its broker register. */
export const AgencyKind = z.enum(['CUSTOMS', 'POLICE', 'BORDER', 'LIAISON', 'LICENSING']);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** A public JSON Web Key as a JWKS holds it; private members are refused. */
export const PublicJwk = z
  .looseObject({
    kty: z.string(),
    kid: z.string().min(1).max(200),
    alg: z.string().optional(),
    crv: z.string().optional(),
    x: z.string().optional(),
    use: z.string().optional(),
  })
  .refine((k) => !('d' in k), { message: 'a public JWKS must not hold private key material', path: ['d'] });

export const Jwks = z.object({ keys: z.array(PublicJwk).max(20) });
export type Jwks = z.infer<typeof Jwks>;

/**
 * One agency as the directory (the trust registry, PoA II.5/II.24) knows it:
 * who it is, the keys its events are signed with, and the issuer and keys of
 * its officers' tokens. Event keys and token keys are separate sets, so a
 * token key can never pass for an event signature.
 */
export const AgencyRecord = z.object({
  id: AgencyId,
  state: CountryCode,
  kind: AgencyKind,
  name: Text(200),
  pointOfContact: Text(300).optional(),
  /** Groups the agency belongs to (a regional organisation, a liaison network): a record released to a group is released to its members. */
  groups: z.array(AgencyId).max(50).default([]),
  /** The state's national point of contact for tracing requests (ITI; PoA II.36): the one agency of its state that answers them. */
  tracingPointOfContact: z.boolean().default(false),
  /** A regional liaison point: the states it serves (overdue traces of these states are escalated to it). */
  liaisonFor: z.array(CountryCode).max(100).default([]),
  eventKeys: Jwks,
  tokenIssuer: z.string().min(1).max(300),
  tokenKeys: Jwks,
});
export type AgencyRecord = z.infer<typeof AgencyRecord>;

/**
 * HUB: the liaison hub (serves the shared views); AGENCY_SERVICE: records and
 * signs for the agencies it hosts; GATEWAY: vouches to the subgraphs for the
 * officers whose tokens it verified.
 */
export const ServiceKind = z.enum(['HUB', 'AGENCY_SERVICE', 'GATEWAY']);
export type ServiceKind = z.infer<typeof ServiceKind>;

/**
 * A service of the network as the trust registry knows it: the keys its
 * service-to-service messages are signed with, the keys replies meant only
 * for it are encrypted to, and the agencies it hosts (an agency service may
 * speak only for these).
 */
export const ServiceRecord = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
  kind: ServiceKind,
  agencies: z.array(AgencyId).max(500).default([]),
  signingKeys: Jwks,
  encryptionKeys: Jwks,
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

/**
 * The registry document the directory signs: every service pins the
 * directory's public key and refuses a registry that is unsigned, wrongly
 * signed, or older than the one it holds (no rollback to a revoked key).
 */
export const RegistryDocument = z.object({
  issuedAt: IsoDateTime,
  /** After this, nobody accepts the document anew: an old registry (with a revoked key) cannot be served back for long. */
  validUntil: IsoDateTime,
  agencies: z.array(AgencyRecord).max(5000),
  services: z.array(ServiceRecord).max(500).default([]),
});
export type RegistryDocument = z.infer<typeof RegistryDocument>;
