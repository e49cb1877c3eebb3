import { requestService, type ServiceRpc } from '@tracebridge/bus';
import { CaseCommandReply, DispositionReply, ErrorCodes, PersonsReply, rpcSubjects, TracebridgeError, type CaseCommandRequest, type PersonIdentity } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';

/** Ask an agency's service for the person identities of one of its seizures, for one viewer; null when withheld or unavailable. */
export async function requestPersonIdentities(rpc: ServiceRpc, viewer: Officer, originator: string, seizureId: string): Promise<PersonIdentity[] | null> {
  const host = rpc.registry().serviceHosting(originator);
  if (!host) return null;
  try {
    const body = await requestService(rpc.nc, rpc.me, rpc.registry, { subject: rpcSubjects.persons(originator), to: host.id, viewer, body: { seizureId }, encrypted: true });
    return PersonsReply.parse(body).persons;
  } catch (err) {
    rpc.logger?.warn({ code: (err as { code?: string }).code, originator }, 'person identities unavailable');
    return null;
  }
}

/** Ask the originating agency's service to record a disposition for the viewer (who must be its officer). */
export async function requestDisposition(rpc: ServiceRpc, viewer: Officer, originator: string, input: unknown): Promise<DispositionReply> {
  const host = rpc.registry().serviceHosting(originator);
  if (!host) throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no service records this agency');
  return DispositionReply.parse(
    await requestService(rpc.nc, rpc.me, rpc.registry, { subject: rpcSubjects.recordDisposition(originator), to: host.id, viewer, body: { input }, timeoutMs: 5000 }),
  );
}

/** Ask the officer's own agency service to decide, sign and append a case act (ADR 9). */
export async function requestCaseCommand(rpc: ServiceRpc, viewer: Officer, request: CaseCommandRequest): Promise<CaseCommandReply> {
  const host = rpc.registry().serviceHosting(viewer.agency);
  if (!host) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'no service records for your agency');
  try {
    return CaseCommandReply.parse(
      await requestService(rpc.nc, rpc.me, rpc.registry, { subject: rpcSubjects.caseCommand(viewer.agency), to: host.id, viewer, body: request, timeoutMs: 5000 }),
    );
  } catch (err) {
    throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'your agency service did not answer; nothing was recorded that you cannot see when you retry', { cause: err });
  }
}
