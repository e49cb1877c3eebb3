import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { readSeed } from './natsIdentities';

export type { NatsConnection };

export interface BusAuthOptions {
  /** The identity's nkey seed file; without it the connection is anonymous (only test servers without auth accept that). */
  seedFile?: string;
  /** Where replies to this connection go; must match the identity's subscribe permission. */
  inboxPrefix?: string;
}

/**
 * Connect to NATS and keep reconnecting for as long as the process lives: a
 * border post's link comes back eventually, and the event store keeps
 * everything in the meantime.
 */
export function connectBus(servers: string | string[], name: string, auth: BusAuthOptions = {}): Promise<NatsConnection> {
  // Read once: the seed never changes while the process runs, and a missing file should fail start-up, not a reconnect.
  const seed = auth.seedFile === undefined ? undefined : readSeed(auth.seedFile);
  return connect({
    servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 10_000,
    waitOnFirstConnect: true,
    ...(seed ? { authenticator: nkeyAuthenticator(seed) } : {}),
    ...(auth.inboxPrefix ? { inboxPrefix: auth.inboxPrefix } : {}),
  });
}
