import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { RouteCommandBody, rpcSubjects } from '@tracebridge/contracts';
import { routeDecider, type ObserveRoute } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import { expectOfficerOf, parseBody, type SharedActor } from './cases';
import { handleCommand } from './commandHandler';

/**
 * Record an analyst's route observation (issue 9) as the agency's own
 * record, on its own `route-<id>` stream, decided by the route decider from
 * that stream alone: recorded once under its id, so a retry changes nothing.
 */
export async function decideRouteAct(agency: SharedActor, officer: Officer, rawBody: unknown, now: string): Promise<string[]> {
  expectOfficerOf(agency, officer, 'OBSERVE_ROUTES', 'route observations are recorded by analysts');
  const { command } = parseBody(RouteCommandBody, rawBody, 'invalid route observation', []);
  const full: ObserveRoute = { type: 'ObserveRoute', data: command.data, metadata: { now, actor: { agency: agency.id, state: agency.state } } };
  const signed = await handleCommand(agency.store, routeDecider, `route-${command.data.routeId}`, full, { signingKey: agency.eventKey, recordedAt: now });
  return signed.map((e) => e.id);
}

/** Answer the hub's route commands for this agency's analysts: only the hub may ask. */
export function serveRouteCommands(rpc: ServiceRpc, agency: SharedActor, clock: () => Date): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.routeCommand(agency.id),
    queue: `routes-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req) => ({ ok: { eventIds: await decideRouteAct(agency, req.viewer!, req.body, clock().toISOString()) } }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
