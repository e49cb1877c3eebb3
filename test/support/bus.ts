import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { DLQ_STREAM, natsInboxPrefix, readSeed, type NatsIdentityName } from '@tracebridge/bus';
import { DEMO_AGENCIES } from '@tracebridge/identity';
import type { TestNetwork } from './network';

/** A connection to the test network's nats-server with one of its NATS identities (its seed from the data directory). */
export function connectIdentity(net: TestNetwork, name: NatsIdentityName): Promise<NatsConnection> {
  return connect({
    servers: `nats://127.0.0.1:${net.network.ports.nats}`,
    name: `test-as-${name}`,
    authenticator: nkeyAuthenticator(readSeed(net.network.natsSeed(name))),
    inboxPrefix: natsInboxPrefix(name),
  });
}

/**
 * A connection as `agency`'s service holds it: a hostile partner agency
 * with a valid key and its own service's bus identity.
 */
export function connectAs(net: TestNetwork, agency: string): Promise<NatsConnection> {
  const kind = DEMO_AGENCIES.find((a) => a.id === agency)?.kind;
  if (!kind) throw new Error(`${agency} is not a demo agency`);
  return connectIdentity(net, SERVICE_OF_KIND[kind]);
}

/** Each agency kind's service on the bus: LIAISON agencies' is `regional` (`liaison` is the hub). */
const SERVICE_OF_KIND = { CUSTOMS: 'customs', POLICE: 'police', BORDER: 'border', LIAISON: 'regional', LICENSING: 'licensing' } as const satisfies Record<string, NatsIdentityName>;

/** A connection with the operator's identity (sees every subject): what a sniffer or an impostor with the widest access would hold. */
export const connectOperator = (net: TestNetwork): Promise<NatsConnection> => connectIdentity(net, 'operator');

export interface DeadLetter {
  code: string;
  subject: string;
  /** The dead-lettered event's id, when its payload is an envelope. */
  eventId: string | undefined;
}

/** Everything in the dead-letter stream, oldest first. */
export async function deadLetters(nc: NatsConnection): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(DLQ_STREAM);
  const out: DeadLetter[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(DLQ_STREAM, { seq });
    if (!m) continue;
    let eventId: string | undefined;
    try {
      eventId = m.json<{ id?: string }>().id;
    } catch {
      eventId = undefined;
    }
    out.push({ code: m.header.get('Tb-Dlq-Code'), subject: m.subject, eventId });
  }
  return out;
}
