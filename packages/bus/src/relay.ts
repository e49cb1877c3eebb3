import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { AgencyId, deadLetterSubject, ErrorCodes, isEventType, subjectFor, TracebridgeError } from '@tracebridge/contracts';
import { recordedToWireJson, type AllSubscription, type CheckpointStore, type EventStore, type RecordedEvent } from '@tracebridge/eventstore';
import type { Logger } from './logger';
import { ORIGIN_POSITION_HEADER, ORIGIN_PREVIOUS_HEADER } from './originChain';
import { startCheckpointing } from './relayCheckpointing';
import { republishFrom } from './relayRepublish';

export interface RelayOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  nc: NatsConnection;
  /** Checkpoint name; one per relay of a store. @default 'relay' */
  name?: string;
  /** Publishes awaiting their ack at once. @default 256 */
  maxInFlight?: number;
  /** @default 10000 */
  publishTimeoutMs?: number;
  /** How often the checkpoint is written when it moved. @default 100 */
  checkpointEveryMs?: number;
  /** Waits after a failed publish before resubscribing, by consecutive failure. @default [100, 500, 1000, 2000, 5000] */
  retryBackoffMs?: number[];
  logger?: Logger;
  /**
   * The agency whose store this is: every message then carries its store
   * position and the one before it (originChain.ts), so consumers can find
   * and repair gaps. Unset for a store of many originators (the standalone
   * relay of tests and benchmarks), whose messages carry no chain.
   */
  origin?: string;
}

export interface RelayStats {
  published: number;
  duplicates: number;
  deadLettered: number;
  failures: number;
  /** Every event at or before this store position is acknowledged by JetStream. */
  acked: bigint;
  /** The last position published on the event stream (a record dead-lettered instead is not): what the hub's chain can reach. */
  publishedHead: bigint;
  /** The last checkpoint written. */
  saved: bigint;
  /** Events published again on request (gap repair). */
  republished: number;
  /** The store's last position, read every second where the store can tell it (0 otherwise): `head - acked` is the relay's lag. */
  head: bigint;
}

