import { handlingInputSdl } from '@tracebridge/server';

/** Cross-border cases (ADR 9) in the hub's subgraph: one owner for every case field. */
export const caseSchema = /* GraphQL */ `
  ${handlingInputSdl}

  "Where an agency stands in a case."
  enum CaseParticipantStatus { INVITED ACTIVE DECLINED LEFT }
  "What the case's participants may see of an attachment: shared, waiting for its holder's consent, refused or withdrawn by its holder."
  enum CaseAttachmentStatus { SHARED AWAITING_CONSENT REFUSED WITHDRAWN }
  "A share request, as its holder decides it."
  enum ShareRequestStatus { PENDING GRANTED REFUSED WITHDRAWN }
  "Kinds of records: what a case carries (never a case), what a sharing agreement opens (CASE: cases and their notes)."
  enum RecordFamily { SEIZURE STOCKPILE_LOSS TRACE CASE ROUTE BROKER }

  "A case to open: its handling limits who may be invited."
  input CaseInput {
    "A short title."
    title: String!
    "What the case is about."
    summary: String!
    "Who may see the case; only agencies it lets see the case can be invited."
    handling: HandlingInput!
  }

  "A note to add to a case."
  input CaseNoteInput {
    "The note."
    text: String!
    "How the note is handled (its TLP and handling code travel with it)."
    handling: HandlingInput!
  }

  "An agency taking part in a case."
  type CaseParticipant {
    "The agency."
    agency: HitHolder!
    "INVITED, ACTIVE, DECLINED or LEFT."
    status: CaseParticipantStatus!
  }

  "A record carried by a case, under its holder's control."
  union CaseRecord = Seizure

  "A record attached to a case. Until its holder consents, participants learn only who holds it."
  type CaseAttachment {
    "The attachment id (also the id of its share request, if it needed one)."
    id: ID!
    "SHARED, AWAITING_CONSENT, REFUSED or WITHDRAWN."
    status: CaseAttachmentStatus!
    "SEIZURE, STOCKPILE_LOSS or TRACE."
    family: RecordFamily!
    "The record; null unless it is shared and you may see it."
    record: CaseRecord
    "The agency holding the record (its originator)."
    holder: HitHolder!
    "The participant that attached it."
    attachedBy: HitHolder!
  }

  "A participant's note."
  type CaseNote {
    "Note id."
    id: ID!
    "The agency that wrote it."
    author: HitHolder!
    "The note."
    text: String!
    "Its handling."
    handling: Handling!
    "When it was written."
    at: DateTime!
  }

  "One act in a case, by the agency that did it, in the order the hub received them."
  type CaseTimelineEntry {
    "When the act was done."
    at: DateTime!
    "The agency that did it."
    agency: HitHolder!
    "The event type, e.g. CaseOpened, RecordAttachedToCase."
    type: String!
    "What happened, in words (never a record's content)."
    summary: String!
  }

  "A cross-border case: participants of any state, records shared only as their holders allow, one timeline."
  type Case {
    "Case id."
    id: ID!
    "Title."
    title: String!
    "Summary."
    summary: String!
    "The case's handling, set by the agency that opened it."
    handling: Handling!
    "The agency that opened it."
    openedBy: HitHolder!
    "When it was opened."
    openedAt: DateTime!
    "Every agency invited, with where it stands."
    participants: [CaseParticipant!]!
    "Attached records (active participants only)."
    attachments: [CaseAttachment!]!
    "Notes you may see (active participants only)."
    notes: [CaseNote!]!
    "Tracing requests sent for this case that you may see (active participants only)."
    traces: [TraceRequest!]!
    "Every act of the case, in order (active participants only)."
    timeline: [CaseTimelineEntry!]!
  }

  "A page of cases."
  type CaseConnection {
    "Your cases on this page, most recently opened first."
    nodes: [Case!]!
    "How many cases you are invited to or take part in."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  "The case a share request belongs to."
  type ShareRequestCase {
    "Case id."
    id: ID!
    "Title; null when the case's own handling does not let you see the case."
    title: String
  }

  "A participant attached one of your records to a case that not every participant may see: grant or refuse."
  type ShareRequest {
    "The request id (the attachment's id)."
    id: ID!
    "PENDING, GRANTED, REFUSED or WITHDRAWN."
    status: ShareRequestStatus!
    "The case."
    case: ShareRequestCase!
    "Your record."
    record: CaseRecord
    "You, the holder."
    holder: HitHolder!
    "The participant that attached it."
    requestedBy: HitHolder!
    "The reason you gave with your decision."
    reason: String
  }

  extend type Query {
    "A case you are invited to or take part in; null otherwise."
    case(id: ID!): Case
    "Your cases (invited or active), most recently opened first."
    cases(first: Int, after: String): CaseConnection!
    "Share requests for your agency's records, optionally of one status, newest first."
    shareRequests(status: ShareRequestStatus): [ShareRequest!]!
  }

  extend type Mutation {
    "Open a case; your agency is its first active participant."
    openCase(input: CaseInput!): Case!
    "Invite an agency (of any state the case's handling lets see it). Only the agency that opened the case invites."
    inviteToCase(caseId: ID!, agencyId: ID!): Case!
    "Accept or decline your agency's invitation."
    respondToCaseInvitation(caseId: ID!, accept: Boolean!): Case!
    "Leave a case (not the agency that opened it)."
    leaveCase(caseId: ID!): Case!
    "Attach a record you may see. Unless its holder attaches it, or every participant may already see it (and it is not H2), its holder is asked first."
    attachToCase(caseId: ID!, recordId: ID!): CaseAttachment!
    "Add a note to a case you take part in."
    addCaseNote(caseId: ID!, input: CaseNoteInput!): CaseNote!
    "Grant or refuse a share request for one of your records: a grant shows it to the case's active participants (never person identities)."
    decideShareRequest(id: ID!, grant: Boolean!, reason: String): ShareRequest!
    "Withdraw a share of one of your records from a case: its participants lose access at once."
    withdrawShare(requestId: ID!): ShareRequest!
  }
`;
