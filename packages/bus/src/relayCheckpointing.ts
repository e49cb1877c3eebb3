import type { CheckpointStore } from '@tracebridge/eventstore';
import type { Logger } from './logger';

export interface Checkpointing {
  /** Resolves when `progress.saved` reaches `position`; rejects after `timeoutMs`. @default timeoutMs 30000 */
  waitFor: (position: bigint, timeoutMs?: number) => Promise<void>;
  /** Stops the timer, then writes the last acknowledged position. */
  stop(): Promise<void>;
}

/**
 * Writes `progress.acked` as the relay's checkpoint every `everyMs` when it
 * moved, one write at a time, records it in `progress.saved`, and resolves
 * the waiters whose position is then saved.
 */
export function startCheckpointing(
  checkpoints: CheckpointStore,
  name: string,
  progress: { readonly acked: bigint; saved: bigint },
  everyMs: number,
  logger: Logger | undefined,
): Checkpointing {
  let saving: Promise<void> | undefined;
  let lastLogged = 0;
  const waiters = new Set<{ position: bigint; resolve: () => void }>();

  const save = async (): Promise<void> => {
    if (saving || progress.acked === progress.saved) return saving;
    const position = progress.acked;
    // Whatever the adapter does (a synchronous throw on a full disk), a failed save is a rejection handled below, never an unhandled one.
    saving = Promise.resolve()
      .then(() => checkpoints.save(name, position))
      .then(() => {
        progress.saved = position;
        for (const w of waiters) {
          if (w.position <= position) {
            waiters.delete(w);
            w.resolve();
          }
        }
      })
      .catch((err: unknown) => {
        // Every 100 ms while a disk stays full: logged once a minute at most.
        if (Date.now() - lastLogged >= 60_000) {
          lastLogged = Date.now();
          logger?.error({ err }, 'relay checkpoint save failed; retrying (the relay goes on publishing; a restart meanwhile re-publishes, and repeats are dropped)');
        }
      })
      .finally(() => (saving = undefined));
    return saving;
  };
  const timer = setInterval(() => void save(), everyMs);

  return {
    waitFor: (position, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (progress.saved >= position) return resolve();
        const w = { position, resolve: () => (clearTimeout(t), resolve()) };
        const t = setTimeout(() => (waiters.delete(w), reject(new Error(`relay did not reach position ${position} in ${timeoutMs} ms`))), timeoutMs);
        waiters.add(w);
      }),
    stop: async () => {
      clearInterval(timer);
      await saving;
      await save();
    },
  };
}
