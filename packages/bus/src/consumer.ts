import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
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
  const { nc, durable } = options;
  const stream = options.stream ?? EVENTS_STREAM;
  // No account-info probe ($JS.API.INFO): a consumer's identity may only touch its own durable.
  const api = options.apiPrefix ? { apiPrefix: options.apiPrefix } : {};
  const jsm = await jetstreamManager(nc, { checkAPI: false, ...api });
  const js = jetstream(nc, api);
  const maxDeliver = options.maxDeliver ?? 5;
  await createOrUpdateDurable(jsm, stream, durableConfig(options, maxDeliver));
  const messages = await (await js.consumers.get(stream, durable)).consume({ max_messages: 500 });
  const run: ConsumerRun = {
    js,
    durable,
    registry: options.registry,
    inbox: options.inbox,
    handle: options.handle,
    maxDeliver,
    backoff: options.backoffMs ?? [1000, 5000, 15000, 30000],
    logger: options.logger,
    stats: { applied: 0, duplicates: 0, deadLettered: 0, retried: 0 },
  };
  const loop = processAll(run, messages);
  return {
    stats: () => ({ ...run.stats }),
    stop: async () => {
      await messages.close();
      await loop;
    },
  };
}

function durableConfig(options: ConsumerOptions, maxDeliver: number) {
  return {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject ?? 'tb.v1.>',
    max_deliver: maxDeliver,
    // Processing is sequential; an ack wait long enough for a slow handler
    // under load, short enough that a crashed process's messages return soon.
    ack_wait: nanos(30_000),
    max_ack_pending: options.maxAckPending ?? 1000,
  };
}

/** Creates the durable on first start; on later starts keeps its position and filter and updates only its limits. */
async function createOrUpdateDurable(jsm: JetStreamManager, stream: string, config: ReturnType<typeof durableConfig>): Promise<void> {
  try {
    await jsm.consumers.info(stream, config.durable_name);
    await jsm.consumers.update(stream, config.durable_name, { max_deliver: config.max_deliver, ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
  } catch {
    await jsm.consumers.add(stream, config);
  }
}

/** What processing a message needs: where to dead-letter, whose keys to trust, how to apply, what to count. */
interface ConsumerRun {
  js: JetStreamClient;
  durable: string;
  registry: ConsumerOptions['registry'];
  inbox: Inbox;
  handle: ConsumerOptions['handle'];
  maxDeliver: number;
  backoff: number[];
  logger: Logger | undefined;
  stats: ConsumerStats;
}

/** Processes messages one at a time until the subscription is closed. */
async function processAll(run: ConsumerRun, messages: ConsumerMessages): Promise<void> {
  for await (const m of messages) {
    try {
      await processOne(run, m);
    } catch (err) {
      // The dead-letter publish itself failed: leave the message for redelivery.
      run.logger?.error({ err, seq: m.seq }, 'could not dead-letter a message; it will be redelivered');
      m.nak(1000);
    }
  }
}

async function processOne(run: ConsumerRun, m: JsMsg): Promise<void> {
  let event: TracebridgeEvent;
  try {
    event = await verify(m, run.registry);
  } catch (err) {
    const code = err instanceof TracebridgeError ? err.code : ErrorCodes.INVALID_EVENT;
    await deadLetter(run, m, code, (err as Error).message);
    return;
  }
  await applyOnce(run, m, event);
}

/** Parses the message, verifies its signature and its subject, and upcasts its data; throws what is wrong with it. */
async function verify(m: JsMsg, registry: ConsumerOptions['registry']): Promise<TracebridgeEvent> {
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
}

/** Applies a verified event through the inbox and acks it; on a handler error, dead-letters it or asks for it again later. */
async function applyOnce(run: ConsumerRun, m: JsMsg, event: TracebridgeEvent): Promise<void> {
  const { stats } = run;
  const delivery = { subject: m.subject, streamSequence: m.seq, deliveryCount: m.info.deliveryCount };
  try {
    if (run.inbox.applyOnce(event.id, () => run.handle(event, delivery))) stats.applied += 1;
    else stats.duplicates += 1;
    m.ack();
  } catch (err) {
    // The inbox transaction has rolled back, so nothing of a rejected event
    // is applied or marked; retrying would only reach the same verdict.
    if (err instanceof RejectedEvent) {
      await deadLetter(run, m, err.code, err.message);
      return;
    }
    if (m.info.deliveryCount >= run.maxDeliver) {
      await deadLetter(run, m, ErrorCodes.HANDLER_FAILED, (err as Error).message);
      return;
    }
    stats.retried += 1;
    run.logger?.warn({ err, seq: m.seq, attempt: m.info.deliveryCount }, 'handler failed; will retry');
    m.nak(run.backoff[Math.min(m.info.deliveryCount - 1, run.backoff.length - 1)]);
  }
}

/** Publishes the message to `tb.dlq.<durable>` with why it failed, then terminates it. */
async function deadLetter(run: ConsumerRun, m: JsMsg, code: string, reason: string): Promise<void> {
  const h = headers();
  h.set('Tb-Dlq-Code', code);
  h.set('Tb-Dlq-Reason', reason.slice(0, 500));
  h.set('Tb-Original-Subject', m.subject);
  h.set('Tb-Stream-Sequence', String(m.seq));
  await run.js.publish(deadLetterSubject(run.durable), m.data, { headers: h, msgID: `${run.durable}-${m.seq}` });
  run.stats.deadLettered += 1;
  run.logger?.warn({ code, subject: m.subject, seq: m.seq }, 'message dead-lettered');
  // No reason text: nats-server 2.9 ignores "+TERM <reason>" and would leave the message pending, filling the window.
  m.term();
}
