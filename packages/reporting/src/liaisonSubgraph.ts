import type { AgencySubgraph } from './agencySubgraph';

/**
 * The subgraph of the regional service (LIAISON agencies). Liaison points
 * report no seizures: no form, no person vault to ask, no dispositions. What
 * they do (open cross-border cases, invite, attach, note, trace) is decided
 * here and asked for by the hub, which owns those mutations (ADR 9); the
 * subgraph itself lists the liaison points the service records, like the
 * other kinds' `<kind>Agencies`.
 */
export const liaisonSdl = /* GraphQL */ `
  extend type Query {
    "Regional liaison points whose acts (cases, traces) this service records."
    liaisonAgencies: [ID!]!
  }
`;

export function liaisonSubgraph(hosted: ReadonlyMap<string, unknown>): AgencySubgraph {
  return {
    schema: liaisonSdl,
    resolvers: { Query: { liaisonAgencies: () => [...hosted.keys()] } },
    stop: () => {},
  };
}
