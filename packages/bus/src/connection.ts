import { connect, type NatsConnection } from '@nats-io/transport-node';

export type { NatsConnection };

/**
 * Connect to NATS and keep reconnecting for as long as the process lives: a
 * border post's link comes back eventually, and the event store keeps
 * everything in the meantime.
 */
export function connectBus(servers: string | string[], name: string): Promise<NatsConnection> {
  return connect({
    servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 10_000,
    waitOnFirstConnect: true,
  });
}
