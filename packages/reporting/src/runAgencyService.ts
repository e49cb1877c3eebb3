import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectBus, createLogger, natsInboxPrefix } from '@tracebridge/bus';
import { loadOrCreateDevKeys, loadOrCreateServiceKeys, type AgencyKeys } from '@tracebridge/identity';
import { fetchTrustRegistry, loadEmbargoRegimes, serveUntilStopped } from '@tracebridge/server';
import { loadAgencyConfig } from './agencyConfig';
import { AGENCY_SERVICE_NAMES, type AgencyServiceKind } from './agencyKinds';
import { buildAgencyService, type HostedAgency } from './agencyService';
import { agencyStorageFile, openAgencyStorage, type AgencyStorage } from './agencyStorage';
import { openGuardedStorage } from './guardedStorage';
import { hmacKeyedIds } from './keyedIds';
import { traceDeadlines } from '@tracebridge/domain';

/**
 * The main of an agency service (customs, police, border, and regional for
 * the LIAISON agencies): configuration from the environment, each hosted
 * agency's stores as `TB_EVENT_STORE` says, the relay, the subgraph.
 * Ctrl-C / SIGTERM stop it cleanly.
 */
export async function runAgencyService(kind: AgencyServiceKind, defaults: { port: number; agencies: string }): Promise<void> {
  const config = loadAgencyConfig(kind, defaults);
  if (config.TB_DEV_MODE !== '1') throw new Error('only the dev network (TB_DEV_MODE=1, demo keys) is wired up so far');
  const embargoes = loadEmbargoRegimes(config.TB_EMBARGO_FILE);
  // The service's name, its NATS identity and its process's name in the network are one.
  const identity = AGENCY_SERVICE_NAMES[kind];
  const logger = createLogger(identity);
  const registry = await fetchTrustRegistry(config, { onRefused: (err) => logger.warn({ err }, 'trust registry refused; keeping the last good one') });
  const keys = await loadOrCreateDevKeys(join(config.TB_DATA_DIR, 'dev-keys'));
  const serviceKeys = await loadOrCreateServiceKeys(join(config.TB_DATA_DIR, 'dev-keys'), config.TB_SERVICE_ID);
  // The streams are the operator's to create: the launcher has set them up before any service starts.
  const nc = await connectBus(config.TB_NATS_URL.split(','), `tb-${identity}`, { seedFile: config.TB_NATS_SEED, inboxPrefix: natsInboxPrefix(identity) });
  const storages: AgencyStorage[] = [];
  const agencies = config.TB_AGENCIES.split(',').map((id): HostedAgency => {
    const agency = devAgency(kind, id, keys, config.TB_DATA_DIR);
    // Each agency's stores on their own: one that does not open makes that agency unavailable, not the service (issue 10).
    const file = agencyStorageFile(id, config.TB_DATA_DIR, config.TB_EVENT_STORE);
    const storage = openGuardedStorage(id, file, () => openAgencyStorage(id, config.TB_DATA_DIR, config.TB_EVENT_STORE, { logger: logger.child({ agency: id }) }), {
      retryEveryMs: config.TB_STORE_RETRY_MS,
      logger,
    });
    storages.push(storage);
    return { ...agency, store: storage.store, vault: storage.vault, checkpoints: storage.checkpoints, availability: storage };
  });
  const service = await buildAgencyService({ kind, agencies, registry: registry.current, nc, serviceKeys, embargoes, traceDeadlines: traceDeadlines(process.env), logger });
  await serveUntilStopped(service.app, {
    name: identity,
    port: config.TB_PORT,
    host: config.TB_HOST,
    cleanup: async () => {
      await service.close();
      await nc.drain();
      for (const s of storages) await s.close();
    },
  });
}

/** A hosted agency of the dev network, its stores aside: its keys from the dev key files. */
function devAgency(kind: AgencyServiceKind, id: string, keys: readonly AgencyKeys[], dataDir: string): Pick<HostedAgency, 'id' | 'state' | 'eventKey' | 'keyedIds'> {
  const k = keys.find((x) => x.agency.id === id);
  if (!k || k.agency.kind !== kind) throw new Error(`${id} is not a ${kind.toLowerCase()} agency of the demo network`);
  // Dev only: the keyed-id secret is derived from the agency's private key file.
  const secret = createHash('sha256')
    .update(readFileSync(join(dataDir, 'dev-keys', `${id}.json`)))
    .digest();
  return { id, state: k.agency.state, eventKey: k.eventKey, keyedIds: hmacKeyedIds(id, secret) };
}
