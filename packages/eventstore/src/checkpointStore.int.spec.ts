import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { getSqliteCheckpointStore } from './checkpointStore';
import { describeCheckpointStoreContract } from './checkpointStoreContract';
import { getSqliteEventStore } from './sqliteEventStore';

const dir = mkdtempSync(join(tmpdir(), 'tb-cp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `checkpoints-${++n}.db`);

// With a SQLite event store: the checkpoints table in the store's own file.
describeCheckpointStoreContract(
  'SQLite, in the event store file',
  (f) => {
    const store = getSqliteEventStore(f);
    return { checkpoints: getSqliteCheckpointStore(store), close: () => store.close() };
  },
  file,
);

// With a KurrentDB event store: a SQLite file of the subscriber's own (no server needed to test it).
describeCheckpointStoreContract(
  'SQLite, in a file of its own (beside KurrentDB)',
  (f) => {
    const checkpoints = getSqliteCheckpointStore(f);
    return { checkpoints, close: () => checkpoints.close() };
  },
  file,
);
