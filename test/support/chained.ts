import { jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { ORIGIN_POSITION_HEADER, ORIGIN_PREVIOUS_HEADER } from '@tracebridge/bus';
import { subjectFor, type SignedEnvelope } from '@tracebridge/contracts';

/**
 * Publish signed seizures as the agencies' relays do: chained per origin
 * (each origin's positions counted on in `last`), msgID = event id, up to
 * 512 publishes in flight.
 */
export async function publishChained(nc: NatsConnection, events: readonly SignedEnvelope[], last: Map<string, bigint> = new Map()): Promise<void> {
  const js = jetstream(nc);
  const pending: Promise<unknown>[] = [];
  for (const e of events) {
    const origin = e.originator.agency;
    const previous = last.get(origin) ?? 0n;
    const h = headers();
    h.set(ORIGIN_POSITION_HEADER, String(previous + 1n));
    h.set(ORIGIN_PREVIOUS_HEADER, String(previous));
    last.set(origin, previous + 1n);
    pending.push(js.publish(subjectFor(origin, 'SeizureReported'), JSON.stringify(e), { headers: h, msgID: e.id }));
    if (pending.length >= 512) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}
