import { ErrorCodes, IsoDateTime, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';
import type { RequestContext } from '@tracebridge/server';
import { z } from 'zod';
import type { DiversionViews } from './diversionViews';
import type { HubParts } from './resolvers';
import { dropNulls } from './args';

const DiversionArgs = z.object({
  filter: z
    .object({
      manufacturer: z.string().trim().min(1).max(120).optional(),
      from: IsoDateTime.optional(),
      to: IsoDateTime.optional(),
    })
    .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { message: 'must be later than from (the period is from ≤ seized < to)', path: ['to'] })
    .optional(),
  first: z.number().int().min(1, 'at least 1').max(100, 'at most 100').optional(),
});
type RawArgs = { filter?: Record<string, unknown> | null; first?: number | null };

/** `diversionClusters` arguments, checked at the edge: an inverted period or an unbounded page is refused with its path. */
export function parseDiversionArgs(args: RawArgs): z.infer<typeof DiversionArgs> {
  const parsed = DiversionArgs.safeParse(dropNulls({ filter: args.filter, first: args.first }));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid diversionClusters query', zodIssuesToPaths(parsed.error, []));
  return parsed.data;
}

const seizuresPage = (first: number | null | undefined) => Math.min(Math.max(first ?? 50, 1), 200);

/** Probable diverted lots, per viewer: the clusters of what the viewer may see, with its seizures read (and audited) only when asked for. */
export function diversionResolvers(h: HubParts, diversions: DiversionViews) {
  return {
    diversionClusters: (_r: unknown, rawArgs: RawArgs, ctx: RequestContext) => {
      const { filter, first } = parseDiversionArgs(rawArgs);
      const period = { from: filter?.from ? Date.parse(filter.from) : undefined, to: filter?.to ? Date.parse(filter.to) : undefined };
      return diversions.clusters(ctx.officer.agency, { manufacturer: filter?.manufacturer, ...period }, first ?? 20).map((c) => ({
        ...c,
        seizureCount: c.seizureSeqs.length,
        seizures: (args: { first?: number | null }) =>
          c.seizureSeqs.slice(0, seizuresPage(args.first)).flatMap((seq) => {
            const row = diversions.seizure(seq);
            return h.views.visible(row, ctx.officer) ? [h.views.toSeizure(row, ctx.officer, ctx)] : [];
          }),
      }));
    },
  };
}
