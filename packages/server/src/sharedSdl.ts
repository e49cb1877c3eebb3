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
