import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { rpcSubjects, traceStreamId, TraceCommandRequest } from '@tracebridge/contracts';
import { traceDecider, type TraceCommand, type TraceDeadlines } from '@tracebridge/domain';
import type { Officer, TrustRegistry, VerifiedRequest } from '@tracebridge/identity';
import { expectOfficerOf, parseBody, signAndAppend, type SharedActor } from './cases';

/**
 * Decide one tracing act (ADR 10) of this agency on the trace as the hub
 * sent it: an officer's request, acknowledgement, answer or decline, or an
 * escalation the hub asks for when a deadline has passed (no officer). The
 * deadlines are this service's configuration, which the hub checks again.
 */
export async function decideTraceAct(agency: SharedActor, req: { viewer?: Officer | undefined; body: unknown }, deadlines: TraceDeadlines, now: string): Promise<string[]> {
  const { command, state } = parseBody(TraceCommandRequest, req.body, 'invalid tracing command', []);
  // An escalation is the hub's own request for the requesting agency: the deadline passed, no officer asks.
  if (command.type !== 'EscalateTrace') expectOfficerOf(agency, req.viewer, 'TRACE', 'tracing needs a reporting, analyst or liaison officer role');
  const data = command.type === 'RequestTrace' ? { ...command.data, deadlines } : command.data;
  const full = { type: command.type, data, metadata: { now, actor: { agency: agency.id, state: agency.state } } } as TraceCommand;
  return signAndAppend(agency, traceStreamId(command.data.traceId), traceDecider.decide(full, state), now);
}

/** Only the hub asks; an escalation is the one command it sends for no officer. */
function fromHub(req: VerifiedRequest, registry: TrustRegistry): void {
  const escalation = (req.body as { command?: { type?: unknown } } | null)?.command?.type === 'EscalateTrace';
  if (escalation && !req.viewer && registry.service(req.from)?.kind === 'HUB') return;
  rpcRules.fromHub(req, registry);
}

export function serveTraceCommands(rpc: ServiceRpc, agency: SharedActor, deadlines: TraceDeadlines, clock: () => Date): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.traceCommand(agency.id),
    queue: `traces-${agency.id}`,
    authorise: fromHub,
    handle: async (req) => ({ ok: { eventIds: await decideTraceAct(agency, req, deadlines, clock().toISOString()) } }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
