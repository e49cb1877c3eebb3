import { requestService, type ServiceRpc } from '@tracebridge/bus';
import { CaseCommandReply, DispositionReply, ErrorCodes, PersonLinksReply, PersonsReply, rpcSubjects, TracebridgeError, type PersonIdentity } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';

/** Ask an agency's service for the person identities of one of its seizures, for one viewer; null when withheld or unavailable. */
export async function requestPersonIdentities(
  rpc: ServiceRpc,
  viewer: Officer,
  originator: string,
  seizureId: string,
  agreementIds: string[] = [],
): Promise<PersonIdentity[] | null> {
  const host = rpc.registry().serviceHosting(originator);
  if (!host) return null;
  try {
    const body = await requestService(rpc.nc, rpc.me, rpc.registry, {
      subject: rpcSubjects.persons(originator),
      to: host.id,
      viewer,
      body: { seizureId, agreementIds },
      encrypted: true,
    });
    return PersonsReply.parse(body).persons;
  } catch (err) {
    rpc.logger?.warn({ code: (err as { code?: string }).code, originator }, 'person identities unavailable');
    return null;
  }
}

/**
 * Ask an agency's service which of its seizures share a person with one of
 * them (it matches keyed hashes of document numbers; names never reach the
 * hub). Empty when the service does not answer: links are best effort.
 */
export async function requestPersonLinks(rpc: ServiceRpc, viewer: Officer, originator: string, seizureId: string): Promise<string[]> {
  const host = rpc.registry().serviceHosting(originator);
  if (!host) return [];
  try {
    const body = await requestService(rpc.nc, rpc.me, rpc.registry, { subject: rpcSubjects.personLinks(originator), to: host.id, viewer, body: { seizureId }, timeoutMs: 3000 });
    return PersonLinksReply.parse(body).seizureIds;
  } catch (err) {
    rpc.logger?.warn({ code: (err as { code?: string }).code, originator }, 'person links unavailable');
    return [];
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

/**
 * Ask an agency's own service to decide, sign and append an act on a shared
 * record (a case, ADR 9; a trace, ADR 10), for its officer or (an
 * escalation) for no one. Unanswered: SERVICE_UNAVAILABLE, safe to retry.
 */
export async function requestAct(rpc: ServiceRpc, subject: string, agency: string, viewer: Officer | undefined, body: unknown): Promise<CaseCommandReply> {
  const host = rpc.registry().serviceHosting(agency);
  if (!host) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, `no service records for ${agency}`);
  try {
    return CaseCommandReply.parse(await requestService(rpc.nc, rpc.me, rpc.registry, { subject, to: host.id, ...(viewer ? { viewer } : {}), body, timeoutMs: 5000 }));
  } catch (err) {
    throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, `the service of ${agency} did not answer; try again`, { cause: err });
  }
}