export interface Relay {
  stats(): RelayStats;
  /** Resolves when every event up to `position` is acknowledged and checkpointed. */
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
  /**
   * Publish again every stored event after `after` (gap repair: a consumer
   * has taken in everything up to there and no further), chained from
   * `after`, under fresh message ids so that JetStream stores them even if
   * it saw them before. One at a time: resolves false when one is running.
   */
  republish(after: bigint, upTo?: bigint): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * The relay: store subscription from the checkpoint → publish to JetStream
 * with msgID = event id → await the ack → move the checkpoint.
 *
 * At least once: the checkpoint only ever covers acknowledged events, so a
 * crash at any moment re-publishes at most the unsaved tail, and JetStream's
 * duplicate window (then the consumers' inboxes) drops those repeats.
 * Order: events are published in store order on one connection, which
 * JetStream stores in order; after a failure the relay waits for every
 * in-flight publish to settle and resumes after the last contiguous ack.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const name = options.name ?? 'relay';
  const timeout = options.publishTimeoutMs ?? 10_000;
  const js: JetStreamClient = jetstream(options.nc, { timeout });

  const stats: RelayStats = { published: 0, duplicates: 0, deadLettered: 0, failures: 0, acked: 0n, publishedHead: 0n, saved: 0n, republished: 0, head: 0n };
  stats.acked = stats.saved = stats.publishedHead = (await options.checkpoints.load(name)) ?? 0n;
  const checkpointing = startCheckpointing(options.checkpoints, name, stats, options.checkpointEveryMs ?? 100, options.logger);

  const relay: RelayRun = {
    store: options.store,
    js,
    name,
    timeout,
    maxInFlight: options.maxInFlight ?? 256,
    backoff: options.retryBackoffMs ?? [100, 500, 1000, 2000, 5000],
    logger: options.logger,
    origin: options.origin,
    stats,
    stopped: false,
    republishing: false,
    subscription: undefined,
    consecutiveFailures: 0,
  };
  const running = relayUntilStopped(relay);
  const readHead = (): void =>
    void options.store
      .headPosition?.()
      .then((h) => (stats.head = h))
      .catch((err: unknown) => options.logger?.warn({ err }, 'could not read the store’s head position'));
  readHead();
  const headTimer = setInterval(readHead, 1000);

  return {
    stats: () => ({ ...stats }),
    waitFor: checkpointing.waitFor,
    republish: (after, upTo) => republishFrom(relay, after, upTo),
    stop: async () => {
      clearInterval(headTimer);
      relay.stopped = true;
      await relay.subscription?.close();
      await running;
      await checkpointing.stop();
    },
  };
}

/** The relay's collaborators and its running state, shared by its loop and its handle. */
export interface RelayRun {
  store: EventStore;
  js: JetStreamClient;
  name: string;
  timeout: number;
  maxInFlight: number;
  backoff: number[];
  logger: Logger | undefined;
  origin: string | undefined;
  stats: RelayStats;
  stopped: boolean;
  republishing: boolean;
  /** The open store subscription, closed by `stop` to end the current pass. */
  subscription: AllSubscription | undefined;
  consecutiveFailures: number;
}

/** One publish awaiting its ack, in store order. */
interface InFlight {
  position: bigint;
  settled: Promise<void>;
  done: boolean;
}

/** Pass after pass until stopped; after a failed pass, a wait before the next. */
async function relayUntilStopped(relay: RelayRun): Promise<void> {
  while (!relay.stopped) {
    const failure = await relayPass(relay);
    if (failure !== undefined && !relay.stopped) await backOff(relay, failure);
  }
}

/**
 * One store subscription, from the last contiguous ack: every event is
 * published, at most `maxInFlight` awaiting their ack, until stop or the
 * first failed publish (which closes the subscription). Resolves to that
 * failure once every publish in flight has settled and `stats.acked` has
 * moved over the contiguous acks.
 */
async function relayPass(relay: RelayRun): Promise<unknown> {
  const { stats } = relay;
  const window: InFlight[] = [];
  let failure: unknown;
  const sub = relay.store.subscribeToAll({ after: stats.acked });
  relay.subscription = sub;
  // The chain (originChain.ts): each message names the one published before it from this store.
  let previous = stats.acked;
  const fail = (err: unknown): void => {
    if (failure === undefined) {
      failure = err;
      void sub.close();
    }
  };
  try {
    for await (const e of sub) {
      if (relay.stopped || failure !== undefined) break;
      let message: WireMessage;
      try {
        message = toWireMessage(e);
      } catch (err) {
        // A stored record that is not a valid envelope cannot be published,
        // and must not stall the relay: it goes to the dead-letter stream.
        await settle(window, stats);
        if (failure !== undefined) break;
        await deadLetter(relay, e, err);
        stats.acked = e.position;
        continue;
      }
      window.push(publish(relay, e, message, window, fail, previous));
      previous = e.position;
      while (window.length >= relay.maxInFlight && failure === undefined) await window[0]!.settled;
    }
  } catch (err) {
    failure ??= err;
  } finally {
    await sub.close().catch(() => undefined);
  }
  await settle(window, stats);
  return failure;
}

export interface WireMessage {
  subject: string;
  payload: string;
}

/** The chain headers of a message of this relay's origin; none when the relay has no origin. */
export function chainHeaders(relay: RelayRun, position: bigint, previous: bigint): { headers?: MsgHdrs } {
  if (relay.origin === undefined) return {};
  const h = headers();
  h.set(ORIGIN_POSITION_HEADER, position.toString());
  h.set(ORIGIN_PREVIOUS_HEADER, previous.toString());
  return { headers: h };
}

/** The subject and wire JSON of a stored event; throws if the record has no valid type or originator. */
export function toWireMessage(e: RecordedEvent): WireMessage {
  const agency = AgencyId.safeParse((e.metadata as { originator?: { agency?: unknown } } | undefined)?.originator?.agency);
  if (!isEventType(e.type) || !agency.success) {
    throw new TracebridgeError(ErrorCodes.INVALID_EVENT, `stored event ${e.id} has no valid type or originator`);
  }
  return { subject: subjectFor(agency.data, e.type), payload: recordedToWireJson(e) };
}

/** Publishes one event with its id as msgID; its ack counts it and moves `stats.acked`, its failure goes to `onFailure`. */
function publish(relay: RelayRun, e: RecordedEvent, message: WireMessage, window: InFlight[], onFailure: (err: unknown) => void, previous: bigint): InFlight {
  const { stats } = relay;
  const entry: InFlight = { position: e.position, done: false, settled: Promise.resolve() };
  const options = { msgID: e.id, timeout: relay.timeout, ...chainHeaders(relay, e.position, previous) };
  entry.settled = relay.js.publish(message.subject, message.payload, options).then((ack) => {
    entry.done = true;
    if (ack.duplicate) stats.duplicates += 1;
    else stats.published += 1;
    relay.consecutiveFailures = 0;
    advanceAcked(window, stats);
  }, onFailure);
  return entry;
}

/** Moves `stats.acked` over the acknowledged publishes at the head of the window: acked only ever covers a contiguous prefix. */
function advanceAcked(window: InFlight[], stats: RelayStats): void {
  while (window[0]?.done) stats.acked = stats.publishedHead = window.shift()!.position;
}

/** Waits for every publish in the window to settle, then moves `stats.acked` as far as they were acknowledged. */
async function settle(window: InFlight[], stats: RelayStats): Promise<void> {
  await Promise.all(window.map((w) => w.settled));
  advanceAcked(window, stats);
}

/** Publishes a stored record that cannot be relayed to `tb.dlq.<name>`, with why, under a msgID of its own so a repeat is dropped. */
async function deadLetter(relay: RelayRun, e: RecordedEvent, err: unknown): Promise<void> {
  const h = headers();
  h.set('Tb-Dlq-Code', (err as { code?: string }).code ?? 'TB_ERR_INVALID_EVENT');
  h.set('Tb-Dlq-Reason', String((err as Error).message ?? err).slice(0, 500));
  h.set('Tb-Store-Position', e.position.toString());
  await relay.js.publish(deadLetterSubject(relay.name), JSON.stringify({ id: e.id, type: e.type, streamId: e.streamId, metadata: e.metadata, data: e.data }), {
    headers: h,
    msgID: `dlq-${e.id}`,
  });
  relay.stats.deadLettered += 1;
}

/** Counts the failure and waits, longer after each consecutive one, before the next pass resumes after the last contiguous ack. */
async function backOff(relay: RelayRun, failure: unknown): Promise<void> {
  relay.stats.failures += 1;
  const wait = relay.backoff[Math.min(relay.consecutiveFailures, relay.backoff.length - 1)] ?? 1000;
  relay.consecutiveFailures += 1;
  relay.logger?.warn({ err: failure, resumeAfter: relay.stats.acked.toString(), waitMs: wait }, 'relay publish failed; resuming after the last acknowledged event');
  await new Promise((r) => setTimeout(r, wait));
}
