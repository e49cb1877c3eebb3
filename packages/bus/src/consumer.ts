import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { decodeEvent, deadLetterSubject, ErrorCodes, isEventType, parseSignedEnvelope, subjectFor, TracebridgeError, type TracebridgeEvent } from '@tracebridge/contracts';
import { verifyEventSignature, type TrustRegistry } from '@tracebridge/identity';
import type { Inbox } from './inbox';
import type { Logger } from './logger';
import { RejectedEvent } from './rejectedEvent';
import { EVENTS_STREAM } from './streams';

export interface DeliveryInfo {
  subject: string;
  streamSequence: number;
  deliveryCount: number;
}

export interface ConsumerOptions {
  nc: NatsConnection;
  /** Durable consumer name; also names its dead-letter subject `tb.dlq.<durable>`. */
  durable: string;
  /** One subject filter (nats-server 2.9 refuses `filter_subjects`). @default 'tb.v1.>' */
  filterSubject?: string;
  /** @default 'TB_EVENTS' */
  stream?: string;
  /** The trust registry, or a getter for the current one (the directory's keys are refreshed while consumers run). */
  registry: TrustRegistry | (() => TrustRegistry);
  inbox: Inbox;
  /**
   * Applies one verified, upcast event; runs inside the inbox's transaction.
   * Throw `RejectedEvent` to dead-letter the event at once; throw anything else to retry later.
   */
  handle: (event: TracebridgeEvent, delivery: DeliveryInfo) => void;
  /** Deliveries before a failing message is dead-lettered. @default 5 */
  maxDeliver?: number;
  /** Redelivery delays after a handler failure, by attempt. @default [1000, 5000, 15000, 30000] */
  backoffMs?: number[];
  /** Unacknowledged messages the server lets this consumer hold. @default 1000 */
  maxAckPending?: number;
  logger?: Logger;
  /** Where this connection reaches the JetStream API, when it is imported from another account. @default '$JS.API' */
  apiPrefix?: string;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  retried: number;
}

export interface Consumer {
  stats(): ConsumerStats;
  stop(): Promise<void>;
}

/**
 * A durable JetStream consumer that verifies and applies events exactly once.
 *
 * Every message is parsed, its signature verified against the originator's
 * keys, its subject checked against its envelope, and its data upcast and
 * validated. Anything that fails is dead-lettered (quarantined, never
 * projected) and acknowledged, so nothing stalls the consumer and nothing
 * is dropped silently. A handler that throws `RejectedEvent` has its
 * message dead-lettered at once; any other handler error is retried with
 * back-off and dead-lettered after `maxDeliver` attempts.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Consumer> {
  const { nc, durable, registry, inbox, handle, logger } = options;
  const stream = options.stream ?? EVENTS_STREAM;
  const maxDeliver = options.maxDeliver ?? 5;
  const backoff = options.backoffMs ?? [1000, 5000, 15000, 30000];
  // No account-info probe ($JS.API.INFO): a consumer's identity may only touch its own durable.
  const api = options.apiPrefix ? { apiPrefix: options.apiPrefix } : {};
  const jsm = await jetstreamManager(nc, { checkAPI: false, ...api });
  const js = jetstream(nc, api);
  const config = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject ?? 'tb.v1.>',
    max_deliver: maxDeliver,
    // Processing is sequential; an ack wait long enough for a slow handler
    // under load, short enough that a crashed process's messages return soon.
    ack_wait: nanos(30_000),
    max_ack_pending: options.maxAckPending ?? 1000,
  };
  try {
    await jsm.consumers.info(stream, durable);
    await jsm.consumers.update(stream, durable, { max_deliver: config.max_deliver, ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
  } catch {
    await jsm.consumers.add(stream, config);
  }
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 500 });
  const stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0, retried: 0 };

  const deadLetter = async (m: JsMsg, code: string, reason: string): Promise<void> => {
    const h = headers();
    h.set('Tb-Dlq-Code', code);
    h.set('Tb-Dlq-Reason', reason.slice(0, 500));
    h.set('Tb-Original-Subject', m.subject);
    h.set('Tb-Stream-Sequence', String(m.seq));
    await js.publish(deadLetterSubject(durable), m.data, { headers: h, msgID: `${durable}-${m.seq}` });
    stats.deadLettered += 1;
    logger?.warn({ code, subject: m.subject, seq: m.seq }, 'message dead-lettered');
    // No reason text: nats-server 2.9 ignores "+TERM <reason>" and would leave the message pending, filling the window.
    m.term();
  };

  const verify = async (m: JsMsg): Promise<TracebridgeEvent> => {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(m.data));
    } catch (err) {
      throw new RejectedEvent(ErrorCodes.INVALID_EVENT, 'message is not JSON', { cause: err });
    }
    const envelope = parseSignedEnvelope(raw);
    await verifyEventSignature(envelope, typeof registry === 'function' ? registry() : registry);
    // The subject routes and filters; it must say what the signed envelope says.
    if (!isEventType(envelope.type) || m.subject !== subjectFor(envelope.originator.agency, envelope.type)) {
      throw new RejectedEvent(ErrorCodes.INVALID_EVENT, `subject ${m.subject} does not match the envelope`);
    }
    return decodeEvent(envelope);
  };

  const processOne = async (m: JsMsg): Promise<void> => {
    let event: TracebridgeEvent;
    try {
      event = await verify(m);
    } catch (err) {
      const code = err instanceof TracebridgeError ? err.code : ErrorCodes.INVALID_EVENT;
      await deadLetter(m, code, (err as Error).message);
      return;
    }
    const delivery = { subject: m.subject, streamSequence: m.seq, deliveryCount: m.info.deliveryCount };
    try {
      if (inbox.applyOnce(event.id, () => handle(event, delivery))) stats.applied += 1;
      else stats.duplicates += 1;
      m.ack();
    } catch (err) {
      // The inbox transaction has rolled back, so nothing of a rejected event
      // is applied or marked; retrying would only reach the same verdict.
      if (err instanceof RejectedEvent) {
        await deadLetter(m, err.code, err.message);
        return;
      }
      if (m.info.deliveryCount >= maxDeliver) {
        await deadLetter(m, ErrorCodes.HANDLER_FAILED, (err as Error).message);
        return;
      }
      stats.retried += 1;
      logger?.warn({ err, seq: m.seq, attempt: m.info.deliveryCount }, 'handler failed; will retry');
      m.nak(backoff[Math.min(m.info.deliveryCount - 1, backoff.length - 1)]);
    }
  };

  const loop = (async () => {
    for await (const m of messages) {
      try {
        await processOne(m);
      } catch (err) {
        // The dead-letter publish itself failed: leave the message for redelivery.
        logger?.error({ err, seq: m.seq }, 'could not dead-letter a message; it will be redelivered');
        m.nak(1000);
      }
    }
  })();

  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      await messages.close();
      await loop;
    },
  };
}
