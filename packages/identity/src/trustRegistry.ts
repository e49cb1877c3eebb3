import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { AgencyRecord, ServiceRecord, type AgencyRecord as Agency } from '@tracebridge/contracts';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Jwks } from '@tracebridge/contracts';

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
  /** A service of the network (the hub, an agency service) by id. */
  service(id: string): ServiceRecord | undefined;
  /** A service's message-signing key by `kid`, among that service's keys only. */
  serviceKey(serviceId: string, kid: string): KeyObject | undefined;
  /** The agency service that hosts (and alone speaks for) an agency. */
  serviceHosting(agencyId: string): ServiceRecord | undefined;
  /** When the directory issued this registry (ISO 8601); undefined for a registry built locally. */
  issuedAt: string | undefined;
}

interface Entry {
  agency: Agency;
  eventKeys: Map<string, KeyObject>;
  tokens: JWTVerifyGetKey;
}

/** Keys are imported once, here: verification is the consumers' hot path. */
function importEd25519Keys(owner: string, jwks: Jwks): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks.keys) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || (jwk.alg !== undefined && jwk.alg !== 'EdDSA')) {
      throw new Error(`${owner}: key ${jwk.kid} is not an Ed25519 (EdDSA) key`);
    }
    keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  }
  return keys;
}

/**
 * A registry over agency records and service records (validated; keys
 * imported once). `issuedAt` is the signed document's date when it came
 * from the directory.
 */
export function createTrustRegistry(records: readonly unknown[], serviceRecords: readonly unknown[] = [], issuedAt?: string): TrustRegistry {
  const byId = new Map<string, Entry>();
  const byIssuer = new Map<string, string>();
  for (const raw of records) {
    const agency = AgencyRecord.parse(raw);
    if (byId.has(agency.id)) throw new Error(`agency ${agency.id} is listed twice`);
    if (byIssuer.has(agency.tokenIssuer)) throw new Error(`token issuer ${agency.tokenIssuer} is claimed by two agencies`);
    byId.set(agency.id, {
      agency,
      eventKeys: importEd25519Keys(`agency ${agency.id}`, agency.eventKeys),
      tokens: createLocalJWKSet(agency.tokenKeys),
    });
    byIssuer.set(agency.tokenIssuer, agency.id);
  }
  const services = new Map<string, { record: ServiceRecord; keys: Map<string, KeyObject> }>();
  const hostOf = new Map<string, ServiceRecord>();
  for (const raw of serviceRecords) {
    const record = ServiceRecord.parse(raw);
    if (services.has(record.id)) throw new Error(`service ${record.id} is listed twice`);
    services.set(record.id, { record, keys: importEd25519Keys(`service ${record.id}`, record.signingKeys) });
    for (const a of record.agencies) {
      if (hostOf.has(a)) throw new Error(`agency ${a} is hosted by two services`);
      hostOf.set(a, record);
    }
  }
  return {
    issuedAt,
    service: (id) => services.get(id)?.record,
    serviceKey: (id, kid) => services.get(id)?.keys.get(kid),
    serviceHosting: (agencyId) => hostOf.get(agencyId),
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
