import {
  AgencyId,
  ConveyanceMode,
  CountryCode,
  DocumentKind,
  HandlingCode,
  InformationAccuracy,
  IsoDateTime,
  ItemKind,
  LocationKind,
  SourceReliability,
  Tlp,
  WeaponCategory,
} from '@tracebridge/contracts';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The fields every seizure form shares (issue contract); zod checks what GraphQL's types cannot. */
export const SharedSeizureInput = z.object({
  /** Required since issue 10: the report's idempotency key (a retry answers with the original record). */
  clientReference: text(100),
  occurredAt: IsoDateTime,
  location: z.object({
    country: CountryCode,
    place: text(200),
    kind: LocationKind,
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  }),
  route: z
    .object({ origin: CountryCode.optional(), transit: z.array(CountryCode).max(20).optional(), destination: CountryCode.optional() })
    .optional()
    .nullable(),
  context: text(1000).optional(),
  concealment: text(300).optional(),
  legalBasis: text(300).optional(),
  items: z
    .array(
      z.object({
        kind: ItemKind,
        category: WeaponCategory.optional(),
        manufacturer: text(120).optional(),
        model: text(120).optional(),
        calibre: text(40).optional(),
        serialNumber: text(64).optional(),
        serialObliterated: z.boolean().optional(),
        countryOfManufacture: CountryCode.optional(),
        importMarking: text(200).optional(),
        quantity: z.number().int().min(1).max(10_000_000).optional(),
      }),
    )
    .min(1)
    .max(1000),
  conveyance: z.object({ mode: ConveyanceMode, identifier: text(100) }).optional(),
  documents: z
    .array(z.object({ kind: DocumentKind, number: text(100), issuingState: CountryCode.optional() }))
    .max(50)
    .optional(),
  brokers: z
    .array(z.object({ name: text(200), registrationNumber: text(100).optional(), state: CountryCode.optional() }))
    .max(20)
    .optional(),
  persons: z
    .array(z.object({ role: text(60), name: text(200), nationality: CountryCode.optional(), documentNumber: text(100).optional() }))
    .max(100)
    .optional()
    .nullable(),
  handling: z.object({
    tlp: Tlp,
    code: HandlingCode.optional(),
    restrictions: text(1000).optional(),
    reliability: SourceReliability.optional(),
    accuracy: InformationAccuracy.optional(),
    releasableTo: z.array(AgencyId).max(200).optional(),
  }),
});
export type SharedSeizureInput = z.infer<typeof SharedSeizureInput>;

export const CustomsSeizureInput = SharedSeizureInput.extend({
  customsOffice: text(120).optional(),
  declarationReference: text(100).optional(),
});

/** Drop the nulls GraphQL sends for absent optional fields, so zod defaults and `undefined` checks apply. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    ) as T;
  }
  return value;
}

export const PoliceRecoveryInput = SharedSeizureInput.extend({
  caseNumber: text(100).optional(),
  recoveryContext: z.enum(['SEARCH', 'ARREST', 'VOLUNTARY_SURRENDER', 'OTHER']).optional(),
});

export const BorderInterdictionInput = SharedSeizureInput.extend({
  crossingPoint: text(120).optional(),
  patrol: text(100).optional(),
  directionOfTravel: z.enum(['INBOUND', 'OUTBOUND', 'UNKNOWN']).optional(),
});
