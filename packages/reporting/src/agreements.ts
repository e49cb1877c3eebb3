import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { AgreementCommandBody, agreementStreamId, decodeEvent, rpcSubjects, type DirectoryAgreement } from '@tracebridge/contracts';
import { replay, sharingAgreementDecider, type SharingAgreementCommand, type SharingAgreementEvent } from '@tracebridge/domain';
import { recordedToEnvelope, type EventStore } from '@tracebridge/eventstore';
import type { Officer, SigningKey } from '@tracebridge/identity';
import { expectOfficerOf, parseBody } from './cases';
import { handleCommand } from './commandHandler';

interface AgreementOwner {
  id: string;
  state: string;
  eventKey: SigningKey;
  store: EventStore;
}

/**
 * Create or revoke one of the agency's sharing agreements (ADR 11): the
 * agreement is the agency's own record, on its own stream, decided by the
 * agreement decider from that stream alone. Only its administrators may.
 */
export async function decideAgreementAct(agency: AgreementOwner, officer: Officer, rawBody: unknown, now: string): Promise<string[]> {
  expectOfficerOf(agency, officer, 'MANAGE_AGREEMENTS', 'sharing agreements are made by agency administrators');
  const body = parseBody(AgreementCommandBody, (rawBody as { command?: unknown } | null)?.command, 'invalid agreement command', ['input']);
  const data = body.type === 'CreateSharingAgreement' ? { ...body.data, originator: agency.id } : body.data;
  const command = { type: body.type, data, metadata: { now, actor: { agency: agency.id, state: agency.state } } } as SharingAgreementCommand;
  const signed = await handleCommand(agency.store, sharingAgreementDecider, agreementStreamId(body.data.agreementId), command, { signingKey: agency.eventKey, recordedAt: now });
  return signed.map((e) => e.id);
}

/** The agency's own agreements by id, read from its own store (those it does not hold are left out). */
export async function ownAgreements(store: EventStore, ids: readonly string[]): Promise<DirectoryAgreement[]> {
  const found = await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const events = (await store.readStream(agreementStreamId(id))).map((r) => {
        const e = decodeEvent(recordedToEnvelope(r));
        return { type: e.type, data: e.data, occurredAt: e.occurredAt, handling: e.handling, originator: e.originator } as SharingAgreementEvent;
      });
      return replay(sharingAgreementDecider, events).agreement;
    }),
  );
  return found.filter((a): a is DirectoryAgreement => a !== null);
}

export function serveAgreementCommands(rpc: ServiceRpc, agency: AgreementOwner, clock: () => Date): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.agreementCommand(agency.id),
    queue: `agreements-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req) => ({ ok: { eventIds: await decideAgreementAct(agency, req.viewer!, req.body, clock().toISOString()) } }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
