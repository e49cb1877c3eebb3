/** The broker registry (PoA II.14, IV.1(d); ADR 12) in the hub's subgraph. */
export const brokerSchema = /* GraphQL */ `
  "Where a broker's registration stands: REGISTERED, SUSPENDED or REVOKED by its authority, or EXPIRED once its validity has passed (the hub's clock)."
  enum BrokerStatus { REGISTERED SUSPENDED REVOKED EXPIRED }

  "What a broker is registered to do."
  enum BrokerActivity { BROKERING TRANSPORT FINANCING }

  "A licence for one brokering transaction (PoA II.14)."
  type BrokeringLicence {
    "Licence id."
    id: ID!
    "How many weapons it covers."
    quantity: Int!
    "The UN SALW category it covers (PISTOL, RIFLE, ASSAULT_RIFLE, …)."
    category: String!
    "The exporting state, ISO 3166-1 alpha-2."
    exportingState: String!
    "The importing state."
    importingState: String!
    "The states the goods may cross."
    transitStates: [String!]!
    "The end user, as the end-user certificate names it."
    endUser: String!
    "The licence lapses at this instant."
    validUntil: DateTime!
    "When it was granted."
    grantedAt: DateTime!
    "Whether it is in force now: not lapsed, and the broker's registration stands (REGISTERED)."
    inForce: Boolean!
  }

  "Suspicious activity of a broker, noted by its licensing authority."
  type BrokerFlag {
    "Flag id."
    id: ID!
    "What was noticed."
    reason: String!
    "The seizure it was seen in; null when none is named or you may not see that seizure."
    seizureId: ID
    "When it was flagged."
    flaggedAt: DateTime!
  }

  "A broker of a state's register, as the viewer may see it under its authority's policy (GREEN unless the authority restricted it)."
  type Broker {
    "Broker id."
    id: ID!
    "The broker's name (a person or a company)."
    name: String!
    "The registration number its authority gave it."
    registrationNumber: String!
    "The registration state, ISO 3166-1 alpha-2: the registering authority's state."
    state: String!
    "REGISTERED, SUSPENDED, REVOKED or EXPIRED, now."
    status: BrokerStatus!
    "Why it was suspended or revoked."
    statusReason: String
    "When it was suspended or revoked."
    statusChangedAt: DateTime
    "The registration lapses at this instant."
    validUntil: DateTime!
    "Nationality, ISO 3166-1 alpha-2."
    nationality: String
    "Country of residence or establishment."
    residence: String
    "What it is registered to do."
    activities: [BrokerActivity!]!
    "Conditions of the registration, in words."
    conditions: String
    "The licensing authority that registered it: the only agency that acts on it."
    registeredBy: Agency!
    "When it was registered."
    registeredAt: DateTime!
    "Its licences, oldest first."
    licences: [BrokeringLicence!]!
    "Activity its authority flagged, oldest first."
    flags: [BrokerFlag!]!
    "Handling as set by its authority."
    handling: Handling!
  }

  "A page of brokers."
  type BrokerConnection {
    "The brokers of this page, most recently registered first."
    nodes: [Broker!]!
    "How many match in all (that you may see)."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  "Filters for brokers; all optional, combined with AND."
  input BrokerFilter {
    "Registration state, ISO 3166-1 alpha-2."
    state: String
    "Status now."
    status: BrokerStatus
    "Part of the name (case, accents, punctuation and legal forms such as Ltd or SARL ignored)."
    name: String
  }

  "A broker to enter in your authority's register."
  input RegisterBrokerInput {
    "The broker's name (a person or a company)."
    name: String!
    "The registration number you give it; once per register."
    registrationNumber: String!
    "Nationality, ISO 3166-1 alpha-2."
    nationality: String
    "Country of residence or establishment."
    residence: String
    "What it is registered to do, each once."
    activities: [BrokerActivity!]!
    "The registration lapses at this instant; it must be in the future."
    validUntil: DateTime!
    "Conditions of the registration, in words."
    conditions: String
    "Who may see it: GREEN if left out (registers are meant to be consulted across borders); restrict it if you must."
    handling: HandlingInput
  }

  "A licence to grant for one brokering transaction."
  input BrokeringLicenceInput {
    "The broker (of your register)."
    brokerId: ID!
    "How many weapons."
    quantity: Int!
    "UN SALW category: PISTOL, REVOLVER, RIFLE, SHOTGUN, SUBMACHINE_GUN, ASSAULT_RIFLE, LIGHT_MACHINE_GUN, HEAVY_MACHINE_GUN, GRENADE_LAUNCHER, PORTABLE_LAUNCHER, MORTAR or OTHER."
    category: String!
    "The exporting state, ISO 3166-1 alpha-2."
    exportingState: String!
    "The importing state."
    importingState: String!
    "The states the goods may cross, each once."
    transitStates: [String!]
    "The end user, as the end-user certificate names it."
    endUser: String!
    "The licence lapses at this instant: in the future, and not after the broker's registration lapses."
    validUntil: DateTime!
  }

  "Suspicious activity of a broker of your register."
  input BrokerFlagInput {
    "The broker."
    brokerId: ID!
    "What was noticed."
    reason: String!
    "The seizure it was seen in (one you may see)."
    seizureId: ID
  }

  extend type Query {
    "One broker; null when it does not exist or you may not see it."
    broker(id: ID!): Broker
    "Brokers of the registers you may see, most recently registered first."
    brokers(filter: BrokerFilter, first: Int, after: String): BrokerConnection!
  }

  extend type Mutation {
    "Register a broker in your authority's register (licensing officers); your agency's service signs it."
    registerBroker(input: RegisterBrokerInput!): Broker!
    "Grant a broker of your register a licence for one transaction (licensing officers)."
    grantBrokeringLicence(input: BrokeringLicenceInput!): Broker!
    "Suspend a broker of your register (licensing officers): no licence while it stands."
    suspendBroker(id: ID!, reason: String!): Broker!
    "Revoke a broker's registration, for good (licensing officers)."
    revokeBroker(id: ID!, reason: String!): Broker!
    "Flag suspicious activity of a broker of your register (licensing officers)."
    flagBrokerActivity(input: BrokerFlagInput!): Broker!
  }
`;
