/** The hub's analysis views (issue 9): corridors ranked, links between seizures, analysts' route observations. */
export const analysisSchema = /* GraphQL */ `
  "A trafficking corridor as the viewer may see it: the seizures on the same legs (origin → transit … → destination) in the period asked, and analysts' observations of it."
  type Route {
    "The corridor's id: its legs joined by '-', e.g. TR-TG-GH."
    id: ID!
    "The states of the corridor in order, ISO 3166-1 alpha-2: origin, transit states, destination (or, when a seizure declares none, the state where it was seized)."
    legs: [String!]!
    "Seizures on this corridor in the period that you may see."
    seizures: Int!
    "Weapons (items of kind WEAPON, by quantity) in those seizures."
    weapons: Int!
    "States whose agencies reported those seizures."
    states: [String!]!
    "When the first of those seizures happened; null when only observations name the corridor."
    firstSeen: DateTime
    "When the last of those seizures happened."
    lastSeen: DateTime
    "Change in seizures against the previous period of the same length: (now − before) / before, e.g. 0.5 is +50 %. Null when the previous period has none you may see."
    trend: Float
    "Analysts' route observations (observeRoute) on the same legs that you may see, whenever made."
    observations: Int!
  }

  "One page of corridors, most seizures first."
  type RouteConnection {
    "The corridors of this page."
    nodes: [Route!]!
    "How many corridors there are in all for this query."
    totalCount: Int!
    "Where the next page starts."
    pageInfo: PageInfo!
  }

  "Which corridors to rank: all optional. The period is [from, to), the year up to now by default."
  input RouteFilter {
    "Start of the period (inclusive)."
    from: DateTime
    "End of the period (exclusive); must be after from."
    to: DateTime
    "Only corridors through this state (any leg), ISO 3166-1 alpha-2."
    country: String
    "Only seizures with an item of this UN SALW category (PISTOL, RIFLE, ASSAULT_RIFLE …)."
    category: String
    "Only seizures with an item of this manufacturer (case and punctuation ignored)."
    manufacturer: String
  }

  "What links two seizures."
  enum LinkKind {
    "They name the same broker (registration number and state, or name)."
    BROKER
    "The same vehicle registration, vessel IMO number, container number or flight."
    CONVEYANCE
    "The same document number: licence, end-user certificate, bill of lading …"
    DOCUMENT
    "Their weapons belong to one probable diverted lot (diversionClusters)."
    BATCH
    "They share a person held by the originator (matched by the originator on identity documents; who is never shown)."
    PERSON
  }

  "Another seizure linked to the one asked about."
  type Link {
    "What links them."
    kind: LinkKind!
    "The linked seizure (one you may see)."
    seizure: Seizure!
    "What they share, as read on the seizure asked about; for PERSON only which agency holds the person."
    value: String!
  }

  "How a corridor was travelled."
  enum ModeOfTransport { ROAD SEA AIR RAIL MIXED OTHER }
  "How confident the analyst is."
  enum RouteConfidence { LOW MEDIUM HIGH }

  "An analyst's assertion that a corridor is used."
  input ObserveRouteInput {
    "The corridor's states in order, ISO 3166-1 alpha-2, at least two: origin, transit …, destination."
    legs: [String!]!
    "How it is travelled."
    modeOfTransport: ModeOfTransport
    "How confident you are."
    confidence: RouteConfidence!
    "What you base it on (open sources, case files …), in words."
    sources: String
    "Seizures that support it."
    seizureIds: [ID!]
    "Who may see the observation."
    handling: HandlingInput!
  }

  "A recorded route observation."
  type RouteObservation {
    "The observation's id."
    id: ID!
    "The corridor it is counted on (Route.id)."
    routeId: ID!
    "The corridor's states in order."
    legs: [String!]!
    "Your confidence."
    confidence: RouteConfidence!
    "How it is travelled."
    modeOfTransport: ModeOfTransport
    "The agency that asserted it."
    observer: Agency!
  }

  extend type Query {
    "Trafficking corridors ranked for a period (most seizures first), counting only the records you may see."
    routes(filter: RouteFilter, first: Int = 20, after: String): RouteConnection!
    "The same corridors, for export (GET /exports/routes.geojson): each originator whose records a corridor counts is told who exported it."
    exportRoutes(filter: RouteFilter, first: Int = 20, after: String): RouteConnection!
    "Other seizures linked to this one (a seizure you may see) through a broker, a conveyance, a document, a serial batch or a person; only seizures you may see."
    links(seizureId: ID!): [Link!]!
  }

  extend type Mutation {
    "Record a route observation of your agency (analysts only); signed by your agency and shared under its handling."
    observeRoute(input: ObserveRouteInput!): RouteObservation!
  }
`;
