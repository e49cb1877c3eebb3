import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { AgencyRecord, type AgencyRecord as Agency } from '@tracebridge/contracts';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * The keys Tracebridge trusts, per agency, as the directory publishes them.
 * One registry of agency ids and keys (domain.md, lesson 5).
 */
export interface TrustRegistry {
  agency(id: string): Agency | undefined;
  /** An agency's event-signing key by `kid`, among that agency's event keys only (Ed25519 only). */
  eventKey(agencyId: string, kid: string): KeyObject | undefined;
  /** The agency whose officers' tokens this issuer signs, and the lookup among its token keys. */
  tokenIssuer(issuer: string): { agency: Agency; keys: JWTVerifyGetKey } | undefined;
  agencies(): Agency[];
}

interface Entry {
  agency: Agency;
  eventKeys: Map<string, KeyObject>;
  tokens: JWTVerifyGetKey;
}

/** Event keys are imported once, here: verification is the consumers' hot path. */
function importEventKeys(agency: Agency): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of agency.eventKeys.keys) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || (jwk.alg !== undefined && jwk.alg !== 'EdDSA')) {
      throw new Error(`agency ${agency.id}: event key ${jwk.kid} is not an Ed25519 (EdDSA) key`);
    }
    keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  }
  return keys;
}

/** A registry over a list of agency records (validated; keys imported once per agency). */
export function createTrustRegistry(records: readonly unknown[]): TrustRegistry {
  const byId = new Map<string, Entry>();
  const byIssuer = new Map<string, string>();
  for (const raw of records) {
    const agency = AgencyRecord.parse(raw);
    if (byId.has(agency.id)) throw new Error(`agency ${agency.id} is listed twice`);
    if (byIssuer.has(agency.tokenIssuer)) throw new Error(`token issuer ${agency.tokenIssuer} is claimed by two agencies`);
    byId.set(agency.id, {
      agency,
      eventKeys: importEventKeys(agency),
      tokens: createLocalJWKSet(agency.tokenKeys),
    });
    byIssuer.set(agency.tokenIssuer, agency.id);
  }
  return {
    agency: (id) => byId.get(id)?.agency,
    eventKey: (id, kid) => byId.get(id)?.eventKeys.get(kid),
    tokenIssuer: (issuer) => {
      const id = byIssuer.get(issuer);
      const entry = id === undefined ? undefined : byId.get(id);
      return entry && { agency: entry.agency, keys: entry.tokens };
    },
    agencies: () => [...byId.values()].map((e) => e.agency),
  };
}
