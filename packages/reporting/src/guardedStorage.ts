import type { Logger, Relay } from '@tracebridge/bus';
import { ErrorCodes, TracebridgeError } from '@tracebridge/contracts';
import type { CheckpointStore, EventStore } from '@tracebridge/eventstore';
import type { HealthProbe } from '@tracebridge/server';
import type { AgencyStorage } from './agencyStorage';
import type { PersonVault } from './personVault';

/**
 * One hosted agency's stores, kept apart from its neighbours' (issue 10,
 * item 6). An agency service hosts several agencies in one process, each in
 * its own file; a file that cannot be opened (corrupt, unreadable, its disk
 * gone) must take down only its own agency. So the stores are opened here, and
 * when that fails the agency is unavailable, not the service: its ports refuse
 * every call with SERVICE_UNAVAILABLE (retryable) saying that the agency's
 * records are unavailable, the log and `/health` name the file and the error,
 * and the open is tried again every `retryEveryMs`, so an operator who puts the
 * file back from a backup needs no restart. The other agencies serve, relay and
 * answer their RPCs as before.
 *
 * Every call through these ports answers with a promise, never a synchronous
 * throw: better-sqlite3 throws where the ports promise (a checkpoint written on
 * a full disk), and the relay's checkpoint timer calls `save` without a
 * `catch`, so a throw there was an unhandled rejection that ended the process.
 */
export interface GuardedStorage extends AgencyStorage {
  /** Resolves once the stores are open: at once when they opened at the first try. Never rejects. */
  readonly ready: Promise<void>;
  status(): StorageStatus;
}

/** What `/health` and the log say of an agency's stores. */
export interface StorageStatus {
  ready: boolean;
  /** Where they are (files, never a connection string). */
  where: string;
  /** Why they did not open: the SQLite code and message (e.g. `SQLITE_NOTADB: file is not a database`). */
  error?: string;
  /** When they were first found unavailable. */
  since?: string;
}

/** The agency's records cannot be reached through this service just now; nothing was done. */
export class AgencyUnavailableError extends TracebridgeError {
  override readonly name = 'AgencyUnavailableError';
  constructor(readonly agency: string) {
    super(ErrorCodes.SERVICE_UNAVAILABLE, `the records of ${agency} are unavailable at this service just now; nothing was done, try again later`, { details: { agency } });
  }
}

export interface GuardOptions {
  /** How often to try again to open stores that did not open. @default 10000 */
  retryEveryMs?: number;
  logger?: Logger;
}

/**
 * Open an agency's stores with `open`, now and, until it succeeds, every
 * `retryEveryMs`. `where` names them for the log while they are not open (the
 * file `open` would use).
 */
export function openGuardedStorage(agency: string, where: string, open: () => AgencyStorage, options: GuardOptions = {}): GuardedStorage {
  let current: AgencyStorage | undefined;
  let closed = false;
  let failure: Pick<StorageStatus, 'error' | 'since'> = {};
  let timer: NodeJS.Timeout | undefined;
  let opened: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const attempt = (): void => {
    timer = undefined;
    if (closed) return;
    try {
      current = open();
      failure = {};
      options.logger?.info({ agency, store: current.where }, 'agency storage opened');
      opened();
    } catch (err) {
      const error = describe(err);
      if (failure.error !== error) options.logger?.error({ agency, file: where, error }, 'agency storage unavailable; its officers are refused (retryable) until it opens');
      failure = { error, since: failure.since ?? new Date().toISOString() };
      timer = setTimeout(attempt, options.retryEveryMs ?? 10_000);
      timer.unref();
    }
  };
  attempt();
  const port = (): AgencyStorage => {
    if (!current) throw new AgencyUnavailableError(agency);
    return current;
  };
  return {
    store: guardedStore(() => port().store),
    vault: guardedVault(() => port().vault),
    checkpoints: guardedCheckpoints(() => port().checkpoints),
    get where() {
      return current?.where ?? where;
    },
    ready,
    status: () => ({ ready: current !== undefined, where: current?.where ?? where, ...failure }),
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await current?.close();
    },
  };
}

