import { join } from 'node:path';
import { connectBus, createLogger, HUB_JS_API_PREFIX, LIAISON_DURABLE, natsInboxPrefix, startConsumer, type Consumer, type Logger, type NatsConnection } from '@tracebridge/bus';
import { consumerHealth } from './consumerHealth';
import { prepareReadModel } from './readModelFiles';
import { DirectoryConfig, fetchTrustRegistry, loadEmbargoRegimes, runMain, serveUntilStopped, type RegistryHandle } from '@tracebridge/server';
import { loadOrCreateServiceKeys, type ServiceKeys } from '@tracebridge/identity';
import { diversionRules, traceDeadlines } from '@tracebridge/domain';
import { z } from 'zod';
import {
  agreementsNamingUnknownAgencies,
  auditChainHead,
  buildLiaison,
  createHubPolicy,
  LiaisonProjection,
  loadSharingAgreements,
  openAuditStore,
  originRepair,
} from '@tracebridge/hub';

const Config = DirectoryConfig.extend({
  TB_PORT: z.coerce.number().int().min(1).max(65535).default(4005),
  TB_HOST: z.string().default('127.0.0.1'),
  TB_DATA_DIR: z.string().default('.data'),
  TB_NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** The hub's id in the trust registry. */
  TB_SERVICE_ID: z.string().default('liaison'),
  TB_EMBARGO_FILE: z.string().min(1).optional(),
  /** The hub's NATS nkey seed file (the launcher creates it); the bus refuses anonymous connections. */
  TB_NATS_SEED: z.string().min(1),
  /** Sharing agreements in force (docs/operations.md): a JSON array; none when unset. */
  TB_SHARING_AGREEMENTS_FILE: z.string().min(1).optional(),
  /** Threads verifying event signatures beside the consumer (issue 10: rebuilds use both cores). */
  TB_VERIFY_THREADS: z.coerce.number().int().min(0).max(16).default(1),
  /** Messages behind the stream from which the hub takes events in its rebuild mode (derived indexes computed once caught up). */
  TB_HUB_REBUILD_THRESHOLD: z.coerce.number().int().min(1).max(100_000_000).default(5000),
  /** How often, when idle, each origin's relay is asked how far its store goes (gap repair at the end of a chain). */
  TB_HUB_SYNC_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(10_000),
  /** How long a gap may stay open before its origin is asked again to re-publish. */
  TB_HUB_REPAIR_RETRY_MS: z.coerce.number().int().min(200).max(3_600_000).default(15_000),
  /** How often overdue tracing requests are looked for and escalated. */
  TB_TRACE_ESCALATION_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
});

async function main(): Promise<void> {
  const config = Config.parse(process.env);
  const log = createLogger('liaison');
  const registry = await fetchTrustRegistry(config, { onRefused: (err) => log.warn({ err }, 'trust registry refused; keeping the last good one') });
  const serviceKeys = await loadOrCreateServiceKeys(join(config.TB_DATA_DIR, 'dev-keys'), config.TB_SERVICE_ID);
  // The streams are the operator's to create: the launcher has set them up before any service starts.
  const nc = await connectBus(config.TB_NATS_URL.split(','), 'tb-liaison', { seedFile: config.TB_NATS_SEED, inboxPrefix: natsInboxPrefix('liaison') });
  const agreements = loadSharingAgreements(config.TB_SHARING_AGREEMENTS_FILE);
  for (const unknown of agreementsNamingUnknownAgencies(agreements, registry.current()))
    log.warn({ agreement: unknown.id, names: unknown.names }, 'sharing agreement names an agency or group the registry does not list: it has no effect for them');
  const policy = createHubPolicy(registry.current, agreements);
  const readModel = prepareReadModel(config.TB_DATA_DIR, log);
  const projection = new LiaisonProjection(join(config.TB_DATA_DIR, 'liaison.db'), policy, {
    onRecompute: (stats) => log.info(stats, 'visibility index recomputed (the policy or the registry’s agencies, states or groups changed)'),
    onIndexFilled: (stats) => (stats.skipped > 0 ? log.warn : log.info).call(log, stats, 'seizure-derived index filled from the seizures held'),
    traceDeadlines: traceDeadlines(process.env),
    diversion: diversionRules(process.env),
  });
  // Before the consumer and the API start: a changed policy is applied at start, not inside the first request.
  projection.visibility.ensureCurrent();
  const auditDb = openAuditStore(join(config.TB_DATA_DIR, 'liaison-audit.db'), projection.db);
  // The head, to keep outside the file: a rewrite of the whole chain is only caught against one kept elsewhere (docs/operations.md, "Audit").
  const logAuditHead = (when: string) => log.info({ auditHead: auditChainHead(auditDb) }, `audit chain head ${when} (check: npm run audit:verify -- --head <hash>)`);
  logAuditHead('at start');
  const consumer = await startHubConsumer(config, { nc, serviceKeys, registry, projection, log });
  const embargoes = loadEmbargoRegimes(config.TB_EMBARGO_FILE);
  const { app, close } = await buildLiaison({
    projection,
    auditDb,
    registry: registry.current,
    nc,
    serviceKeys,
    embargoes,
    traceEscalationIntervalMs: config.TB_TRACE_ESCALATION_INTERVAL_MS,
    logger: log,
    health: consumerHealth(consumer),
  });
  await serveUntilStopped(app, {
    name: 'liaison',
    port: config.TB_PORT,
    host: config.TB_HOST,
    cleanup: async () => {
      close();
      await consumer.stop();
      await nc.drain();
      projection.db.close();
      readModel.release();
      logAuditHead('at stop');
      auditDb.close();
    },
  });
}

/** The hub's consumer of the event stream: the read model's batches, gap repair with the origins' relays, signatures verified beside it (issue 10). */
function startHubConsumer(
  config: z.infer<typeof Config>,
  hub: { nc: NatsConnection; serviceKeys: ServiceKeys; registry: RegistryHandle; projection: LiaisonProjection; log: Logger },
): Promise<Consumer> {
  const { nc, registry, projection, log } = hub;
  return startConsumer({
    nc,
    durable: LIAISON_DURABLE,
    // The streams live in the operator's account; the hub reaches its consumer through an import under this prefix.
    apiPrefix: HUB_JS_API_PREFIX,
    registry: registry.current,
    refreshRegistry: registry.refresh,
    db: projection.db,
    inbox: projection.inbox,
    handle: (event) => projection.apply(event),
    onCommitted: () => projection.applied.emit('applied'),
    verifyThreads: config.TB_VERIFY_THREADS,
    bulk: { threshold: config.TB_HUB_REBUILD_THRESHOLD, eligible: () => projection.isEmpty(), begin: () => projection.beginBulk(), end: () => projection.endBulk() },
    repair: originRepair(
      { nc, me: hub.serviceKeys, registry: registry.current, logger: log },
      { syncIntervalMs: config.TB_HUB_SYNC_INTERVAL_MS, retryMs: config.TB_HUB_REPAIR_RETRY_MS },
    ),
    logger: log,
  });
}

runMain(main);
