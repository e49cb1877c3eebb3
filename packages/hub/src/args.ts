import { CountryCode, ErrorCodes, IsoDateTime, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** `seizures` arguments, checked at the edge: the filter goes into SQL parameters and the cursor into a number. */
const SeizuresArgs = z.object({
  filter: z
    .object({
      country: CountryCode.optional(),
      originator: text(64).optional(),
      from: IsoDateTime.optional(),
      to: IsoDateTime.optional(),
      manufacturer: text(120).optional(),
      category: text(60).optional(),
    })
    .optional(),
  first: z.number().int().optional(),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a cursor this service gave out')
    .optional(),
});
export type SeizuresArgs = z.infer<typeof SeizuresArgs>;

/** GraphQL's nulls for absent arguments and input fields taken as absent, in nested objects too (arrays are left as they are), so zod's optionals and defaults apply. */
export const dropNulls = <T>(o: T): T =>
  (o && typeof o === 'object' && !Array.isArray(o)
    ? Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, dropNulls(v)]])))
    : o) as T;

export function parseSeizuresArgs(args: { filter?: Record<string, unknown> | null; first?: number | null; after?: string | null }): SeizuresArgs {
  const parsed = SeizuresArgs.safeParse(dropNulls(args));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid seizures query', zodIssuesToPaths(parsed.error, []));
  return parsed.data;
}
