import { z } from 'zod';
import { Item } from '../items';
import { CountryCode, IsoDate, Text, Uuid } from '../primitives';

export const LocationKind = z.enum(['PORT', 'AIRPORT', 'LAND_BORDER', 'SEA', 'INLAND']);

export const Location = z.object({
  country: CountryCode,
  place: Text(200),
  kind: LocationKind,
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type Location = z.infer<typeof Location>;

/** Declared or established route: origin → transit → destination states. */
export const Route = z.object({
  origin: CountryCode.optional(),
  transit: z.array(CountryCode).max(20).default([]),
  destination: CountryCode.optional(),
});
export type Route = z.infer<typeof Route>;

/**
 * A person linked to a record, as it travels: a random reference, a role and a
 * nationality. Names and identity documents never leave the originating
 * agency's service (domain.md: person data stays with its owner).
 */
export const PersonLink = z.object({
  personRef: Uuid,
  role: Text(60),
  nationality: CountryCode.optional(),
});

/** A document found with the goods: its number links seizures that carry the same one (issue 9). */
export const DocumentKind = z.enum(['LICENCE', 'EXPORT_LICENCE', 'IMPORT_LICENCE', 'END_USER_CERTIFICATE', 'TRANSIT_AUTHORISATION', 'BILL_OF_LADING', 'AIR_WAYBILL', 'OTHER']);
export const DocumentRef = z.object({
  kind: DocumentKind,
  number: Text(100),
  issuingState: CountryCode.optional(),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

/** How the goods travelled, and the identifier of the vehicle, vessel (IMO), container, flight or train. */
export const ConveyanceMode = z.enum(['ROAD', 'SEA', 'AIR', 'RAIL', 'OTHER']);
export const Conveyance = z.object({ mode: ConveyanceMode, identifier: Text(100) });
export type Conveyance = z.infer<typeof Conveyance>;

/**
 * A broker named in a seizure (a company or person acting as intermediary,
 * PoA II.14), as the seizing officer read it: checked against the broker
 * registry at report time. Not a person of the vault: brokers are registered
 * (public) intermediaries.
 */
export const BrokerRef = z.object({
  name: Text(200),
  registrationNumber: Text(100).optional(),
  state: CountryCode.optional(),
});
export type BrokerRef = z.infer<typeof BrokerRef>;

/** The reporting form: each agency kind has its own fields on top of the shared core. */
export const CustomsDetails = z.object({
  form: z.literal('CUSTOMS'),
  customsOffice: Text(120).optional(),
  declarationReference: Text(100).optional(),
  conveyance: Text(200).optional(),
});
export const PoliceDetails = z.object({
  form: z.literal('POLICE'),
  caseNumber: Text(100).optional(),
  recoveryContext: z.enum(['SEARCH', 'ARREST', 'VOLUNTARY_SURRENDER', 'OTHER']).optional(),
});
export const BorderDetails = z.object({
  form: z.literal('BORDER'),
  crossingPoint: Text(120).optional(),
  patrol: Text(100).optional(),
  directionOfTravel: z.enum(['INBOUND', 'OUTBOUND', 'UNKNOWN']).optional(),
});
export const ReportDetails = z.discriminatedUnion('form', [CustomsDetails, PoliceDetails, BorderDetails]);

/** SeizureReported v2: items carry their serial as read and normalised. */
export const SeizureReportedV2 = z.object({
  seizureId: Uuid,
  clientReference: Text(100).optional(),
  location: Location,
  route: Route.optional(),
  legalBasis: Text(300).optional(),
  /** Criminal context: illicit possession, trafficking, … */
  context: Text(1000).optional(),
  concealment: Text(300).optional(),
  details: ReportDetails,
  items: z.array(Item).min(1).max(1000),
  persons: z.array(PersonLink).max(100).default([]),
  documents: z.array(DocumentRef).max(50).default([]),
});

/**
 * SeizureReported v3 (current): what links seizures (issue 9) — the
 * conveyance and its identifier, the documents found, the brokers named.
 * v2 had only the customs form's free-text conveyance; the upcaster carries
 * it over as mode OTHER.
 */
export const SeizureReportedV3 = SeizureReportedV2.extend({
  conveyance: Conveyance.optional(),
  brokers: z.array(BrokerRef).max(20).default([]),
});
export type SeizureReported = z.infer<typeof SeizureReportedV3>;

/**
 * SeizureReported v1, as the first pilot wrote it: one flat serial string per
 * item and no reporting form. Kept so that old events stay readable (II.9:
 * records kept, never rewritten); the upcaster lifts them to v2.
 */
export const SeizureReportedV1 = z.object({
  seizureId: Uuid,
  location: Location,
  route: Route.optional(),
  context: Text(1000).optional(),
  items: z.array(
    Item.omit({ serial: true }).extend({
      serialNumber: z.string().trim().min(1).max(64).optional(),
    }),
  ),
});

export const SeizureAmended = z.object({
  seizureId: Uuid,
  reason: Text(500),
  route: Route.optional(),
  context: Text(1000).optional(),
  concealment: Text(300).optional(),
  addedItems: z.array(Item).max(1000).default([]),
  addedPersons: z.array(PersonLink).max(100).default([]),
  addedDocuments: z.array(DocumentRef).max(50).default([]),
});

/** What became of a seized item (PoA II.16, II.18, II.19): never silently dropped. */
export const Disposition = z.enum(['DESTROYED', 'RETAINED_AS_EVIDENCE', 'TRANSFERRED_TO_AUTHORISED_USE']);
export type Disposition = z.infer<typeof Disposition>;

export const DispositionRecorded = z
  .object({
    seizureId: Uuid,
    itemId: Uuid,
    disposition: Disposition,
    date: IsoDate,
    /** Destruction method (cutting, smelting, crushing, …). */
    method: Text(200).optional(),
    witness: Text(200).optional(),
    authority: Text(200).optional(),
    note: Text(1000).optional(),
  })
  .refine((d) => d.disposition !== 'DESTROYED' || d.method !== undefined, {
    message: 'a destruction needs its method',
    path: ['method'],
  });
