import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { TracebridgeEvent } from '@tracebridge/contracts';
import type { TrustRegistry } from '@tracebridge/identity';
import type Database from 'better-sqlite3';
import { emptyTally, takeBatch, type DeliveryInfo, type Incoming } from './consumerBatch';
import { ConsumerLedger } from './consumerLedger';
import { consumeFromLedger, type DurableSettings } from './consumerDurable';
import { startRepairs, type OriginRepair } from './consumerRepair';
import { enterBulk, leaveBulk } from './consumerBulk';
import { replayRequested } from './consumerReplay';
import { committed } from './consumerCommitted';
import { prepare, type Prepared } from './consumerIntake';
import { getSqliteInbox, type Inbox } from './inbox';
import type { Logger } from './logger';
import { EVENTS_STREAM } from './streams';
import { createVerifyPool, type VerifyPool } from './verifyPool';
import type { Verified } from './verifyMessage';

export type { DeliveryInfo } from './consumerBatch';
export type { OriginRepair } from './consumerRepair';

export interface ConsumerOptions {
  nc: NatsConnection;
  /** Durable consumer name; also names its inbox, its ledger rows and its dead-letter subject `tb.dlq.<durable>`. */
  durable: string;
  /** One subject filter (nats-server 2.9 refuses `filter_subjects`). @default 'tb.v1.>' */
  filterSubject?: string;
  /** @default 'TB_EVENTS' */
  stream?: string;
  /** The trust registry, or a getter for the current one (the directory's keys are refreshed while consumers run). */
  registry: TrustRegistry | (() => TrustRegistry);
  /** Fetch the registry again now: asked before an event whose signer or key is unknown is refused (a new agency, a rotated key). */
  refreshRegistry?: () => Promise<void>;
  /** The read model's file: the inbox, the stream position, the origin chains, the held events and the dead letters are kept in it, in each batch's transaction. */
  db: Database.Database;
  /** @default the SQLite inbox in `db` under the durable's name */
  inbox?: Inbox;
  /**
   * Applies one verified, upcast event, inside the batch's transaction.
   * Throw `RejectedEvent` to dead-letter the event; anything else rolls the
   * batch back, which is retried with back-off for as long as it takes.
   */
  handle: (event: TracebridgeEvent, delivery: DeliveryInfo) => void;
  /** Told after each batch has committed (readers waiting for an event resume). */
  onCommitted?: () => void;
  /** Messages taken in per transaction at most. @default 500 */
  batchSize?: number;
  /** Waits between attempts at a batch that failed for a passing reason (a full disk, a locked file). @default [250, 1000, 2000, 5000, 10000, 30000] */
  retryBackoffMs?: number[];
  /** Unacknowledged messages the server lets this consumer hold. @default 2000 */
  maxAckPending?: number;
  /** Worker threads verifying signatures beside the consumer. @default 0 (on the consumer's thread) */
  verifyThreads?: number;
  /**
   * A rebuild mode for the read model: entered when the consumer is at
   * least `threshold` messages behind the stream and `eligible` says so (the
   * read model holds nothing yet: a new or deleted one; never a populated
   * one, whose lists would show what it stopped writing), left once it has caught up. `begin` and `end` run
   * between batches; `end` is retried like a batch until it succeeds.
   */
  bulk?: { threshold: number; begin: () => void; end: () => void; eligible: () => boolean };
  /** Gap repair and tail sync with the origins' relays (issue 10, item 2); none when unset. */
  repair?: OriginRepair;
  logger?: Logger;
  /** Where this connection reaches the JetStream API, when it is imported from another account. @default '$JS.API' */
  apiPrefix?: string;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  /** Attempts at a batch that failed for a passing reason and were retried. */
  retried: number;
  /** Whether a batch is failing right now (retried with back-off). */
  retrying: boolean;
  lastError: string | undefined;
  /** The stream sequence the read model has taken in up to. */
  position: number;
  /** Messages in the stream after the last one delivered, as the server last said. */
  pending: number;
  /** Events held after a gap in their origin's chain. */
  parked: number;
  /** Origins with a gap being repaired. */
  gaps: number;
  /** Re-publish requests sent to origins. */
  repairsRequested: number;
  /** Whether the read model is in its rebuild mode (far behind the stream; derived indexes computed when it catches up). */
  rebuilding: boolean;
}

