import type { NatsConnection } from '@nats-io/transport-node';
import { verifyOfficerToken, type TrustRegistry } from '@tracebridge/identity';
import type { PersonIdentity } from './personVault';

/** Request/reply subjects between services; every request carries the caller's token, verified by the answering service. */
export const rpcSubjects = {
  serialCheck: 'tb.rpc.liaison.serial-check',
  persons: (agency: string) => `tb.rpc.${agency}.persons`,
  recordDisposition: (agency: string) => `tb.rpc.${agency}.record-disposition`,
} as const;

export interface HitDto {
  holder: { id: string; country: string; kind: string };
  recordId: string | null;
  recordKind: 'SEIZURE' | 'STOCKPILE_LOSS';
  manufacturer: string;
  serialNumber: string;
}

/**
 * Ask the liaison hub to match a report's serials (as the reporting officer,
 * under policy; the holders are notified). Undefined when the hub does not
 * answer in time: the report is already durable and the officer can run
 * serialCheck later.
 */
export async function requestSerialCheck(
  nc: NatsConnection,
  token: string,
  items: readonly { manufacturer?: string; serial?: { normalised: string | null } }[],
  excludeRecordId: string,
): Promise<HitDto[] | undefined> {
  const queries = items.filter((i) => i.manufacturer && i.serial?.normalised).map((i) => ({ manufacturer: i.manufacturer!, serialNormalised: i.serial!.normalised! }));
  if (queries.length === 0) return [];
  try {
    const reply = await nc.request(rpcSubjects.serialCheck, JSON.stringify({ token, queries, excludeRecordId }), { timeout: 3000 });
    const body = reply.json<{ hits?: HitDto[]; error?: string }>();
    return body.hits;
  } catch {
    return undefined;
  }
}

/**
 * Answer the hub's requests for person identities of this agency's seizures:
 * only to an officer of this agency (the token is verified here, not trusted
 * from the hub), never stored by the hub.
 */
export function servePersonIdentities(nc: NatsConnection, agency: string, registry: () => TrustRegistry, lookup: (seizureId: string) => PersonIdentity[]): { unsubscribe: () => void } {
  const sub = nc.subscribe(rpcSubjects.persons(agency), {
    queue: `persons-${agency}`,
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        try {
          const req = msg.json<{ token?: unknown; seizureId?: unknown }>();
          if (typeof req.token !== 'string' || typeof req.seizureId !== 'string') {
            msg.respond(JSON.stringify({ error: 'bad request' }));
            return;
          }
          const officer = await verifyOfficerToken(req.token, registry());
          msg.respond(JSON.stringify({ persons: officer.agency === agency ? lookup(req.seizureId) : null }));
        } catch {
          msg.respond(JSON.stringify({ persons: null }));
        }
      })();
    },
  });
  return { unsubscribe: () => sub.unsubscribe() };
}
