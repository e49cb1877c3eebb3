import type { GraphqlServiceOptions } from '@tracebridge/server';

/**
 * What an agency kind adds to the agency service: its subgraph's schema and
 * resolvers, and a stop for the bus responders it started (the service
 * closes its subgraph and relays itself).
 */
export interface AgencySubgraph {
  schema: string;
  resolvers: GraphqlServiceOptions['resolvers'];
  stop: () => void;
}
