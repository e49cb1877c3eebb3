import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectBus, createLogger, natsInboxPrefix } from '@tracebridge/bus';
import { getSqliteEventStore } from '@tracebridge/eventstore';
import { loadOrCreateDevKeys, loadOrCreateServiceKeys } from '@tracebridge/identity';
import { defaultEmbargoFile, DirectoryConfig, fetchTrustRegistry, loadEmbargoRegimes, serveUntilStopped } from '@tracebridge/server';
import { z } from 'zod';
import { buildAgencyService } from './agencyService';

/**
 * The main of an agency service (customs, police, border): configuration
 * from the environment, one SQLite event store per hosted agency, the relay,
 * the subgraph. Ctrl-C / SIGTERM stop it cleanly.
 */
export async function runAgencyService(kind: 'CUSTOMS' | 'POLICE' | 'BORDER', defaults: { port: number; agencies: string }): Promise<void> {
  const Config = DirectoryConfig.extend({
    TB_PORT: z.coerce.number().int().min(1).max(65535).default(defaults.port),
    TB_HOST: z.string().default('127.0.0.1'),
    TB_DATA_DIR: z.string().default('.data'),
    TB_NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    /** This service's id in the trust registry. @default the kind in lower case */
    TB_SERVICE_ID: z.string().default(kind.toLowerCase()),
    /** Comma-separated agencies recorded by this service, each in its own SQLite file. */
    TB_AGENCIES: z.string().default(defaults.agencies),
    TB_EMBARGO_FILE: z.string().default(defaultEmbargoFile),
    TB_DEV_MODE: z.enum(['0', '1']).default('0'),
    /** This service's NATS nkey seed file (the launcher creates it); the bus refuses anonymous connections. */
    TB_NATS_SEED: z.string().min(1),
  });
  const config = Config.parse(process.env);
  if (config.TB_DEV_MODE !== '1') throw new Error('only the dev network (TB_DEV_MODE=1, demo keys) is wired up so far');
  const embargoes = loadEmbargoRegimes(config.TB_EMBARGO_FILE);
  const logger = createLogger(kind.toLowerCase());
  const registry = await fetchTrustRegistry(config, { onRefused: (err) => logger.warn({ err }, 'trust registry refused; keeping the last good one') });
  const keys = await loadOrCreateDevKeys(join(config.TB_DATA_DIR, 'dev-keys'));
  const serviceKeys = await loadOrCreateServiceKeys(join(config.TB_DATA_DIR, 'dev-keys'), config.TB_SERVICE_ID);
  const identity = kind === 'CUSTOMS' ? 'customs' : kind === 'POLICE' ? 'police' : 'border';
  // The streams are the operator's to create: the launcher has set them up before any service starts.
  const nc = await connectBus(config.TB_NATS_URL.split(','), `tb-${identity}`, { seedFile: config.TB_NATS_SEED, inboxPrefix: natsInboxPrefix(identity) });
  const agencies = config.TB_AGENCIES.split(',').map((id) => {
    const k = keys.find((x) => x.agency.id === id);
    if (!k || k.agency.kind !== kind) throw new Error(`${id} is not a ${kind.toLowerCase()} agency of the demo network`);
    // Dev only: the keyed-id secret is derived from the agency's private key file.
    const secret = createHash('sha256')
      .update(readFileSync(join(config.TB_DATA_DIR, 'dev-keys', `${id}.json`)))
      .digest();
    return { id, state: k.agency.state, eventKey: k.eventKey, secret, store: getSqliteEventStore(join(config.TB_DATA_DIR, `${id.toLowerCase()}.db`)) };
  });
  const service = await buildAgencyService({ kind, agencies, registry: registry.current, nc, serviceKeys, embargoes, logger });
  await serveUntilStopped(service.app, {
    name: kind.toLowerCase(),
    port: config.TB_PORT,
    host: config.TB_HOST,
    cleanup: async () => {
      await service.close();
      await nc.drain();
      for (const a of agencies) await a.store.close();
    },
  });
}
