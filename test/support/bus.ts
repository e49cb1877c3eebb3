import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DLQ_STREAM } from '@tracebridge/bus';
import type { TestNetwork } from './network';

/**
 * A connection to the test network's nats-server as `agency` would hold it.
 * Anonymous for now: when the server requires credentials, this is the one
 * place that chooses them per agency.
 */
export function connectAs(net: TestNetwork, agency: string): Promise<NatsConnection> {
  return connect({ servers: `nats://127.0.0.1:${net.network.ports.nats}`, name: `test-as-${agency}` });
}

/** A connection with the operator's identity (sees every subject): what a sniffer or an impostor with the widest access would hold. */
export function connectOperator(net: TestNetwork): Promise<NatsConnection> {
  return connect({ servers: `nats://127.0.0.1:${net.network.ports.nats}`, name: 'test-operator' });
}

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
