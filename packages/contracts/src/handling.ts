import { z } from 'zod';
import { AgencyId, CountryCode } from './primitives';

/**
 * Traffic Light Protocol 2.0. `AMBER_STRICT` is TLP:AMBER+STRICT spelled so it
 * can also be a GraphQL enum value.
 */
export const Tlp = z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
export type Tlp = z.infer<typeof Tlp>;

/** The TLP levels from the most open to `ceiling`, in order (TLP 2.0: CLEAR < GREEN < AMBER < AMBER+STRICT < RED). */
export const tlpLevelsUpTo = (ceiling: Tlp): Tlp[] => Tlp.options.slice(0, Tlp.options.indexOf(ceiling) + 1);

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
