import type { ConsumerRun } from './consumer';

/** How the consumer reaches the origins' relays (over the agency services' `republish` RPC). */
export interface OriginRepair {
  /** The origins to keep in step with: every agency whose service relays its events. */
  origins(): string[];
  /**
   * Ask the origin's relay how far its store goes and, with `republish`, to
   * publish again every event after `after` (the last position taken in
   * here). Resolves to the origin's head; rejects when it does not answer.
   */
  ask(origin: string, after: bigint, republish: boolean, upTo?: bigint): Promise<bigint>;
  /** How often origins are asked for their heads when the consumer is idle. @default 10000 */
  syncIntervalMs?: number;
  /** How long a gap may stay open before the origin is asked again. @default 15000 */
  retryMs?: number;
}

/**
 * Gap repair (issue 10, item 2). An event after a gap in its origin's
 * chain is held and the origin is asked at once to publish again from the
 * last position taken in, and again every `retryMs` while the gap stays
 * open. A gap at the end of a chain has no later event to show it (the last
 * messages deleted, the stream purged or wiped): when the consumer is idle,
 * each origin is asked for its head every `syncIntervalMs`; a head that is
 * still not taken in one interval later (not merely in flight) has the
 * origin publish again from the last position taken in. An origin is not
 * asked again before the hub has read past where the stream ended when it
 * was last asked: its re-published events are on their way.
 */
export function startRepairs(run: ConsumerRun, repair: OriginRepair): { stop: () => void } {
  const retryMs = repair.retryMs ?? 15_000;
  const syncMs = repair.syncIntervalMs ?? 10_000;
  const asked = new Map<string, number>();
  // Re-published events join the end of the stream: until the hub has read that far, asking again only re-sends them.
  const readUpTo = new Map<string, number>();
  const suspected = new Map<string, bigint>();
  let lastSync = Date.now();
  let busy = false;

  const republish = (origin: string, after: bigint, why: string, upTo?: bigint): void => {
    asked.set(origin, Date.now());
    readUpTo.set(origin, run.stats.position + run.stats.pending + run.queue.length);
    run.stats.repairsRequested += 1;
    run.options.logger?.warn({ origin, after: after.toString(), why }, 'asking an origin to publish its events again');
    repair.ask(origin, after, true, upTo).catch((err: unknown) => run.options.logger?.warn({ err, origin }, 'origin did not answer a re-publish request; asking again later'));
  };

  const mayAskAgain = (origin: string): boolean => Date.now() - (asked.get(origin) ?? 0) >= retryMs && run.stats.position >= (readUpTo.get(origin) ?? 0);

  const repairGaps = (): void => {
    for (const gap of run.ledger.gaps()) {
      if (mayAskAgain(gap.origin)) republish(gap.origin, gap.after, `events ${gap.after + 1n}..${gap.upTo} missing before ${gap.parked} held`, gap.upTo);
    }
  };

  const syncHeads = async (): Promise<void> => {
    const chains = run.ledger.chains();
    await Promise.allSettled(
      repair.origins().map(async (origin) => {
        const last = chains.get(origin) ?? 0n;
        const head = await repair.ask(origin, last, false);
        const before = suspected.get(origin);
        if (head <= last) return void suspected.delete(origin);
        if (before !== undefined && before > last && mayAskAgain(origin)) {
          suspected.delete(origin);
          republish(origin, last, `the origin holds events up to ${head}; ${before} was announced an interval ago and has not arrived`);
        } else if (before === undefined) suspected.set(origin, head);
      }),
    );
  };

  const tick = async (): Promise<void> => {
    if (busy || run.stopped) return;
    busy = true;
    try {
      repairGaps();
      // Caught up (not merely quiet: a busy network is never quiet), so a head not taken in is not just in flight.
      const idle = run.queue.length === 0 && !run.stats.retrying && run.stats.pending === 0 && Date.now() - run.lastMessageAt > 200;
      if (idle && Date.now() - lastSync >= syncMs) {
        lastSync = Date.now();
        await checkStream(run);
        await syncHeads();
      }
    } catch (err) {
      run.options.logger?.warn({ err }, 'gap repair check failed; trying again');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.min(1000, syncMs));
  return { stop: () => clearInterval(timer) };
}

/** A stream that now holds less than the read model has seen was wiped or recreated: the subscription is opened again from its beginning. */
async function checkStream(run: ConsumerRun): Promise<void> {
  const { state } = await run.jsm.streams.info(run.stream);
  const position = run.ledger.position();
  const durable = await run.jsm.consumers.info(run.stream, run.durable.name).catch(() => undefined);
  if (position > state.last_seq || !durable) {
    run.options.logger?.warn({ position, streamLast: state.last_seq, durable: Boolean(durable) }, 'the event stream or the durable consumer was reset: subscribing again');
    run.restart?.();
  }
}
