import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { ErrorCodes, mayPerform, rpcSubjects, traceStreamId, TraceCommandRequest, TracebridgeError, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';
import { traceDecider, type TraceCommand, type TraceDeadlines } from '@tracebridge/domain';
import type { Officer, TrustRegistry, VerifiedRequest } from '@tracebridge/identity';
import { signAndAppend, type SharedActor } from './cases';

/**
 * Decide one tracing act (ADR 10) of this agency on the trace as the hub
 * sent it: an officer's request, acknowledgement, answer or decline, or an
 * escalation the hub asks for when a deadline has passed (no officer). The
 * deadlines are this service's configuration, which the hub checks again.
 */
export async function decideTraceAct(agency: SharedActor, req: { viewer?: Officer | undefined; body: unknown }, deadlines: TraceDeadlines, now: string): Promise<string[]> {
  const parsed = TraceCommandRequest.safeParse(req.body);
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid tracing command', zodIssuesToPaths(parsed.error, []));
  const { command, state } = parsed.data;
  if (command.type !== 'EscalateTrace') {
    const officer = req.viewer;
    if (!officer || officer.agency !== agency.id) throw new TracebridgeError(ErrorCodes.SERVICE_NOT_ALLOWED, `only an officer of ${agency.id} acts for it`);
    if (!mayPerform(officer.roles, 'TRACE')) throw new TracebridgeError(ErrorCodes.ROLE_REQUIRED, 'tracing needs a reporting, analyst or liaison officer role');
  }
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
