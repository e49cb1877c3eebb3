import { sharedValueTypesSdl } from '@tracebridge/server';

/** The hub's subgraph: the shared seizure views, serial checks, hit notices and the read audit. */
export const schema = /* GraphQL */ `
  scalar DateTime
  ${sharedValueTypesSdl}

  "Where a seizure happened."
  type Location {
    "ISO 3166-1 alpha-2."
    country: String!
    "Port, airport, crossing point or town."
    place: String!
    "PORT, AIRPORT, LAND_BORDER, SEA or INLAND."
    kind: String!
    "Latitude."
    lat: Float
    "Longitude."
    lon: Float
  }

  "A seizure's declared or established route (a corridor of the network is a Route)."
  type DeclaredRoute {
    "Country of origin."
    origin: String
    "Transit countries in order."
    transit: [String!]!
    "Country of destination."
    destination: String
  }

  "A seized weapon, part or lot of ammunition."
  type Item {
    "Item id."
    id: ID!
    "WEAPON, AMMUNITION or PART."
    kind: String!
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
    "Serial number as matched (case, spaces, dashes, leading zeros ignored)."
    serialNormalised: String
    "True when the serial was obliterated."
    serialObliterated: Boolean!
    "Country of manufacture."
    countryOfManufacture: String
    "How many."
    quantity: Int!
  }

  "A person linked to a seizure. Name and document are shown to the originating agency only; others see role and nationality, with redacted true."
  type Person {
    "Driver, passenger, consignee, suspect …"
    role: String!
    "Nationality."
    nationality: String
    "Full name; null unless you are the originator."
    name: String
    "Identity document number; null unless you are the originator."
    documentNumber: String
    "True when name and document are withheld from you."
    redacted: Boolean!
  }

  "How the originator handles the record."
  type Handling {
    "TLP level."
    tlp: String!
    "Handling code H0–H3."
    code: String!
    "Restrictions in words (H3)."
    restrictions: String
    "Source reliability A/B/C/X."
    reliability: String!
    "Information accuracy 1–4."
    accuracy: Int!
    "Agencies it is released to beyond its TLP level."
    releasableTo: [ID!]!
    "What the handling code asks of every viewer, in words (H0 law-enforcement use only; H1 not for court without the provider's permission; H2 no further dissemination without permission; H3 the restrictions)."
    notice: [String!]!
  }

  "What became of a seized item (PoA II.16)."
  type DispositionRecord {
    "The item."
    itemId: ID!
    "DESTROYED, RETAINED_AS_EVIDENCE or TRANSFERRED_TO_AUTHORISED_USE."
    disposition: String!
    "Date."
    date: String!
    "Destruction method."
    method: String
  }

  "The conveyance the goods travelled in."
  type Conveyance {
    "ROAD, SEA, AIR, RAIL or OTHER."
    mode: String!
    "Vehicle registration, vessel IMO number, container number or flight number, as read."
    identifier: String!
  }

  "A document found with the goods."
  type SeizureDocument {
    "LICENCE, END_USER_CERTIFICATE, BILL_OF_LADING, … or OTHER."
    kind: String!
    "Its number, as read."
    number: String!
    "The state that issued it."
    issuingState: String
  }

  "A broker named in a seizure, as the seizing officer read it."
  type BrokerRef {
    "The broker's name."
    name: String!
    "Its registration number, if given."
    registrationNumber: String
    "The state where it says it is registered."
    state: String
  }

  "A seizure, as the viewer may see it under the originator's policy."
  type Seizure @key(fields: "id") {
    "Seizure id."
    id: ID!
    "The reporting agency."
    originator: Agency!
    "When it happened."
    occurredAt: DateTime!
    "When the originator recorded it."
    reportedAt: DateTime!
    "Where."
    location: Location!
    "Route, if known."
    route: DeclaredRoute
    "Criminal context."
    context: String
    "The conveyance, if known."
    conveyance: Conveyance
    "Documents found with the goods."
    documents: [SeizureDocument!]!
    "Brokers named in the seizure."
    brokers: [BrokerRef!]!
    "Items seized."
    items: [Item!]!
    "Linked persons, redacted unless you are the originator."
    persons: [Person!]!
    "Handling as set by the originator."
    handling: Handling!
    "Embargo and marking warnings."
    warnings: [Warning!]!
    "Dispositions recorded so far."
    dispositions: [DispositionRecord!]!
  }

  "Filters for seizures; all optional, combined with AND."
  input SeizureFilter {
    "Country where it happened."
    country: String
    "Originating agency id."
    originator: ID
    "Occurred at or after."
    from: DateTime
    "Occurred before."
    to: DateTime
    "Manufacturer of an item (case-insensitive)."
    manufacturer: String
    "UN category of an item."
    category: String
  }

  "Paging."
  type PageInfo {
    "Pass as after to get the next page."
    endCursor: String
    "Whether more follow."
    hasNextPage: Boolean!
  }

  "A page of seizures."
  type SeizureConnection {
    "The seizures of this page, newest first."
    nodes: [Seizure!]!
    "How many match in all (that you may see)."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  "A read of one of your records by another agency."
  type RecordRead {
    "Your record."
    recordId: ID!
    "The agency that read it."
    reader: HitHolder!
    "The reading officer's id at their agency."
    readerSubject: String!
    "When."
    at: DateTime!
    "How: VIEW (the record shown), EXPORT (exported: CSV, GeoJSON), CASE_VIEW (a case of yours read), SERIAL_CHECK_DETAIL (a serial check's detail)."
    kind: String!
  }

  "Someone's serial checks matched one of your records (repeats by the same agency are one notice, counted)."
  type HitNotice {
    "Your record."
    recordId: ID!
    "The agency that checked."
    queriedBy: HitHolder!
    "When it last matched."
    at: DateTime!
    "When it first matched."
    firstAt: DateTime!
    "How many times that agency's checks matched it."
    count: Int!
  }

  "A page of hit notices."
  type HitNoticeConnection {
    "The notices of this page, most recent first."
    nodes: [HitNotice!]!
    "How many notices you have in all."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  "What became of a seized item (PoA II.16, II.18, II.19)."
  enum DispositionKind { DESTROYED RETAINED_AS_EVIDENCE TRANSFERRED_TO_AUTHORISED_USE }

  "A disposition to record for one item of one of your seizures."
  input DispositionInput {
    "The seizure."
    seizureId: ID!
    "The item of that seizure."
    itemId: ID!
    "What became of it."
    disposition: DispositionKind!
    "When, YYYY-MM-DD."
    date: String!
    "Destruction method (cutting, smelting, crushing …); required for DESTROYED."
    method: String
    "Witness of a destruction."
    witness: String
    "Authority that decided it."
    authority: String
    "Anything else."
    note: String
  }

  extend type Mutation {
    "Record what became of an item of one of your agency's seizures; the originating service records and signs it."
    recordDisposition(input: DispositionInput!): DispositionRecord!
  }

  "An export of seizures you may see, marked as their handling asks."
  type SeizureExport {
    "text/csv"
    contentType: String!
    "The rows, one per seizure, with a header; each row carries its handling code's notice. Person identities are never exported."
    csv: String!
    "How many seizures it holds."
    rows: Int!
    "Every handling notice of the records in it (H1 not for court without the provider's permission, H2, H3 restrictions), by record."
    markings: [String!]!
    "Where the next export page starts (pass its endCursor as after): a large export is taken in pages."
    pageInfo: PageInfo!
  }

  extend type Query {
    "Export the seizures you may see as CSV (at most 5,000 a page, newest first; page with after), marked as their handling asks; each export is audited for the originators."
    exportSeizures(filter: SeizureFilter, first: Int, after: String): SeizureExport!
    "One seizure; null when it does not exist or you may not see it."
    seizure(id: ID!): Seizure
    "Seizures you may see, newest first."
    seizures(filter: SeizureFilter, first: Int, after: String): SeizureConnection!
    "Hit/no-hit: is this serial (of this manufacturer) recorded in the network, and by whom? The holder is notified."
    serialCheck(manufacturer: String!, serialNumber: String!): [Hit!]!
    "Who matched which of your records, most recent first (reporting officers, analysts, agency administrators)."
    hitsOnMyRecords(first: Int, after: String): HitNoticeConnection!
    "Who read which of your records, newest first (optionally one record; at most 500). Agency administrators only."
    readsOfMyRecords(recordId: ID, first: Int): [RecordRead!]!
  }
`;
