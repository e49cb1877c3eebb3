import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { deadLetterSubject, rpcSubjects } from '@tracebridge/contracts';
import { EVENTS_STREAM } from './streams';

/**
 * Who may do what on the bus. Each service connects as its own nkey user;
 * nats-server refuses anonymous connections once any user is configured, and
 * checks every publish and subscribe against these lists.
 */
export type AgencyIdentityName = 'customs' | 'police' | 'border' | 'regional' | 'licensing';
export type NatsIdentityName = 'operator' | 'liaison' | AgencyIdentityName;

/** Every agency service's identity: one per agency kind (ADR 6); `regional` serves the LIAISON agencies, `licensing` the LICENSING ones. */
export const AGENCY_IDENTITIES = ['customs', 'police', 'border', 'regional', 'licensing'] as const satisfies readonly AgencyIdentityName[];

/** What an agency service does over RPC, for each agency it hosts (`tb.rpc.<agency>.<answer>`), and what it asks. */
export interface AgencyRpcs {
  /** RPCs it answers for its hosted agencies, asked by the hub only. */
  answers: readonly string[];
  /** Subjects it asks on. */
  asks: readonly string[];
}

/** Acts on shared records (cases, ADR 9; traces, ADR 10), sharing agreements (ADR 11) and route observations (issue 9), which every agency's service decides and signs for it; and the hub's gap repair of every agency's relay (issue 10). */
const SHARED_ACTS = ['case-command', 'trace-command', 'agreement-command', 'route-command', 'republish'] as const;
const REPORTING_RPCS: AgencyRpcs = { answers: ['persons', 'record-disposition', 'person-links', ...SHARED_ACTS], asks: [rpcSubjects.serialCheck] };

/**
 * The services that report seizures answer for their persons and
 * dispositions and ask the hub for serial checks; the regional service
 * reports no seizures, so none of that. Every agency service decides and
 * signs its agencies' acts on cases and traces; the licensing service also
 * its authorities' broker registry acts (ADR 12).
 */
export const AGENCY_RPCS: Readonly<Record<AgencyIdentityName, AgencyRpcs>> = {
  customs: REPORTING_RPCS,
  police: REPORTING_RPCS,
  border: REPORTING_RPCS,
  regional: { answers: [...SHARED_ACTS], asks: [] },
  licensing: { answers: [...SHARED_ACTS, 'broker-command'], asks: [] },
};

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** Lets a service answer requests it received, on whatever reply subject they name, without wider publish rights. */
  allowResponses: boolean;
}

export interface NatsIdentity {
  name: NatsIdentityName;
  inboxPrefix: string;
  permissions: NatsPermissions;
}

/** The liaison hub's durable consumer on the event stream. */
export const LIAISON_DURABLE = 'liaison';
/** The relay inside every agency service checkpoints and dead-letters under this name. */
export const AGENCY_RELAY_NAME = 'relay';

/**
 * Replies (request/reply, JetStream API answers, publish acks and pull-consumer
 * deliveries all use `nc.options.inboxPrefix` in nats.js v3) go to a prefix
 * only its owner may subscribe to, so no other service can read them.
 */
export const natsInboxPrefix = (name: NatsIdentityName): string => `_INBOX_${name}`;

/**
 * The hub reaches the JetStream API of the operator's account under its own
 * prefix: every account without JetStream has the server answer `$JS.API.>`
 * with "not enabled", so the import is mapped to this prefix instead
 * (nats.js `apiPrefix`).
 */
export const HUB_JS_API_PREFIX = 'tbjs.API';

const liaisonPermissions = (): NatsPermissions => {
  const api = `${HUB_JS_API_PREFIX}.CONSUMER`;
  return {
    publish: [
      // Create/update go to CREATE.<stream>.<durable>[.<filter>] on 2.9 (DURABLE.CREATE on older servers).
      `${api}.CREATE.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      `${api}.CREATE.${EVENTS_STREAM}.${LIAISON_DURABLE}.>`,
      `${api}.DURABLE.CREATE.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      `${api}.INFO.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      // The read model keeps the consumer's position (issue 10): a durable ahead of it is deleted and made again, against the stream's state.
      `${api}.DELETE.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      `${HUB_JS_API_PREFIX}.STREAM.INFO.${EVENTS_STREAM}`,
      `${api}.MSG.NEXT.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      `$JS.ACK.${EVENTS_STREAM}.${LIAISON_DURABLE}.>`,
      deadLetterSubject(LIAISON_DURABLE),
      'tb.rpc.*.persons',
      'tb.rpc.*.record-disposition',
      'tb.rpc.*.case-command',
      'tb.rpc.*.trace-command',
      'tb.rpc.*.agreement-command',
      'tb.rpc.*.broker-command',
      'tb.rpc.*.route-command',
      'tb.rpc.*.person-links',
      'tb.rpc.*.republish',
    ],
    subscribe: ['tb.rpc.liaison.serial-check', `${natsInboxPrefix('liaison')}.>`],
    allowResponses: true,
  };
};

const agencyPermissions = (name: AgencyIdentityName, hosted: readonly string[]): NatsPermissions => {
  const rpcs = AGENCY_RPCS[name];
  return {
    publish: [
      ...hosted.map((a) => `tb.v1.${a}.>`),
      // A stored record the relay cannot publish is quarantined here rather than stalling it.
      deadLetterSubject(AGENCY_RELAY_NAME),
      ...rpcs.asks,
    ],
    subscribe: [...hosted.flatMap((a) => rpcs.answers.map((rpc) => `tb.rpc.${a}.${rpc}`)), `${natsInboxPrefix(name)}.>`],
    // Only a service that answers requests may publish to the reply subjects they name.
    allowResponses: rpcs.answers.length > 0,
  };
};

/** Every identity of the local network; `hosted` names the agencies each agency service records. */
export function natsIdentities(hosted: Record<AgencyIdentityName, readonly string[]>): NatsIdentity[] {
  const agencies = AGENCY_IDENTITIES.map((name) => ({
    name,
    inboxPrefix: natsInboxPrefix(name),
    permissions: agencyPermissions(name, hosted[name]),
  }));
  return [
    { name: 'operator', inboxPrefix: natsInboxPrefix('operator'), permissions: { publish: ['>'], subscribe: ['>'], allowResponses: false } },
    { name: 'liaison', inboxPrefix: natsInboxPrefix('liaison'), permissions: liaisonPermissions() },
    ...agencies,
  ];
}

export interface NatsCredential {
  name: NatsIdentityName;
  seedFile: string;
  publicKey: string;
}

/**
 * The nkey seed of each identity, created on first use and kept (dir 0700,
 * files 0600) so later starts reuse it. Only public keys go into nats.conf.
 */
export function loadOrCreateNatsCredentials(dir: string, names: readonly NatsIdentityName[]): NatsCredential[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return names.map((name) => {
    const seedFile = join(dir, `${name}.nk`);
    if (!existsSync(seedFile)) {
      const kp = createUser();
      // 'wx': never overwrite a seed another launcher wrote meanwhile.
      writeFileSync(seedFile, new TextDecoder().decode(kp.getSeed()), { mode: 0o600, flag: 'wx' });
    }
    chmodSync(seedFile, 0o600);
    return { name, seedFile, publicKey: fromSeed(readSeed(seedFile)).getPublicKey() };
  });
}

/** The seed bytes nats.js's nkeyAuthenticator expects (the encoded `SU…` string). */
export function readSeed(seedFile: string): Uint8Array {
  return new TextEncoder().encode(readFileSync(seedFile, 'utf8').trim());
}
