/** Serial-batch diversion detection (issue 9, docs/diversion.md) in the hub's subgraph. */
export const diversionSchema = /* GraphQL */ `
  "Which clusters; all optional, combined with AND."
  input DiversionClusterFilter {
    "Manufacturer as marked (case and spacing ignored)."
    manufacturer: String
    "Only weapons seized at or after this time count."
    from: DateTime
    "Only weapons seized before this time count (later than from)."
    to: DateTime
  }

  """
  Weapons of one manufacturer and model whose serials share a pattern (prefix, width, suffix) and follow each
  other at most TB_DIVERSION_RANGE apart (default 100), from at least two seizures made in different states or
  more than 30 days apart: probably one diverted lot (docs/diversion.md). Computed from the seizures you may see
  only: a seizure you may not see adds no weapon, state, date or link.
  """
  type DiversionCluster {
    "Identifies the cluster as you see it, while its lowest serial stays the same."
    id: ID!
    "The manufacturer, as matched (upper case)."
    manufacturer: String!
    "The model, as matched (upper case; spaces, dashes and dots ignored)."
    model: String!
    "Its lowest serial, normalised."
    serialFrom: String!
    "Its highest serial, normalised."
    serialTo: String!
    "How many weapons it holds (a serial seized twice counts twice)."
    items: Int!
    "How many distinct serials it holds."
    serials: Int!
    "The states (ISO 3166-1 alpha-2) of the agencies that seized them."
    states: [String!]!
    "When the first of them was seized."
    firstSeen: DateTime!
    "When the last of them was seized."
    lastSeen: DateTime!
    "How many seizures it spans."
    seizureCount: Int!
    "Its seizures, newest first (first: default 50, at most 200)."
    seizures(first: Int): [Seizure!]!
  }

  extend type Query {
    "Probable diverted lots among the seizures you may see: most serials first, then most states, then most recent (first: default 20, 1 to 100)."
    diversionClusters(filter: DiversionClusterFilter, first: Int): [DiversionCluster!]!
  }
`;
