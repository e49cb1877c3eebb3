import { randomUUID } from 'node:crypto';
import { ErrorCodes, rpcSubjects, TracebridgeError } from '@tracebridge/contracts';
import { routeKey } from '@tracebridge/domain';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { actThrough } from './acts';
import type { LinkViews } from './linkViews';
import { parseObserveRouteInput, parseRoutesArgs } from './routeArgs';
import type { HubParts } from './resolvers';
import type { RouteView, RouteViews } from './routeViews';

type RoutesArgs = Parameters<typeof parseRoutesArgs>[0];

/** Corridors, links and route observations (issue 9): every answer from the records the viewer may see. */
export function analysisResolvers(h: HubParts, views: { routes: RouteViews; links: LinkViews }, clock: () => Date) {
  const rankedPage = (args: RoutesArgs, ctx: RequestContext, list: string) => {
    const q = parseRoutesArgs(args, clock());
    const ranked = views.routes.rank(ctx.officer.agency, q);
    const start = q.after ? h.cursors.open(list, q.after) : 0;
    const nodes = ranked.slice(start, start + q.first);
    const end = start + nodes.length;
    return { nodes, totalCount: ranked.length, pageInfo: { endCursor: h.cursors.seal(list, nodes.length ? end : null), hasNextPage: end < ranked.length } };
  };
  const audited = <P extends { nodes: RouteView[] }>(page: P, ctx: RequestContext, kind: 'VIEW' | 'EXPORT'): P => {
    for (const r of page.nodes) for (const o of r.originators) h.audit.note(ctx, `route:${r.id}`, o, ctx.officer, kind);
    return page;
  };
  return {
    Query: {
      // Figures drawn from records are reads of them: each originator whose records a corridor shown counts is told who saw it
      // (VIEW), or who took it out of the network (EXPORT: QGIS, i2), as `route:<id>`.
      routes: (_r: unknown, args: RoutesArgs, ctx: RequestContext) => audited(rankedPage(args, ctx, 'routes'), ctx, 'VIEW'),
      exportRoutes: (_r: unknown, args: RoutesArgs, ctx: RequestContext) => {
        requireRole(ctx.officer, 'CHECK_SERIALS');
        return audited(rankedPage(args, ctx, 'exportRoutes'), ctx, 'EXPORT');
      },
      links: async (_r: unknown, args: { seizureId: string }, ctx: RequestContext) => {
        const found = await views.links.linksOf(String(args.seizureId).slice(0, 100), ctx.officer);
        return found.map((l) => ({ kind: l.kind, value: l.value, seizure: { __typename: 'Seizure', ...h.views.toSeizure(l.row, ctx.officer, ctx) } }));
      },
    },
    Mutation: {
      observeRoute: async (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
        requireRole(ctx.officer, 'OBSERVE_ROUTES');
        const { handling, ...input } = parseObserveRouteInput(args.input);
        const routeId = randomUUID();
        const data = { routeId, ...input, seizureIds: input.seizureIds ?? [], handling };
        const arrived = await actThrough(h, {
          subject: rpcSubjects.routeCommand(ctx.officer.agency),
          agency: ctx.officer.agency,
          viewer: ctx.officer,
          body: { command: { type: 'ObserveRoute', data } },
        });
        if (!arrived) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'your agency recorded the observation; the views have not taken it up yet');
        return {
          id: routeId,
          routeId: routeKey(input.legs),
          legs: input.legs,
          confidence: input.confidence,
          modeOfTransport: input.modeOfTransport ?? null,
          observer: h.directory.agencyDto(ctx.officer.agency),
        };
      },
    },
  };
}
