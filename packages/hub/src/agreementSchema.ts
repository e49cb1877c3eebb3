/** Sharing agreements of the directory (ADR 11) and explainAccess, in the hub's subgraph. */
export const agreementSchema = /* GraphQL */ `
  "Where an agreement stands now."
  enum AgreementStatus { IN_FORCE NOT_YET_IN_FORCE EXPIRED REVOKED }

  "An agreement to make for your agency's records: it opens them to its parties, and person identities only if it says so."
  input SharingAgreementInput {
    "Agencies, or groups whose members are meant (directory ids)."
    parties: [ID!]!
    "The kinds of records it opens."
    families: [RecordFamily!]!
    "Records of this TLP level or a lower one are opened (CLEAR < GREEN < AMBER < AMBER_STRICT < RED)."
    tlpCeiling: Tlp!
    "Whether the parties may also see person identities (names, documents): the only way they reach another agency."
    includePersons: Boolean!
    "The legal instrument the sharing rests on (treaty, MoU, article of law)."
    legalBasis: String!
    "When it comes into force; now if left out."
    validFrom: DateTime
    "When it lapses; open-ended if left out."
    validUntil: DateTime
  }

  "An originator's sharing agreement: known to its originator and its parties."
  type SharingAgreement {
    "Agreement id."
    id: ID!
    "The agency whose records it opens."
    originator: HitHolder!
    "Agencies or groups it opens them to."
    parties: [ID!]!
    "The kinds of records opened."
    families: [RecordFamily!]!
    "The highest TLP level opened."
    tlpCeiling: Tlp!
    "Whether person identities are opened too."
    includePersons: Boolean!
    "Its legal basis."
    legalBasis: String!
    "In force from."
    validFrom: DateTime!
    "Lapses at."
    validUntil: DateTime
    "When its originator revoked it."
    revokedAt: DateTime
    "IN_FORCE, NOT_YET_IN_FORCE, EXPIRED or REVOKED, now."
    status: AgreementStatus!
  }

  "Why an agency can or cannot see one of your records, and which parts of it."
  type AccessExplanation {
    "Whether it may see the record."
    allowed: Boolean!
    "What it gets: record, person identities, or holder only (a serial hit names you)."
    fields: [String!]!
    "The rules that decide it, in plain words."
    reasons: [String!]!
  }

  extend type Query {
    "Your agency's agreements, and those that name it (or a group it belongs to) as a party."
    sharingAgreements: [SharingAgreement!]!
    "For a record of your agency: why the agency can or cannot see it and which parts. Null for a record that is not yours."
    explainAccess(recordId: ID!, agencyId: ID!): AccessExplanation
  }

  extend type Mutation {
    "Make a sharing agreement for your agency's records (agency administrators): it takes effect in every view at once."
    createSharingAgreement(input: SharingAgreementInput!): SharingAgreement!
    "Revoke one of your agency's agreements: it stops opening anything at once, for good."
    revokeSharingAgreement(id: ID!, reason: String): SharingAgreement!
  }
`;
