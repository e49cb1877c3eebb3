import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tracebridge/bus';

/** Left by `npm run hub:rebuild`: the hub's next start moves its read model aside and rebuilds it. */
export const REBUILD_MARKER = 'liaison.rebuild-requested';
/** The running hub's pid, for `npm run hub:rebuild`. */
export const PID_FILE = 'liaison.pid';

/**
 * At start: a rebuild asked for moves the read model (and its WAL) aside,
 * kept for the operator, so the hub starts from the beginning of the
 * stream; then the pid file is written for the next `hub:rebuild`.
 */
export function prepareReadModel(dataDir: string, log: Logger): { release: () => void } {
  const marker = join(dataDir, REBUILD_MARKER);
  if (existsSync(marker)) {
    const kept = `liaison.db.before-rebuild-${new Date().toISOString().replaceAll(':', '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      const file = join(dataDir, `liaison.db${suffix}`);
      if (existsSync(file)) renameSync(file, join(dataDir, `${kept}${suffix}`));
    }
    rmSync(marker);
    log.warn({ kept }, 'rebuild asked: the read model is moved aside and rebuilt from the event stream');
  }
  const pidFile = join(dataDir, PID_FILE);
  writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
  return { release: () => rmSync(pidFile, { force: true }) };
}