/** The SQLite (or other) code and the message, for the log and /health: never a connection string (the message of a failed open names only the file). */
function describe(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** Runs `f` as a promise: a synchronous throw (better-sqlite3's) becomes a rejection. */
function settle<R>(f: () => Promise<R>): Promise<R> {
  try {
    return f();
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function guardedStore(store: () => EventStore): EventStore {
  return {
    appendToStream: (streamId, events, options) => settle(() => store().appendToStream(streamId, events, options)),
    readStream: (streamId, options) => settle(() => store().readStream(streamId, options)),
    readAll: (options) => settle(() => store().readAll(options)),
    // Only the relay subscribes, once the stores are open (buildAgencyService waits for `ready`).
    subscribeToAll: (options) => store().subscribeToAll(options),
    // The relay's lag is measured against it.
    headPosition: () => settle(() => store().headPosition?.() ?? Promise.resolve(0n)),
    // The stores are closed by the guard's own close.
    close: () => Promise.resolve(),
  };
}

function guardedVault(vault: () => PersonVault): PersonVault {
  return {
    appendWithIdentities: (persons, streamId, events, options) => settle(() => vault().appendWithIdentities(persons, streamId, events, options)),
    forSeizure: (seizureId) => settle(() => vault().forSeizure(seizureId)),
    seizuresSharingDocuments: (keys) => settle(() => vault().seizuresSharingDocuments(keys)),
    fillDocumentKeys: (keyOf) => settle(() => vault().fillDocumentKeys(keyOf)),
    close: () => Promise.resolve(),
  };
}

function guardedCheckpoints(checkpoints: () => CheckpointStore): CheckpointStore {
  return {
    load: (name) => settle(() => checkpoints().load(name)),
    save: (name, position) => settle(() => checkpoints().save(name, position)),
    close: () => Promise.resolve(),
  };
}

/** `/health`'s `stores`: each hosted agency's stores, ready or not (then with the file and the error); not ok while one is not. */
export function storesProbe(agencies: readonly { id: string; availability?: { status(): StorageStatus } }[]): HealthProbe {
  return () => {
    const byAgency = Object.fromEntries(agencies.map((a) => [a.id, a.availability?.status() ?? { ready: true }]));
    return { ok: Object.values(byAgency).every((s) => s.ready), agencies: byAgency };
  };
}

type MaybeOpen = { id: string; availability?: { ready: Promise<void>; status(): StorageStatus } };
const openNow = (a: MaybeOpen): boolean => !a.availability || a.availability.status().ready;

/** Run an agency's start-up step (e.g. filling its vault's document keys) now, awaited, when its stores are open; else once they open, its failure logged. */
export async function onceOpen(agency: MaybeOpen, step: () => Promise<unknown>, logger?: Logger): Promise<void> {
  if (openNow(agency)) {
    await step();
    return;
  }
  void agency.availability!.ready.then(step).catch((err: unknown) => logger?.error({ err, agency: agency.id }, 'start-up step of an agency whose storage opened late failed'));
}

/**
 * The agency's relay: started now when its stores are open; else once they
 * open, and until then its stats are zeros and `waitFor` waits for it.
 */
export async function relayOnceOpen(agency: MaybeOpen, start: () => Promise<Relay>, logger?: Logger): Promise<Relay> {
  if (openNow(agency)) return start();
  let relay: Relay | undefined;
  let stopped = false;
  const started = agency
    .availability!.ready.then(async () => {
      if (stopped) return;
      relay = await start();
      if (stopped) await relay.stop();
    })
    .catch((err: unknown) => logger?.error({ err, agency: agency.id }, 'relay of an agency whose storage opened late did not start'));
  return {
    stats: () => relay?.stats() ?? { published: 0, duplicates: 0, deadLettered: 0, failures: 0, acked: 0n, publishedHead: 0n, saved: 0n, republished: 0, head: 0n },
    waitFor: async (position, timeoutMs) => {
      await started;
      if (!relay) throw new AgencyUnavailableError(agency.id);
      return relay.waitFor(position, timeoutMs);
    },
    // Not open yet: nothing to publish again; the hub asks again later.
    republish: (after, upTo) => relay?.republish(after, upTo) ?? Promise.resolve(false),
    stop: async () => {
      stopped = true;
      await relay?.stop();
    },
  };
}
