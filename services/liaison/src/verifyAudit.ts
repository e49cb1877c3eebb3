/**
 * `npm run audit:verify -- [--data-dir <dir>] [--head <hash>]`: walks the
 * hash chain of the hub's audit (`<data dir>/liaison-audit.db`, read only;
 * safe while the hub runs) and prints its head. With `--head`, a head kept
 * elsewhere earlier must still be in the chain. Exit code 0: intact; 1: the
 * first bad entry is named on stderr; 2: usage, or no audit file there.
 * What it proves and does not: docs/operations.md, "Audit".
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAuditStoreReadOnly, verifyAuditChain } from '@tracebridge/hub';

const usage = 'usage: npm run audit:verify -- [--data-dir <dir>] [--head <hash>]   (data dir: TB_DATA_DIR, else .data/network)';

function main(): number {
  let values: { 'data-dir'?: string; head?: string };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, head: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');
  const file = join(dataDir, 'liaison-audit.db');
  if (!existsSync(file)) {
    console.error(`no hub audit at ${file}\n${usage}`);
    return 2;
  }
  if (values.head !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.head)) {
    console.error(`--head takes the 64 hex digits of a head hash (as printed here or logged by the hub)\n${usage}`);
    return 2;
  }
  let db: ReturnType<typeof openAuditStoreReadOnly> | undefined;
  try {
    db = openAuditStoreReadOnly(file);
    const report = verifyAuditChain(db, values.head ? { expectedHead: values.head } : {});
    if (!report.ok) {
      const where = report.firstBad?.seq == null ? '' : ` at seq ${report.firstBad.seq}`;
      console.error(`audit chain BROKEN${where}: ${report.firstBad?.reason}\n  (${file}; intact for ${report.rows} entries, up to seq ${report.head.seq} ${report.head.hash})`);
      return 1;
    }
    const kept = values.head ? `\nthe head kept elsewhere (${values.head.toLowerCase()}) is in the chain` : '';
    console.log(
      `audit chain ok: ${report.rows} entries in ${file}${kept}\nhead: seq ${report.head.seq} ${report.head.hash}\n` +
        `keep the head elsewhere; later, check the file against it: npm run audit:verify -- --head ${report.head.hash}`,
    );
    return 0;
  } catch (err) {
    // Not a SQLite file, or one SQLite cannot read: broken as far as the audit goes.
    console.error(`audit chain BROKEN: ${file} cannot be read: ${(err as Error).message}`);
    return 1;
  } finally {
    db?.close();
  }
}

process.exitCode = main();
