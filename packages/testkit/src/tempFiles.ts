import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSqliteEventStore, type SqliteEventStore } from '@tracebridge/eventstore';

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

/**
 * A temp directory removed by `remove()` (call it in afterAll). `inMemory`
 * puts it on /dev/shm where there is one: real files, but an fsync costs
 * nothing, for tests that commit tens of thousands of transactions and are
 * not about durability.
 */
export function tempDir(prefix = 'tb-', options: { inMemory?: boolean } = {}): TempDir {
  const path = mkdtempSync(join(options.inMemory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A SQLite event store in a fresh temp file; closing it also removes the file. */
export function tempSqliteStore(): SqliteEventStore & { file: string } {
  const dir = tempDir('tb-store-');
  const file = dir.file('events.db');
  const store = getSqliteEventStore(file);
  const close = store.close.bind(store);
  return Object.assign(store, {
    file,
    close: async () => {
      await close();
      dir.remove();
    },
  });
}
