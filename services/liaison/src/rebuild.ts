/**
 * `npm run hub:rebuild -- [--data-dir <dir>]`: rebuild the hub's read model
 * from the event stream (issue 10, item 3). It asks for a rebuild (a marker
 * file beside the read model) and stops the running hub (its pid file): the
 * network's supervisor starts it again, and at start the hub moves its read
 * model aside (kept as `liaison.db.before-rebuild-<time>`) and takes the
 * whole stream in again, in its rebuild mode, then asks every agency's relay
 * for what the stream lacks. The audit (`liaison-audit.db`) is not touched.
 * Without a supervisor, start the hub yourself. Exit code 0: asked; 2: usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REBUILD_MARKER, PID_FILE } from './readModelFiles';

const usage = 'usage: npm run hub:rebuild -- [--data-dir <dir>]   (data dir: TB_DATA_DIR, else .data/network)';

function main(): number {
  let values: { 'data-dir'?: string };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');
  if (!existsSync(dataDir)) {
    console.error(`no data directory at ${dataDir}\n${usage}`);
    return 2;
  }
  writeFileSync(join(dataDir, REBUILD_MARKER), new Date().toISOString(), { mode: 0o600 });
  const pidFile = join(dataDir, PID_FILE);
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
  let stopped = false;
  // Only the hub: a pid file left by a hub that was killed (not stopped) may name another process by now.
  if (Number.isInteger(pid) && pid > 0 && isHub(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
      stopped = true;
    } catch {
      stopped = false; // not running
    }
  }
  console.log(
    stopped
      ? `rebuild asked; the hub (pid ${pid}) is stopping: under npm start it is started again at once and rebuilds from the event stream.`
      : 'rebuild asked; the hub is not running: it rebuilds from the event stream when it next starts.',
  );
  console.log('Follow it on the hub’s /health (consumer.rebuilding, position, pending) or /metrics (tb_consumer_lag).');
  return 0;
}

/** Whether the process is the hub (its command line runs services/liaison/src/main.ts). */
function isHub(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((arg) => arg.endsWith(join('liaison', 'src', 'main.ts')));
  } catch {
    return false;
  }
}

process.exitCode = main();