export interface Consumer {
  stats(): ConsumerStats;
  readonly ledger: ConsumerLedger;
  stop(): Promise<void>;
}

/** Everything the consumer's loops share. */
export interface ConsumerRun {
  options: ConsumerOptions;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  ledger: ConsumerLedger;
  inbox: Inbox;
  pool: VerifyPool;
  queue: JsMsg[];
  wake: (() => void) | undefined;
  stopped: boolean;
  stats: ConsumerStats;
  lastMessageAt: number;
  /** Closes the current subscription (the pump then recreates it from the ledger). */
  restart: (() => void) | undefined;
  durable: DurableSettings;
  /** The next batch's messages, taken off the queue and being verified: kept from redelivery too while a batch is retried. */
  inHand: JsMsg[];
  /** The registry the last batch was verified with (a new one replays the unknown-signer dead letters). */
  seenRegistry?: TrustRegistry;
  /** When the registry was last refreshed for an unknown signer (at most every 10 s). */
  lastRefresh: number;
}

/**
 * The hub's consumer of the event stream (issue 10): messages are verified
 * (on worker threads when asked), then taken in by batches, each one SQLite
 * transaction with the read model's writes, the inbox, the stream position
 * and the origin chains, made durable before any message of it is acked.
 * The stream position lives in the read model, so a deleted read model
 * starts again from the beginning of the stream; a batch that fails for a
 * passing reason is retried with back-off without losing its place; only a
 * permanently bad message is dead-lettered, kept in the read model's file
 * to be listed and replayed (`ConsumerLedger`).
 */
export async function startConsumer(options: ConsumerOptions): Promise<Consumer> {
  const api = options.apiPrefix ? { apiPrefix: options.apiPrefix } : {};
  // No account-info probe ($JS.API.INFO): a consumer's identity may only touch its own durable.
  const jsm = await jetstreamManager(options.nc, { checkAPI: false, ...api });
  const ledger = new ConsumerLedger(options.db, options.durable);
  const run: ConsumerRun = {
    options,
    js: jetstream(options.nc, api),
    jsm,
    stream: options.stream ?? EVENTS_STREAM,
    ledger,
    inbox: options.inbox ?? getSqliteInbox(options.db, options.durable),
    pool: createVerifyPool(options.verifyThreads ?? 0, options.logger),
    queue: [],
    wake: undefined,
    stopped: false,
    stats: {
      applied: 0,
      duplicates: 0,
      deadLettered: 0,
      retried: 0,
      retrying: false,
      lastError: undefined,
      position: 0,
      pending: 0,
      parked: 0,
      gaps: 0,
      repairsRequested: 0,
      rebuilding: false,
    },
    lastMessageAt: Date.now(),
    restart: undefined,
    lastRefresh: 0,
    inHand: [],
    durable: { name: options.durable, filterSubject: options.filterSubject ?? 'tb.v1.>', maxAckPending: options.maxAckPending ?? 2000 },
  };
  run.stats.position = ledger.position();
  const first = await consumeFromLedger(run);
  const pumping = pump(run, first);
  const processing = processAll(run);
  const repairs = options.repair ? startRepairs(run, options.repair) : undefined;
  return {
    ledger,
    stats: () => ({ ...run.stats, parked: countParked(run), gaps: run.ledger.gaps().length }),
    stop: async () => {
      run.stopped = true;
      repairs?.stop();
      run.restart?.();
      run.wake?.();
      await Promise.all([pumping, processing]);
      await run.pool.close();
    },
  };
}

const countParked = (run: ConsumerRun): number => run.ledger.gaps().reduce((n, g) => n + g.parked, 0);

