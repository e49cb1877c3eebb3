import type { AgencySubgraph } from './agencySubgraph';

/**
 * The subgraph of the licensing service (LICENSING agencies: national
 * brokering licensing authorities, ADR 12). They report no seizures; their
 * broker register is kept through the hub's mutations (one owner per
 * field), which ask this service to decide, sign and append each act. The
 * subgraph itself lists the authorities the service records.
 */
export const licensingSdl = /* GraphQL */ `
  extend type Query {
    "Brokering licensing authorities whose broker registers this service records."
    licensingAgencies: [ID!]!
  }
`;

export function licensingSubgraph(hosted: ReadonlyMap<string, unknown>): AgencySubgraph {
  return {
    schema: licensingSdl,
    resolvers: { Query: { licensingAgencies: () => [...hosted.keys()] } },
    stop: () => {},
  };
}
