import { AgencyRecord, type AgencyRecord as Agency } from '@tracebridge/contracts';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * The keys Tracebridge trusts, per agency, as the directory publishes them.
 * One registry of agency ids and keys (domain.md, lesson 5).
 */
export interface TrustRegistry {
  agency(id: string): Agency | undefined;
  /** Key lookup (by `kid`) among an agency's event-signing keys only. */
  eventKeyResolver(agencyId: string): JWTVerifyGetKey | undefined;
  /** The agency whose officers' tokens this issuer signs, and the lookup among its token keys. */
  tokenIssuer(issuer: string): { agency: Agency; keys: JWTVerifyGetKey } | undefined;
  agencies(): Agency[];
}

/** A registry over a list of agency records (validated; resolvers built once per agency). */
export function createTrustRegistry(records: readonly unknown[]): TrustRegistry {
  const byId = new Map<string, { agency: Agency; events: JWTVerifyGetKey; tokens: JWTVerifyGetKey }>();
  const byIssuer = new Map<string, string>();
  for (const raw of records) {
    const agency = AgencyRecord.parse(raw);
    if (byId.has(agency.id)) throw new Error(`agency ${agency.id} is listed twice`);
    if (byIssuer.has(agency.tokenIssuer)) throw new Error(`token issuer ${agency.tokenIssuer} is claimed by two agencies`);
    byId.set(agency.id, {
      agency,
      events: createLocalJWKSet(agency.eventKeys),
      tokens: createLocalJWKSet(agency.tokenKeys),
    });
    byIssuer.set(agency.tokenIssuer, agency.id);
  }
  return {
    agency: (id) => byId.get(id)?.agency,
    eventKeyResolver: (id) => byId.get(id)?.events,
    tokenIssuer: (issuer) => {
      const id = byIssuer.get(issuer);
      const entry = id === undefined ? undefined : byId.get(id);
      return entry && { agency: entry.agency, keys: entry.tokens };
    },
    agencies: () => [...byId.values()].map((e) => e.agency),
  };
}