/** Feeds the queue from the subscription; when it ends other than by `stop`, opens another one from the ledger's position. */
async function pump(run: ConsumerRun, first: AsyncIterable<JsMsg>): Promise<void> {
  let messages: AsyncIterable<JsMsg> | undefined = first;
  while (!run.stopped) {
    try {
      messages ??= await consumeFromLedger(run);
      for await (const m of messages) {
        run.queue.push(m);
        run.lastMessageAt = Date.now();
        run.stats.pending = m.info.pending;
        run.wake?.();
      }
    } catch (err) {
      if (!run.stopped) run.options.logger?.warn({ err }, 'event subscription failed; opening it again');
    }
    messages = undefined;
    // Deliveries of the closed subscription are not acked against the next one: the new durable delivers them again.
    run.queue.length = 0;
    if (!run.stopped) await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Until stopped: batches taken in in order, the next one verified while this one commits; dead letters an operator asked to replay, between batches. */
async function processAll(run: ConsumerRun): Promise<void> {
  const batchSize = run.options.batchSize ?? 500;
  let nextReplayCheck = 0;
  let ahead: Prepared | undefined;
  while (!run.stopped) {
    if (!ahead && Date.now() >= nextReplayCheck) {
      nextReplayCheck = Date.now() + 1000;
      await replayRequested(run);
    }
    if (!ahead && run.queue.length === 0) {
      await idle(run);
      continue;
    }
    // One turn of the event loop first: the subscription hands over what it has buffered, so a backlog is taken in by full batches.
    if (!ahead && run.queue.length < batchSize) await new Promise((r) => setImmediate(r));
    const current = ahead ?? prepare(run, batchSize)!;
    ahead = prepare(run, batchSize);
    run.inHand = ahead?.msgs ?? [];
    const verified = await current.verified;
    enterBulk(run);
    // Each message acked on its own, once durable: an ack-all would also acknowledge a delivery lost on the way here.
    if (await commitWithRetry(run, current.batch, verified, current.msgs)) for (const m of current.msgs) m.ack();
    await leaveBulk(run);
  }
}

/** Waits for a message (or half a second). */
function idle(run: ConsumerRun): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(done, 500);
    function done(): void {
      clearTimeout(t);
      run.wake = undefined;
      resolve();
    }
    run.wake = done;
  });
}

/**
 * Takes the batch in, in one transaction, and retries it with back-off for
 * as long as it fails (a full disk, a locked file): the messages stay
 * unacknowledged and in order, kept from redelivery meanwhile (`held`, the
 * batch's own messages, and the queue behind it). Resolves true once
 * committed; false when stopped first (nothing acked: redelivered).
 */
export async function commitWithRetry(run: ConsumerRun, batch: readonly Incoming[], verified: readonly Verified[], held: readonly JsMsg[] = []): Promise<boolean> {
  const backoff = run.options.retryBackoffMs ?? [250, 1000, 2000, 5000, 10_000, 30_000];
  const deps = { ledger: run.ledger, inbox: run.inbox, handle: run.options.handle };
  for (let attempt = 0; ; attempt++) {
    if (run.stopped) return false;
    try {
      const tally = emptyTally(run.ledger.position());
      run.options.db.transaction(() => takeBatch(deps, batch, verified, tally))();
      committed(run, tally);
      return true;
    } catch (err) {
      run.stats.retried += 1;
      run.stats.retrying = true;
      run.stats.lastError = String((err as Error).message ?? err).slice(0, 300);
      const wait = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      run.options.logger?.warn(
        { err, attempt: attempt + 1, waitMs: wait, batch: batch.length },
        'could not take in a batch of events; retrying (nothing is acknowledged or lost meanwhile)',
      );
      // The batch's own messages too: they left the queue when the batch was cut, and past the ack wait
      // the server would hand them out again behind the rest (test/crash/hubDiskFull.int.spec.ts).
      for (const m of [...held, ...run.inHand, ...run.queue]) m.working();
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
