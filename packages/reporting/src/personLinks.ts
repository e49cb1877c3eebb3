import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { PersonLinksRequest, rpcSubjects } from '@tracebridge/contracts';
import type { HostedAgency } from './agencyService';
import { servedIdentities } from './personVault';

/** At most this many linked seizures in one answer. */
const MAX_LINKED = 200;

/** The keyed hashes of the document numbers of a seizure's persons, as its stored report names them. */
async function documentKeysOf(agency: HostedAgency, seizureId: string): Promise<Set<string>> {
  const served = await servedIdentities(agency, seizureId);
  const numbers = (served?.persons ?? []).flatMap((p) => (p.documentNumber ? [p.documentNumber] : []));
  const keys = await Promise.all(numbers.map((n) => agency.keyedIds.documentKey(n)));
  return new Set(keys.filter((k): k is string => k !== null));
}

/**
 * PERSON links (issue 9), matched here where the identities live: the
 * agency's other seizures whose stored reports name a person with the same
 * identity document, found through the vault's keyed hashes of document
 * numbers. The answer is seizure ids only, never who; the hub shows a link
 * only between seizures the viewer may see.
 */
export async function personLinksOf(agency: HostedAgency, seizureId: string): Promise<string[]> {
  const keys = await documentKeysOf(agency, seizureId);
  if (keys.size === 0) return [];
  const candidates = (await agency.vault.seizuresSharingDocuments([...keys])).filter((id) => id !== seizureId);
  const linked: string[] = [];
  for (const id of candidates) {
    if (linked.length >= MAX_LINKED) break;
    // Only persons a stored report names count (vault rows of a failed append are never served, nor linked).
    const theirs = await documentKeysOf(agency, id);
    if ([...theirs].some((k) => keys.has(k))) linked.push(id);
  }
  return linked;
}

/** Answer the hub's PERSON link requests for this agency's seizures: only the hub may ask. */
export function servePersonLinks(rpc: ServiceRpc, agency: HostedAgency): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.personLinks(agency.id),
    queue: `person-links-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req) => ({ seizureIds: await personLinksOf(agency, PersonLinksRequest.parse(req.body).seizureId) }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
