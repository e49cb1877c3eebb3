import { z } from 'zod';
import { AgencyId, CountryCode } from './primitives';

/**
 * Traffic Light Protocol 2.0. `AMBER_STRICT` is TLP:AMBER+STRICT spelled so it
 * can also be a GraphQL enum value.
 */
export const Tlp = z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
export type Tlp = z.infer<typeof Tlp>;

/** Handling codes in the style of Europol SIENA. */
export const HandlingCode = z.enum([
  'H0', // law-enforcement use only
  'H1', // not for use in court without the provider's permission
  'H2', // no further dissemination without permission
  'H3', // other restrictions, stated in `restrictions`
]);
export type HandlingCode = z.infer<typeof HandlingCode>;

/** Source reliability (A: reliable … C: not reliable, X: cannot be assessed). */
export const SourceReliability = z.enum(['A', 'B', 'C', 'X']);
/** Information accuracy, 1 (known true) … 4 (not known). */
export const InformationAccuracy = z.number().int().min(1).max(4);

export const Handling = z
  .object({
    tlp: Tlp,
    code: HandlingCode.default('H0'),
    /** Free-text restrictions; required with H3. */
    restrictions: z.string().trim().min(1).max(1000).optional(),
    reliability: SourceReliability.default('X'),
    accuracy: InformationAccuracy.default(4),
    /** Agency or group ids the originator releases the record to beyond what the TLP level allows. */
    releasableTo: z.array(AgencyId).max(200).default([]),
  })
  .refine((h) => h.code !== 'H3' || h.restrictions !== undefined, {
    message: 'handling code H3 needs its restrictions in text',
    path: ['restrictions'],
  });
export type Handling = z.infer<typeof Handling>;

/** Who reported a fact: the state and the agency. Only the originator writes and signs its records. */
export const Originator = z.object({
  state: CountryCode,
  agency: AgencyId,
});
export type Originator = z.infer<typeof Originator>;

/**
 * A sharing agreement of an originator, beyond what its records' handling
 * says (domain.md, "Handling and access"): `SHARE` opens its records of the
 * listed TLP levels to an agency or the members of a group (never person
 * identities); `WITHHOLD` keeps all its records, and the fact that it holds
 * a matching serial, from one agency, whatever else would allow it.
 */
export const SharingAgreement = z.discriminatedUnion('effect', [
  z.object({
    id: AgencyId,
    effect: z.literal('SHARE'),
    originator: AgencyId,
    /** An agency id, or a group id that agencies belong to in the directory. */
    with: AgencyId,
    tlp: z.array(Tlp).min(1).max(5),
  }),
  z
    .object({
      id: AgencyId,
      effect: z.literal('WITHHOLD'),
      originator: AgencyId,
      /** An agency id, or a group id. */
      from: AgencyId,
    })
    .refine((a) => a.from !== a.originator, { message: 'an originator cannot withhold its records from itself', path: ['from'] }),
]);
export type SharingAgreement = z.infer<typeof SharingAgreement>;
