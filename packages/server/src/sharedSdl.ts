/**
 * GraphQL value types that several subgraphs return. The gateway merges a
 * type defined in several subgraphs only if the definitions are identical,
 * so every subgraph takes them from here.
 */
export const sharedValueTypesSdl = /* GraphQL */ `
  "Something the network noticed about a report: an embargo, a marking problem, a hit."
  type Warning {
    "EMBARGO, EMBARGO_PARTIAL, INADEQUATE_MARKING, SERIAL_OBLITERATED or HIT."
    code: String!
    "What it means, in words."
    message: String!
  }

  "An agency of the network, as the directory registers it."
  type Agency {
    "Agency id, e.g. GH-CUSTOMS."
    id: ID!
    "The agency's state, ISO 3166-1 alpha-2."
    country: String!
    "CUSTOMS, POLICE, BORDER or LIAISON."
    kind: String!
    "The agency's name."
    name: String!
  }

  "The agency that holds a matching record."
  type HitHolder {
    "Agency id, e.g. TG-POLICE."
    id: ID!
    "The holder's state, ISO 3166-1 alpha-2."
    country: String!
    "CUSTOMS, POLICE, BORDER or LIAISON."
    kind: String!
  }

  "A match of a serial number (with its manufacturer) against records in the network: hit/no-hit first, the record only where policy allows."
  type Hit {
    "Who holds the matching record; ask them for it."
    holder: HitHolder!
    "The matching record's id, or null when the viewer may not see that record."
    recordId: ID
    "SEIZURE or STOCKPILE_LOSS."
    recordKind: String!
    "The manufacturer as recorded."
    manufacturer: String!
    "The serial number as recorded."
    serialNumber: String!
  }
`;

/** Handling as an originator sets it (a report, a case, a note): identical in every subgraph that takes it. */
export const handlingInputSdl = /* GraphQL */ `
  "TLP 2.0 sharing level; AMBER_STRICT is TLP:AMBER+STRICT."
  enum Tlp { CLEAR GREEN AMBER AMBER_STRICT RED }
  "Handling codes: H0 law-enforcement use only, H1 not for court without permission, H2 no further dissemination without permission, H3 other restrictions (in text)."
  enum HandlingCode { H0 H1 H2 H3 }
  "Source reliability: A reliable, B mostly reliable, C not reliable, X cannot be judged."
  enum Reliability { A B C X }

  "Who may see the record, decided by you, the originator, when you report it."
  input HandlingInput {
    "TLP level."
    tlp: Tlp!
    "Handling code, default H0."
    code: HandlingCode
    "Restrictions in words (required with H3)."
    restrictions: String
    "Source reliability, default X."
    reliability: Reliability
    "Information accuracy 1 (confirmed) … 4 (cannot be judged), default 4."
    accuracy: Int
    "Agency ids that may see it beyond what the TLP level allows."
    releasableTo: [ID!]
  }
`;
