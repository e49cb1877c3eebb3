import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { BrokerCommandRequest, brokerStreamId, rpcSubjects, type CaseCommandReply } from '@tracebridge/contracts';
import { brokerDecider, type BrokerCommand } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import { expectOfficerOf, parseBody, type SharedActor } from './cases';
import { handleCommand } from './commandHandler';

/**
 * Decide one broker registry act of this licensing authority's officer
 * (ADR 12): the broker is the authority's own record, on its own
 * `broker-<id>` stream, so the decider reads that stream alone (no state
 * comes from the hub); the events are signed with the authority's key and
 * appended with the stream's expected revision. Only its licensing officers may.
 */
export async function decideBrokerAct(agency: SharedActor, officer: Officer | undefined, rawBody: unknown, now: string): Promise<string[]> {
  expectOfficerOf(agency, officer, 'MANAGE_BROKERS', 'the broker register is kept by licensing officers');
  const { command: body } = parseBody(BrokerCommandRequest, rawBody, 'invalid broker command', []);
  const command = { type: body.type, data: body.data, metadata: { now, actor: { agency: agency.id, state: agency.state } } } as BrokerCommand;
  const signed = await handleCommand(agency.store, brokerDecider, brokerStreamId(body.data.brokerId), command, { signingKey: agency.eventKey, recordedAt: now });
  return signed.map((e) => e.id);
}

/** Answer the hub's broker commands for this authority's officers: only the hub may ask. */
export function serveBrokerCommands(rpc: ServiceRpc, agency: SharedActor, clock: () => Date): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.brokerCommand(agency.id),
    queue: `brokers-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req): Promise<CaseCommandReply> => ({ ok: { eventIds: await decideBrokerAct(agency, req.viewer, req.body, clock().toISOString()) } }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
