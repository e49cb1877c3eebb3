/**
 * `npm run hub:dead-letters -- [list | replay [--id <n>]] [--data-dir <dir>]`:
 * the hub's dead letters (issue 10, item 1), kept in its read model
 * (`<data dir>/liaison.db`). `list` prints them, read only, safe while the
 * hub runs. `replay` marks one (or all) to be taken in again: the running
 * hub picks them up within a second (a stopped one at its next start),
 * verifies each again with the current trust registry and applies it, or
 * dead-letters it again with the reason of the day. Exit code 0: done;
 * 2: usage, or no read model there.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ConsumerLedger, LIAISON_DURABLE } from '@tracebridge/bus';

const usage = 'usage: npm run hub:dead-letters -- [list | replay [--id <n>]] [--data-dir <dir>]   (data dir: TB_DATA_DIR, else .data/network)';

function main(): number {
  let parsed: { values: { 'data-dir'?: string; id?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { 'data-dir': { type: 'string' }, id: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const command = parsed.positionals[0] ?? 'list';
  const id = parsed.values.id === undefined ? undefined : Number(parsed.values.id);
  if (!['list', 'replay'].includes(command) || parsed.positionals.length > 1 || (id !== undefined && !(Number.isInteger(id) && id > 0))) {
    console.error(usage);
    return 2;
  }
  const dataDir = parsed.values['data-dir'] ?? process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');
  const file = join(dataDir, 'liaison.db');
  if (!existsSync(file)) {
    console.error(`no hub read model at ${file}\n${usage}`);
    return 2;
  }
  const db = new Database(file, { readonly: command === 'list', fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    const ledger = new ConsumerLedger(db, LIAISON_DURABLE);
    if (command === 'replay') {
      const marked = ledger.requestReplay(id);
      console.log(marked === 0 ? 'no such dead letter' : `${marked} dead letter(s) marked for replay: the hub takes them in within a second while it runs, else at its next start`);
      return 0;
    }
    const rows = ledger.deadLetters();
    if (rows.length === 0) console.log('no dead letters');
    for (const r of rows) {
      const at = new Date(r.deadAt).toISOString();
      console.log(
        `#${r.id}  ${at}  seq ${r.streamSequence}  ${r.code}  ${r.subject}  event ${r.eventId ?? '-'}${r.replayRequested ? '  (replay requested)' : ''}\n    ${r.reason}`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
