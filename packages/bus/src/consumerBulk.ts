import type { ConsumerRun } from './consumer';

/** The read model's rebuild mode (ConsumerOptions.bulk): entered far behind the stream, before a batch. */
export function enterBulk(run: ConsumerRun): void {
  const bulk = run.options.bulk;
  if (!bulk || run.stats.rebuilding || run.stats.pending < bulk.threshold || !bulk.eligible()) return;
  try {
    bulk.begin();
  } catch (err) {
    // A full disk or a locked file right now: taken in the ordinary way instead (slower, never wrong).
    run.options.logger?.warn({ err }, 'could not enter the rebuild mode; taking the events in one by one');
    return;
  }
  run.options.logger?.info({ behind: run.stats.pending }, 'far behind the event stream: rebuilding, derived indexes are computed once caught up');
  run.stats.rebuilding = true;
}

/** Caught up: the derived indexes computed whole, retried like a batch until done. */
export async function leaveBulk(run: ConsumerRun): Promise<void> {
  const bulk = run.options.bulk;
  if (!bulk || !run.stats.rebuilding || run.queue.length > 0 || run.stats.pending > 0) return;
  const backoff = run.options.retryBackoffMs ?? [250, 1000, 2000, 5000, 10_000, 30_000];
  for (let attempt = 0; !run.stopped; attempt++) {
    try {
      const started = performance.now();
      bulk.end();
      run.stats.rebuilding = false;
      run.options.logger?.info({ ms: Math.round(performance.now() - started), position: run.stats.position }, 'caught up with the event stream: derived indexes computed');
      run.options.onCommitted?.();
      return;
    } catch (err) {
      run.options.logger?.warn({ err, attempt: attempt + 1 }, 'could not compute the derived indexes after a rebuild; retrying');
      await new Promise((r) => setTimeout(r, backoff[Math.min(attempt, backoff.length - 1)] ?? 1000));
    }
  }
}
