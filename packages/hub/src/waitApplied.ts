import type { EventEmitter } from 'node:events';

/** Resolves with what `probe` finds, probing again after each 'applied' (and every 50 ms), or undefined after `timeoutMs`. */
export async function waitUntilApplied<T>(applied: EventEmitter, probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const row = probe();
    if (row !== undefined || Date.now() >= end) return row;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        applied.off('applied', done);
        resolve();
      };
      const t = setTimeout(done, Math.min(50, Math.max(1, end - Date.now())));
      applied.on('applied', done);
    });
  }
}
