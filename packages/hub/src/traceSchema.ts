/** Tracing requests (ITI; ADR 10) in the hub's subgraph. */
export const traceSchema = /* GraphQL */ `
  "Why this state is asked to trace: it made the weapon, it last imported it legally, or another link."
  enum TraceBasis { COUNTRY_OF_MANUFACTURE LAST_LEGAL_IMPORT OTHER }
  "ROUTINE (answer due in TB_TRACE_DEADLINE_ROUTINE, default 5 days) or URGENT (TB_TRACE_DEADLINE_URGENT, default 24 hours; needs a reason)."
  enum TracePriority { ROUTINE URGENT }
  "SENT → ACKNOWLEDGED → ANSWERED or UNABLE_TO_TRACE."
  enum TraceStatus { SENT ACKNOWLEDGED ANSWERED UNABLE_TO_TRACE }
  "Which traces: those your agency sent, those addressed to your state, or those of the region you are the liaison point of."
  enum TraceRole { REQUESTED ADDRESSED REGION }

  "A tracing request to send. The weapon's markings come from the seizure as recorded; everything a trace needs that is missing is named at once."
  input TraceRequestInput {
    "A seizure you may see."
    seizureId: ID!
    "The item of that seizure to trace."
    itemId: ID!
    "The state asked (ISO 3166-1 alpha-2); it must have a point of contact for tracing."
    addressedState: String!
    "Why that state."
    basis: TraceBasis!
    "ROUTINE or URGENT."
    priority: TracePriority!
    "Why it is urgent (required with URGENT)."
    urgencyReason: String
    "How and where the weapon was found."
    circumstances: String
    "Why it is considered illicit."
    illicitReason: String
    "What the information will be used for."
    intendedUse: String
    "Confidentiality and use restrictions on the request and its answer."
    restrictions: String
    "A case you take part in that the trace belongs to: its lifecycle then shows in the case's timeline."
    caseId: ID
  }

  "What the addressed state found."
  input TraceFindingsInput {
    "The last legal holder of the weapon."
    lastLegalHolder: String
    "Its export history."
    exportHistory: String
    "Its import history."
    importHistory: String
    "Anything else."
    comments: String
  }

  "The traced weapon as the requester's seizure recorded it: its markings, type and calibre (never person data)."
  type TracedItem {
    "UN SALW category."
    category: String
    "Manufacturer as marked."
    manufacturer: String
    "Model."
    model: String
    "Calibre."
    calibre: String
    "Serial number as read."
    serialNumber: String
    "True when the serial was obliterated."
    serialObliterated: Boolean!
    "Country of manufacture."
    countryOfManufacture: String
    "Import marking: country, year or text as read."
    importMarking: String
    "Other markings."
    otherMarkings: String
  }

  "What the addressed state found."
  type TraceFindings {
    "The last legal holder."
    lastLegalHolder: String
    "Export history."
    exportHistory: String
    "Import history."
    importHistory: String
    "Comments."
    comments: String
  }

  "A tracing request between states (International Tracing Instrument). Seen by the requester, the addressed state's agencies and the region's liaison point only."
  type TraceRequest {
    "Trace id."
    id: ID!
    "SENT, ACKNOWLEDGED, ANSWERED or UNABLE_TO_TRACE."
    status: TraceStatus!
    "ROUTINE or URGENT."
    priority: TracePriority!
    "Why the addressed state is asked."
    basis: TraceBasis!
    "When the answer is due."
    deadline: DateTime!
    "True when the deadline has passed without an answer."
    overdue: Boolean!
    "The state asked."
    addressedState: String!
    "The requesting agency."
    requester: HitHolder!
    "The addressed state's point of contact, who answers."
    pointOfContact: HitHolder!
    "The seizure, if you may see it."
    seizure: Seizure
    "The item traced."
    itemId: ID!
    "The weapon's markings, as the requester recorded them."
    item: TracedItem!
    "Why it is urgent."
    urgencyReason: String
    "How and where it was found."
    circumstances: String!
    "Why it is considered illicit."
    illicitReason: String!
    "What the information will be used for."
    intendedUse: String!
    "Restrictions on the request and its answer."
    restrictions: String
    "The case it belongs to, if any."
    caseId: ID
    "The answer, once ANSWERED."
    findings: TraceFindings
    "Why it could not be traced, once UNABLE_TO_TRACE."
    declineReason: String
    "The liaison point it was escalated to when overdue."
    escalatedTo: HitHolder
    "When it was sent."
    requestedAt: DateTime!
    "When it last changed."
    updatedAt: DateTime!
  }

  "A page of tracing requests."
  type TraceConnection {
    "Traces on this page, earliest deadline first."
    nodes: [TraceRequest!]!
    "How many match in all."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  extend type Query {
    "A tracing request you may see; null otherwise."
    trace(id: ID!): TraceRequest
    "Tracing requests you may see, earliest deadline first; filter by your role in them, status and overdue."
    traces(role: TraceRole, status: TraceStatus, overdue: Boolean, first: Int, after: String): TraceConnection!
  }

  extend type Mutation {
    "Send a tracing request for an item of a seizure you may see, to another state's point of contact."
    requestTrace(input: TraceRequestInput!): TraceRequest!
    "Acknowledge a request addressed to your agency (as its state's point of contact); the deadline still runs."
    acknowledgeTrace(id: ID!): TraceRequest!
    "Answer a request addressed to your agency with what you found."
    answerTrace(id: ID!, findings: TraceFindingsInput!): TraceRequest!
    "Say the weapon could not be traced, and why."
    declineTrace(id: ID!, reason: String!): TraceRequest!
  }
`;
