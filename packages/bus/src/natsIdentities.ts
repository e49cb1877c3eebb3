import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { deadLetterSubject } from '@tracebridge/contracts';
import { EVENTS_STREAM } from './streams';

/**
 * Who may do what on the bus. Each service connects as its own nkey user;
 * nats-server refuses anonymous connections once any user is configured, and
 * checks every publish and subscribe against these lists.
 */
export type AgencyIdentityName = 'customs' | 'police' | 'border';
export type NatsIdentityName = 'operator' | 'liaison' | AgencyIdentityName;

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
      `${api}.MSG.NEXT.${EVENTS_STREAM}.${LIAISON_DURABLE}`,
      `$JS.ACK.${EVENTS_STREAM}.${LIAISON_DURABLE}.>`,
      deadLetterSubject(LIAISON_DURABLE),
      'tb.rpc.*.persons',
      'tb.rpc.*.record-disposition',
      'tb.rpc.*.case-command',
      'tb.rpc.*.trace-command',
    ],
    subscribe: ['tb.rpc.liaison.serial-check', `${natsInboxPrefix('liaison')}.>`],
    allowResponses: true,
  };
};

const agencyPermissions = (name: AgencyIdentityName, hosted: readonly string[]): NatsPermissions => ({
  publish: [
    ...hosted.map((a) => `tb.v1.${a}.>`),
    // A stored record the relay cannot publish is quarantined here rather than stalling it.
    deadLetterSubject(AGENCY_RELAY_NAME),
    'tb.rpc.liaison.serial-check',
  ],
  subscribe: [
    ...hosted.flatMap((a) => [`tb.rpc.${a}.persons`, `tb.rpc.${a}.record-disposition`, `tb.rpc.${a}.case-command`, `tb.rpc.${a}.trace-command`]),
    `${natsInboxPrefix(name)}.>`,
  ],
  allowResponses: true,
});

/** Every identity of the local network; `hosted` names the agencies each agency service records. */
export function natsIdentities(hosted: Record<AgencyIdentityName, readonly string[]>): NatsIdentity[] {
  const agencies = (['customs', 'police', 'border'] as const).map((name) => ({
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
