import { join } from 'node:path';
import {
  getKurrentEventStore,
  getSqliteCheckpointStore,
  getSqliteEventStore,
  openSqliteFile,
  type CheckpointStore,
  type EventStore,
  type KurrentLogger,
} from '@tracebridge/eventstore';
import { z } from 'zod';
import type { PersonVault } from './personVault';
import { getSqlitePersonVault, getSqlitePersonVaultBeside } from './sqlitePersonVault';

/** Where the agencies' events are kept (`TB_EVENT_STORE`). */
export type EventStoreLocation = { kind: 'sqlite' } | { kind: 'kurrentdb'; connectionString: string };

/** The client's schemes (esdb:// is its deprecated name), one or more hosts, then options: `kurrentdb://host:2113?tls=false`. */
const KURRENT_CONNECTION = /^(?:kurrentdb|kurrent|kdb|esdb)(?:\+discover)?:\/\/[^\s/?#]+\/?(?:\?[^\s#]*)?$/;

/**
 * `TB_EVENT_STORE`: unset, empty or `sqlite` for one SQLite file per agency
 * (the embedded default); a KurrentDB connection string for a cluster. The
 * messages never repeat the value: it may hold a password.
 */
export const EventStoreSetting = z
  .string()
  .trim()
  .default('sqlite')
  .refine((v) => v === '' || v === 'sqlite' || KURRENT_CONNECTION.test(v), {
    message: 'must be "sqlite" or a KurrentDB connection string such as kurrentdb://127.0.0.1:2113?tls=false (also kurrentdb+discover://, esdb://)',
  })
  .transform((v): EventStoreLocation => (v === '' || v === 'sqlite' ? { kind: 'sqlite' } : { kind: 'kurrentdb', connectionString: v }));

/** One hosted agency's ports: its events, its person vault, its relay's checkpoints. */
export interface AgencyStorage {
  store: EventStore;
  vault: PersonVault;
  checkpoints: CheckpointStore;
  /** Where they are, for the log (never a connection string: it may hold credentials). */
  where: string;
  close(): Promise<void>;
}

/**
 * The agency's streams on a shared KurrentDB cluster all start with this, so
 * agencies never share a stream: `gh_customs.` (its seizures are then the
 * category `gh_customs.seizure`). Agency ids have no `.` or `_`, so no
 * agency's prefix is the start of another's.
 */
export const agencyStreamPrefix = (agency: string): string => `${agency.toLowerCase().replaceAll('-', '_')}.`;

/**
 * Open a hosted agency's storage as configured. SQLite: `<agency>.db` holds
 * the events, the vault and the checkpoints (the vault written in the
 * append's transaction). KurrentDB: the events on the cluster under the
 * agency's stream prefix; the vault and checkpoints in `<agency>.local.db`,
 * never in KurrentDB (person data stays out of its events).
 * @param options.streamNamespace put before every agency's prefix (tests on a shared server) @default ''
 * @param options.logger where the KurrentDB store logs its subscriptions' retries and failures @default none
 */
export function openAgencyStorage(
  agency: string,
  dataDir: string,
  location: EventStoreLocation,
  options: { streamNamespace?: string; logger?: KurrentLogger } = {},
): AgencyStorage {
  if (location.kind === 'sqlite') return sqliteAgencyStorage(agencyStorageFile(agency, dataDir, location));
  const prefix = `${options.streamNamespace ?? ''}${agencyStreamPrefix(agency)}`;
  const store = getKurrentEventStore(location.connectionString, { streamPrefix: prefix, ...(options.logger ? { logger: options.logger } : {}) });
  return storageBeside(store, agencyStorageFile(agency, dataDir, location), `KurrentDB, streams ${prefix}*`);
}

/** The agency's SQLite file as `openAgencyStorage` opens it: `<agency>.db` (events, vault, checkpoints), or `<agency>.local.db` beside KurrentDB. */
export const agencyStorageFile = (agency: string, dataDir: string, location: EventStoreLocation): string =>
  join(dataDir, `${agency.toLowerCase()}${location.kind === 'sqlite' ? '' : '.local'}.db`);

/** Events, vault and checkpoints in one SQLite file. */
export function sqliteAgencyStorage(file: string): AgencyStorage {
  const store = getSqliteEventStore(file);
  try {
    return { store, vault: getSqlitePersonVault(store), checkpoints: getSqliteCheckpointStore(store), where: file, close: () => store.close() };
  } catch (err) {
    // A file that opened but cannot hold the vault's table (read only, full): not left open behind the error.
    void store.close();
    throw err;
  }
}

/** Events in `store`; the vault and the checkpoints in a SQLite file of the agency's own. */
export function storageBeside(store: EventStore, file: string, where: string): AgencyStorage {
  let db: ReturnType<typeof openSqliteFile> | undefined;
  try {
    db = openSqliteFile(file);
    const local = db;
    return {
      store,
      vault: getSqlitePersonVaultBeside(local, store),
      checkpoints: getSqliteCheckpointStore(local),
      where: `${where}; vault and checkpoints in ${file}`,
      close: async () => {
        await store.close();
        local.close();
      },
    };
  } catch (err) {
    db?.close();
    void store.close();
    throw err;
  }
}
