import type { Network, RunningProcess, ServiceName } from './network';

/** How long to wait before the next restart of a service that has crashed `failures` times in a row: doubling from `initialMs`, at most `maxMs`. */
export function restartDelay(failures: number, backoff: { initialMs: number; maxMs: number }): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
}

export interface SupervisorOptions {
  /** Told of every exit and restart, in words (npm start prints them). */
  log: (line: string) => void;
  /** @default { initialMs: 1000, maxMs: 30000 } */
  backoff?: { initialMs: number; maxMs: number };
  /** A service that ran this long before it exited starts its back-off again from the beginning. @default 30000 */
  stableMs?: number;
}

export interface Supervisor {
  /** Restarts so far, per service. */
  restarts: () => ReadonlyMap<string, number>;
  /** Stop restarting (before the network is stopped): pending restarts are cancelled, one in flight is stopped when it comes up. */
  stop: () => void;
}

/**
 * Keep every process of a running network up (issue 10, item 9): one that
 * exits is logged with the end of its output and started again after a
 * back-off that doubles while it keeps failing; the others keep serving.
 * Ctrl-C is the caller's: `stop()` first, then `network.stop()`.
 */
export function superviseNetwork(network: Network, options: SupervisorOptions): Supervisor {
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
  const stableMs = options.stableMs ?? 30_000;
  const failures = new Map<string, number>();
  const restarts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const watch = (p: RunningProcess): void => {
    const startedAt = Date.now();
    p.child.once('exit', (code, signal) => {
      if (stopped || network.processes.get(p.name) !== p) return;
      const n = Date.now() - startedAt >= stableMs ? 1 : (failures.get(p.name) ?? 0) + 1;
      failures.set(p.name, n);
      const delay = restartDelay(n, backoff);
      options.log(`${p.name} exited (${String(code ?? signal)}); restarting in ${delay} ms (the rest of the network keeps serving)\n${p.output().slice(-1500)}`);
      schedule(p.name as ServiceName, delay);
    });
  };

  const schedule = (name: ServiceName, delay: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      network.start(name).then(
        (p) => {
          if (stopped) return void p.kill('SIGTERM');
          restarts.set(name, (restarts.get(name) ?? 0) + 1);
          options.log(`${name} restarted`);
          watch(p);
        },
        (err: unknown) => {
          const n = (failures.get(name) ?? 0) + 1;
          failures.set(name, n);
          const next = restartDelay(n, backoff);
          options.log(`${name} did not start (${(err as Error).message.split('\n')[0]}); trying again in ${next} ms`);
          schedule(name, next);
        },
      );
    }, delay);
    timers.add(timer);
  };

  for (const p of network.processes.values()) watch(p);
  return {
    restarts: () => restarts,
    stop: () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
