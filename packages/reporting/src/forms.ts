import type { z } from 'zod';
import { BorderInterdictionInput, CustomsSeizureInput, PoliceRecoveryInput } from './reportInput';

/**
 * The report form of each agency kind: its GraphQL input and mutation, the
 * query listing the agencies the service records, its zod schema, and the
 * kind's own details as they go into the event. The shared fields are the
 * same in all three.
 */
const SHARED_INPUT_FIELDS = `
        "Your own reference for this report, 1 to 100 characters (e.g. a UUID your form or importer generates once per report); reporting again with it returns the original seizure, never a second one (safe retries)."
        clientReference: String!
        "When the seizure happened."
        occurredAt: DateTime!
        "Where it happened."
        location: LocationInput!
        "Declared origin, transit and destination."
        route: RouteInput
        "Criminal context: illicit possession, trafficking …"
        context: String
        "How the goods were concealed."
        concealment: String
        "Legal basis of the seizure."
        legalBasis: String
        "Weapons, parts and ammunition seized."
        items: [ItemInput!]!
        "The conveyance the goods travelled in, with its identifier: links seizures that share it."
        conveyance: ConveyanceInput
        "Documents found with the goods (licences, end-user certificates, bills of lading): links seizures that carry the same number."
        documents: [DocumentInput!]
        "Brokers named in the documents or by the persons: checked against the broker registry, and links seizures that name the same broker."
        brokers: [BrokerRefInput!]
        "Persons linked to the seizure."
        persons: [PersonInput!]
        "Who may see it."
        handling: HandlingInput!`;

export const forms = {
  POLICE: {
    mutation: 'reportPoliceRecovery',
    listQuery: 'policeAgencies',
    input: PoliceRecoveryInput,
    sdl: /* GraphQL */ `
      "A police recovery: the shared fields, plus the police case number and the context of the recovery."
      input PoliceRecoveryInput {
        ${SHARED_INPUT_FIELDS}
        "Police case number."
        caseNumber: String
        "SEARCH, ARREST, VOLUNTARY_SURRENDER or OTHER."
        recoveryContext: String
      }
      extend type Mutation {
        "Report a police recovery (police officers only). Returns the seizure, serial hits and warnings."
        reportPoliceRecovery(input: PoliceRecoveryInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose police reports this service records."
        policeAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof PoliceRecoveryInput>) => ({
      form: 'POLICE' as const,
      ...(i.caseNumber ? { caseNumber: i.caseNumber } : {}),
      ...(i.recoveryContext ? { recoveryContext: i.recoveryContext } : {}),
    }),
  },
  BORDER: {
    mutation: 'reportBorderInterdiction',
    listQuery: 'borderAgencies',
    input: BorderInterdictionInput,
    sdl: /* GraphQL */ `
      "A border interdiction: the shared fields, plus the crossing point, patrol and direction of travel."
      input BorderInterdictionInput {
        ${SHARED_INPUT_FIELDS}
        "Crossing point."
        crossingPoint: String
        "Patrol."
        patrol: String
        "INBOUND, OUTBOUND or UNKNOWN."
        directionOfTravel: String
      }
      extend type Mutation {
        "Report a border interdiction (border guards only). Returns the seizure, serial hits and warnings."
        reportBorderInterdiction(input: BorderInterdictionInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose border reports this service records."
        borderAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof BorderInterdictionInput>) => ({
      form: 'BORDER' as const,
      ...(i.crossingPoint ? { crossingPoint: i.crossingPoint } : {}),
      ...(i.patrol ? { patrol: i.patrol } : {}),
      ...(i.directionOfTravel ? { directionOfTravel: i.directionOfTravel } : {}),
    }),
  },
  CUSTOMS: {
    mutation: 'reportCustomsSeizure',
    listQuery: 'customsAgencies',
    input: CustomsSeizureInput,
    sdl: /* GraphQL */ `
      "A customs seizure at a point of entry: the shared fields, plus the customs office and declaration."
      input CustomsSeizureInput {
        ${SHARED_INPUT_FIELDS}
        "Customs office."
        customsOffice: String
        "Customs declaration reference."
        declarationReference: String
      }
      extend type Mutation {
        "Report a customs seizure (customs officers only). Returns the seizure, serial hits and warnings."
        reportCustomsSeizure(input: CustomsSeizureInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose customs reports this service records."
        customsAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof CustomsSeizureInput>) => ({
      form: 'CUSTOMS' as const,
      ...(i.customsOffice ? { customsOffice: i.customsOffice } : {}),
      ...(i.declarationReference ? { declarationReference: i.declarationReference } : {}),
    }),
  },
} as const;

/** One form; the union of the three forms' types is too wide for TypeScript to follow, so callers narrow to this shape once. */
export type Form = (typeof forms)['CUSTOMS'];
