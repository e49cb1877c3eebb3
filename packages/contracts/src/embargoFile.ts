import { z } from 'zod';
import { CountryCode, IsoDate } from './primitives';

/** The embargo data file (shipped: packages/domain/data/un-arms-embargoes.json; an operator's: TB_EMBARGO_FILE). */
export const EmbargoFile = z.object({
  asOf: IsoDate,
  source: z.string().min(1),
  note: z.string().optional(),
  regimes: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        target: CountryCode.nullable(),
        name: z.string().min(1),
        scope: z.enum(['state', 'non-state', 'entities']),
        inForce: z.boolean(),
        screening: z.enum(['EMBARGO', 'EMBARGO_PARTIAL', 'NONE']),
        resolutions: z.array(z.string().regex(/^\d{3,4} \(\d{4}\)$/)).min(1),
        latest: z.string().min(1),
        terminated: z.string().nullable(),
        notes: z.string(),
        /** Every regime cites where it comes from. */
        sources: z.array(z.url()).min(1),
      }),
    )
    .min(1),
});
export type EmbargoFile = z.infer<typeof EmbargoFile>;
