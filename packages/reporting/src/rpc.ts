import type { NatsConnection } from '@nats-io/transport-node';
import { requestService, rpcRules, serveRequests, type Logger } from '@tracebridge/bus';
import { mayPerform } from '@tracebridge/contracts';
import type { Officer, ServiceKeys, TrustRegistry } from '@tracebridge/identity';
import { z } from 'zod';
import type { PersonIdentity } from './personVault';

/**
 * Request/reply subjects between services. No bearer token travels on
 * them: requests are signed by the asking service for a viewer it
 * verified, replies by the answering service (packages/bus serviceRpc).
 */
export const rpcSubjects = {
  serialCheck: 'tb.rpc.liaison.serial-check',
  persons: (agency: string) => `tb.rpc.${agency}.persons`,
  recordDisposition: (agency: string) => `tb.rpc.${agency}.record-disposition`,
} as const;

export const HUB_SERVICE = 'liaison';

export const HitDto = z.object({
  holder: z.object({ id: z.string(), country: z.string(), kind: z.string() }),
  recordId: z.string().nullable(),
  recordKind: z.enum(['SEIZURE', 'STOCKPILE_LOSS']),
  manufacturer: z.string(),
  serialNumber: z.string(),
});
export type HitDto = z.infer<typeof HitDto>;

/** What an agency service asks the hub when its officer reports: match these serials, and expect this new record. */
export const SerialCheckRequest = z.object({
  queries: z.array(z.object({ manufacturer: z.string().min(1).max(120), serialNormalised: z.string().min(1).max(64) })).max(1000),
  /** The record just reported: it is not its own hit, and its reporter may wait for it to reach the hub (read-your-writes). */
  reportedRecordId: z.string().max(100).default(''),
});
export type SerialCheckRequest = z.infer<typeof SerialCheckRequest>;
const SerialCheckReply = z.object({ hits: z.array(HitDto) });

const PersonsRequest = z.object({ seizureId: z.string().min(1).max(100) });
const PersonsReply = z.object({
  persons: z
    .array(
      z.object({ personRef: z.string(), seizureId: z.string(), role: z.string(), name: z.string(), nationality: z.string().optional(), documentNumber: z.string().optional() }),
    )
    .nullable(),
});

export interface RpcIdentity {
  nc: NatsConnection;
  me: ServiceKeys;
  registry: () => TrustRegistry;
  logger?: Logger;
}

/**
 * Ask the liaison hub to match a report's serials (as the reporting
 * officer, under policy; the holders are notified). Undefined when the hub
 * does not answer in time or its answer does not verify: the report is
 * already durable and the officer can run serialCheck later.
 */
export async function requestSerialCheck(
  rpc: RpcIdentity,
  viewer: Officer,
  items: readonly { manufacturer?: string; serial?: { normalised: string | null } }[],
  reportedRecordId: string,
): Promise<HitDto[] | undefined> {
  const queries = items.filter((i) => i.manufacturer && i.serial?.normalised).map((i) => ({ manufacturer: i.manufacturer!, serialNormalised: i.serial!.normalised! }));
  try {
    const body = await requestService(rpc.nc, rpc.me, rpc.registry, {
      subject: rpcSubjects.serialCheck,
      to: HUB_SERVICE,
      viewer,
      body: { queries, reportedRecordId } satisfies SerialCheckRequest,
    });
    return SerialCheckReply.parse(body).hits;
  } catch (err) {
    rpc.logger?.warn({ code: (err as { code?: string }).code }, 'serial check by the hub unavailable');
    return undefined;
  }
}

/** The hub asks an agency's service for the person identities of one of its seizures, for one viewer; null when withheld or unavailable. */
export async function requestPersonIdentities(rpc: RpcIdentity, viewer: Officer, originator: string, seizureId: string): Promise<PersonIdentity[] | null> {
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

/**
 * Answer the hub's requests for person identities of this agency's
 * seizures: only the hub may ask, only for an officer of this agency whose
 * roles allow it; the reply is encrypted to the hub, which stores nothing.
 */
export function servePersonIdentities(rpc: RpcIdentity, agency: string, lookup: (seizureId: string) => PersonIdentity[]): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.persons(agency),
    queue: `persons-${agency}`,
    encrypt: true,
    authorise: rpcRules.fromHub,
    handle: (req) => {
      const { seizureId } = PersonsRequest.parse(req.body);
      const entitled = req.viewer?.agency === agency && mayPerform(req.viewer.roles, 'SEE_PERSON_IDENTITIES');
      return { persons: entitled ? lookup(seizureId) : null };
    },
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
