import { handlingInputSdl, sharedValueTypesSdl } from '@tracebridge/server';

/** Whether the network's shared view has answered for a report: on every report's answer (seizures, stockpile losses). */
export const sharedViewSdl = /* GraphQL */ `
  "Whether the network's shared view (the liaison hub) has answered for a report your agency has stored."
  enum SharedView {
    "The liaison hub answered for the report: its hits and the hub's warnings are complete."
    CURRENT
    "The report is stored by your agency, and reaches the shared view by itself; the liaison hub did not answer in time (slow, down, or the bus is down), so hits and the hub's warnings are missing: run serialCheck later."
    PENDING
  }
`;

/** Enums and inputs of the shared seizure core; identical in the customs, police and border subgraphs. */
export const seizureInputsSdl = /* GraphQL */ `
  "An ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00Z."
  scalar DateTime

  "Where a seizure happened."
  enum LocationKind { PORT AIRPORT LAND_BORDER SEA INLAND }
  "What was seized."
  enum ItemKind { WEAPON AMMUNITION PART }
  "UN SALW categories, plus shotguns and other."
  enum WeaponCategory { PISTOL REVOLVER RIFLE SHOTGUN SUBMACHINE_GUN ASSAULT_RIFLE LIGHT_MACHINE_GUN HEAVY_MACHINE_GUN GRENADE_LAUNCHER PORTABLE_LAUNCHER MORTAR OTHER }

  "Where it happened."
  input LocationInput {
    "ISO 3166-1 alpha-2."
    country: String!
    "Port, airport, crossing point or town."
    place: String!
    "Kind of place."
    kind: LocationKind!
    "Latitude, WGS 84."
    lat: Float
    "Longitude, WGS 84."
    lon: Float
  }

  "Declared or established route, ISO 3166-1 alpha-2 codes."
  input RouteInput {
    "Country of origin."
    origin: String
    "Transit countries in order."
    transit: [String!]
    "Country of destination."
    destination: String
  }

  "One item: a weapon, a part or component, or ammunition."
  input ItemInput {
    "WEAPON, AMMUNITION or PART."
    kind: ItemKind!
    "UN SALW category of a weapon."
    category: WeaponCategory
    "Make or manufacturer as marked."
    manufacturer: String
    "Model."
    model: String
    "Calibre, e.g. 7.62x39mm."
    calibre: String
    "Serial number as read."
    serialNumber: String
    "True when the serial number has been obliterated."
    serialObliterated: Boolean
    "Country of manufacture, ISO 3166-1 alpha-2."
    countryOfManufacture: String
    "Import marking as read."
    importMarking: String
    "How many (rounds, for ammunition). Default 1."
    quantity: Int
  }

  "How goods travelled."
  enum ConveyanceMode { ROAD SEA AIR RAIL OTHER }
  "Kinds of documents found with seized goods."
  enum DocumentKind { LICENCE EXPORT_LICENCE IMPORT_LICENCE END_USER_CERTIFICATE TRANSIT_AUTHORISATION BILL_OF_LADING AIR_WAYBILL OTHER }

  "The conveyance: how the goods travelled and the identifier of the vehicle, vessel, container or flight."
  input ConveyanceInput {
    "ROAD, SEA, AIR, RAIL or OTHER."
    mode: ConveyanceMode!
    "Vehicle registration, vessel IMO number, container number or flight number, as read."
    identifier: String!
  }

  "A document found with the goods."
  input DocumentInput {
    "Licence, end-user certificate, bill of lading …"
    kind: DocumentKind!
    "The document's number, as read."
    number: String!
    "The state that issued it, ISO 3166-1 alpha-2."
    issuingState: String
  }

  "A broker (intermediary) named in the seizure, as read off the documents: shared with the record and checked against the broker registry. An individual to protect (driver, consignee, suspect) is a person (PersonInput), not a broker."
  input BrokerRefInput {
    "The broker's name as registered (a company, or a natural person acting as broker)."
    name: String!
    "Its registration number in the broker registry, if known."
    registrationNumber: String
    "The state where it says it is registered, ISO 3166-1 alpha-2."
    state: String
  }

  "A person linked to the seizure. Name and document stay with your agency; partners see the role and nationality only."
  input PersonInput {
    "Driver, passenger, consignee, suspect …"
    role: String!
    "Full name."
    name: String!
    "Nationality, ISO 3166-1 alpha-2."
    nationality: String
    "Identity document number."
    documentNumber: String
  }

  ${handlingInputSdl}

  ${sharedValueTypesSdl}

  extend type Seizure @key(fields: "id") {
    "The seizure's id."
    id: ID! @external
  }

  ${sharedViewSdl}

  "The answer to a report, once your agency has stored it: its id, whether the network's shared view has it, serial hits in the network, and warnings."
  type SeizureReport {
    "The seizure's id (the same again for a retry with the same clientReference)."
    seizureId: ID!
    "The seizure as the network's shared view holds it. Null while sharedView is PENDING, or if the hub has not taken it up within a few seconds: ask seizure(id: seizureId) later."
    seizure: Seizure
    "CURRENT when the liaison hub answered for this report (hits and the hub's warnings are complete); PENDING when it did not answer in time. The report is stored either way."
    sharedView: SharedView!
    "Matches of the reported serials against seizures and stockpile losses the network holds (empty while sharedView is PENDING)."
    hits: [Hit!]!
    "Embargo and marking warnings (checked by your agency's service, always), and the hub's: hits, broker registry, diversion clusters (HIT_CHECK_UNAVAILABLE while sharedView is PENDING)."
    warnings: [Warning!]!
  }
`;
