import { z } from 'zod';
import { AgencyId, CountryCode, Text } from './primitives';

export const AgencyKind = z.enum(['CUSTOMS', 'POLICE', 'BORDER', 'LIAISON']);
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
  eventKeys: Jwks,
  tokenIssuer: z.string().min(1).max(300),
  tokenKeys: Jwks,
});
export type AgencyRecord = z.infer<typeof AgencyRecord>;
