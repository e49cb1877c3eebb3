import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { AgencyId, deadLetterSubject, ErrorCodes, isEventType, subjectFor, TracebridgeError } from '@tracebridge/contracts';
import { recordedToWireJson, type CheckpointStore, type EventStore, type RecordedEvent } from '@tracebridge/eventstore';
import type { Logger } from './logger';

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
}

export interface RelayStats {
  published: number;
  duplicates: number;
  deadLettered: number;
  failures: number;
  /** Every event at or before this store position is acknowledged by JetStream. */
  acked: bigint;
  /** The last checkpoint written. */
  saved: bigint;
}

export interface Relay {
  stats(): RelayStats;
  /** Resolves when every event up to `position` is acknowledged and checkpointed. */
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface InFlight {
  position: bigint;
  settled: Promise<void>;
  done: boolean;
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
  const { store, checkpoints, nc, logger } = options;
  const name = options.name ?? 'relay';
  const maxInFlight = options.maxInFlight ?? 256;
  const timeout = options.publishTimeoutMs ?? 10_000;
  const backoff = options.retryBackoffMs ?? [100, 500, 1000, 2000, 5000];
  const js: JetStreamClient = jetstream(nc, { timeout });

  const stats: RelayStats = { published: 0, duplicates: 0, deadLettered: 0, failures: 0, acked: 0n, saved: 0n };
  stats.acked = stats.saved = (await checkpoints.load(name)) ?? 0n;

  let stopped = false;
  let currentSub: { close(): Promise<void> } | undefined;
  let saving: Promise<void> | undefined;
  const waiters = new Set<{ position: bigint; resolve: () => void }>();

  const save = async (): Promise<void> => {
    if (saving || stats.acked === stats.saved) return saving;
    const position = stats.acked;
    saving = checkpoints
      .save(name, position)
      .then(() => {
        stats.saved = position;
        for (const w of waiters) {
          if (w.position <= position) {
            waiters.delete(w);
            w.resolve();
          }
        }
      })
      .catch((err: unknown) => logger?.error({ err }, 'relay checkpoint save failed; will retry'))
      .finally(() => (saving = undefined));
    return saving;
  };
  const timer = setInterval(() => void save(), options.checkpointEveryMs ?? 100);

  const deadLetter = async (e: RecordedEvent, err: unknown): Promise<void> => {
    const h = headers();
    h.set('Tb-Dlq-Code', (err as { code?: string }).code ?? 'TB_ERR_INVALID_EVENT');
    h.set('Tb-Dlq-Reason', String((err as Error).message ?? err).slice(0, 500));
    h.set('Tb-Store-Position', e.position.toString());
    await js.publish(deadLetterSubject(name), JSON.stringify({ id: e.id, type: e.type, streamId: e.streamId, metadata: e.metadata, data: e.data }), {
      headers: h,
      msgID: `dlq-${e.id}`,
    });
    stats.deadLettered += 1;
  };

  const loop = async (): Promise<void> => {
    let consecutiveFailures = 0;
    while (!stopped) {
      const window: InFlight[] = [];
      let failure: unknown;
      const advance = (): void => {
        while (window[0]?.done) stats.acked = window.shift()!.position;
      };
      const sub = store.subscribeToAll({ after: stats.acked });
      currentSub = sub;
      try {
        for await (const e of sub) {
          if (stopped || failure !== undefined) break;
          let payload: string;
          let subject: string;
          try {
            const agency = AgencyId.safeParse((e.metadata as { originator?: { agency?: unknown } } | undefined)?.originator?.agency);
            if (!isEventType(e.type) || !agency.success) {
              throw new TracebridgeError(ErrorCodes.INVALID_EVENT, `stored event ${e.id} has no valid type or originator`);
            }
            subject = subjectFor(agency.data, e.type);
            payload = recordedToWireJson(e);
          } catch (err) {
            // A stored record that is not a valid envelope cannot be published,
            // and must not stall the relay: it goes to the dead-letter stream.
            await Promise.all(window.map((w) => w.settled));
            advance();
            if (failure !== undefined) break;
            await deadLetter(e, err);
            stats.acked = e.position;
            continue;
          }
          const entry: InFlight = { position: e.position, done: false, settled: Promise.resolve() };
          entry.settled = js.publish(subject, payload, { msgID: e.id, timeout }).then(
            (ack) => {
              entry.done = true;
              if (ack.duplicate) stats.duplicates += 1;
              else stats.published += 1;
              consecutiveFailures = 0;
              advance();
            },
            (err: unknown) => {
              if (failure === undefined) {
                failure = err;
                void sub.close();
              }
            },
          );
          window.push(entry);
          while (window.length >= maxInFlight && failure === undefined) await window[0]!.settled;
        }
      } catch (err) {
        failure ??= err;
      } finally {
        await sub.close().catch(() => undefined);
      }
      await Promise.all(window.map((w) => w.settled));
      advance();
      if (failure !== undefined && !stopped) {
        stats.failures += 1;
        const wait = backoff[Math.min(consecutiveFailures, backoff.length - 1)] ?? 1000;
        consecutiveFailures += 1;
        logger?.warn({ err: failure, resumeAfter: stats.acked.toString(), waitMs: wait }, 'relay publish failed; resuming after the last acknowledged event');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
  const running = loop();

  return {
    stats: () => ({ ...stats }),
    waitFor: (position, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (stats.saved >= position) return resolve();
        const w = { position, resolve: () => (clearTimeout(t), resolve()) };
        const t = setTimeout(() => (waiters.delete(w), reject(new Error(`relay did not reach position ${position} in ${timeoutMs} ms`))), timeoutMs);
        waiters.add(w);
      }),
    stop: async () => {
      stopped = true;
      await currentSub?.close();
      await running;
      clearInterval(timer);
      await saving;
      await save();
    },
  };
}
