import { CountryCode, ErrorCodes, IsoDateTime, ValidationError, WeaponCategory, zodIssuesToPaths } from '@tracebridge/contracts';
import { z } from 'zod';
import { dropNulls } from './args';

const HOUR_MS = 3600_000;
const YEAR_MS = 365 * 24 * HOUR_MS;
const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a cursor this service gave out')
  .optional();

const RoutesArgs = z.object({
  filter: z
    .object({
      from: IsoDateTime.optional(),
      to: IsoDateTime.optional(),
      country: CountryCode.optional(),
      category: WeaponCategory.optional(),
      manufacturer: z.string().trim().min(1).max(120).optional(),
    })
    .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { message: 'from must be before to', path: ['to'] })
    .default({}),
  first: z.number().int().min(1).max(100).default(20),
  after: cursor,
});

/** A routes query, checked: the period (default: the year up to now), filters, page. */
export interface RoutesQuery {
  /** ISO instants (UTC, milliseconds), [from, to). */
  from: string;
  to: string;
  country?: string;
  category?: string;
  manufacturer?: string;
  first: number;
  after?: string;
}

/** Check `routes` arguments at the edge: unknown countries, categories, inverted periods → BAD_USER_INPUT with the path. */
export function parseRoutesArgs(args: { filter?: Record<string, unknown> | null; first?: number | null; after?: string | null }, now: Date): RoutesQuery {
  const parsed = RoutesArgs.safeParse(dropNulls(args));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid routes query', zodIssuesToPaths(parsed.error, []));
  const { filter, first, after } = parsed.data;
  // Without `to`, the period ends at the next full hour: pages asked within the hour rank the same corridors (offset cursors).
  const to = filter.to ? new Date(filter.to) : new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = filter.from ? new Date(filter.from) : new Date(to.getTime() - YEAR_MS);
  if (!(from < to)) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid routes query', [{ path: ['filter', 'from'], message: 'from must be before to' }]);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...(filter.country ? { country: filter.country } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.manufacturer ? { manufacturer: filter.manufacturer } : {}),
    first,
    ...(after ? { after } : {}),
  };
}

const ObserveRouteInput = z.object({
  legs: z
    .array(CountryCode)
    .min(2)
    .max(22)
    .superRefine((legs, ctx) => {
      legs.forEach((c, i) => {
        if (i > 0 && c === legs[i - 1]) ctx.addIssue({ code: 'custom', message: 'a leg goes from a state to another state, not to itself', path: [i] });
      });
    }),
  modeOfTransport: z.enum(['ROAD', 'SEA', 'AIR', 'RAIL', 'MIXED', 'OTHER']).optional(),
  confidence: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  sources: z.string().trim().min(1).max(1000).optional(),
  seizureIds: z.array(z.uuid()).max(1000).optional(),
  handling: z.record(z.string(), z.unknown()),
});
export type ObserveRouteInput = z.infer<typeof ObserveRouteInput>;

/** Check an `observeRoute` input at the edge (the agency service checks it again, with the route decider). */
export function parseObserveRouteInput(input: unknown): ObserveRouteInput {
  const parsed = ObserveRouteInput.safeParse(dropNulls(input));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid route observation', zodIssuesToPaths(parsed.error, ['input']));
  return parsed.data;
}
