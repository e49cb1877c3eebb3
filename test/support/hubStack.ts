import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { connectBus, createLogger, ensureStreams, LIAISON_DURABLE, startConsumer, type Consumer, type NatsConnection } from '@tracebridge/bus';
import type { OfficerRole } from '@tracebridge/contracts';
import { traceDeadlines } from '@tracebridge/domain';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore } from '@tracebridge/hub';
import {
  createTrustRegistry,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  mintDevToken,
  type AgencyKeys,
  type TrustRegistry,
} from '@tracebridge/identity';
import { buildAgencyService, hmacKeyedIds, openAgencyStorage, type AgencyStorage } from '@tracebridge/reporting';
import { loadEmbargoRegimes, type FastifyInstance } from '@tracebridge/server';
import { startNatsServer, tempDir, type NatsServer, type TempDir } from '@tracebridge/testkit';
import { expect } from 'vitest';

export interface GqlResult<T = Record<string, unknown>> {
  data: T | null | undefined;
  errors?: { message: string; extensions: { code: string; tbCode?: string; path?: (string | number)[] } }[];
}

/** The data of an answer that must have no errors (its errors shown if it has). */
export const ok = <T>(r: GqlResult<T>): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

/**
 * The hub and the agency services in one process over a real nats-server
 * and real SQLite files, wired as the network wires them: the agency
 * services' relays publish to JetStream, the hub's durable consumer applies
 * what arrives, case acts go hub → agency service → store → bus → hub. The
 * middle tier for the case work: every path real, no process start-up.
 */
export interface HubStack {
  registry: TrustRegistry;
  projection: LiaisonProjection;
  consumer: Consumer;
  /** The dev keys of a demo agency (to sign an event as it would). */
  keysOf: (agency: string) => AgencyKeys;
  /** A GraphQL request to the hub as an officer of `agency` (every role of its kind unless `roles`). */
  hub: <T = Record<string, unknown>>(agency: string, query: string, variables?: Record<string, unknown>, roles?: readonly OfficerRole[]) => Promise<GqlResult<T>>;
  /** A GraphQL request to an agency service. */
  service: <T = Record<string, unknown>>(kind: keyof typeof SERVICES, agency: string, query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;
  close: () => Promise<void>;
}

const SERVICES = {
  customs: { kind: 'CUSTOMS', agencies: ['GH-CUSTOMS', 'TG-CUSTOMS'] },
  police: { kind: 'POLICE', agencies: ['GH-POLICE', 'TG-POLICE'] },
  border: { kind: 'BORDER', agencies: ['GH-BORDER', 'BF-BORDER'] },
  // The brokering licensing authorities (ADR 12): their broker registry acts go hub → licensing service → store → bus → hub.
  licensing: { kind: 'LICENSING', agencies: ['GH-LICENSING', 'TG-LICENSING'] },
} as const;

export interface HubStackOptions {
  /** TB_TRACE_DEADLINE_* as the hub and every agency service would read them. */
  traceEnv?: Record<string, string>;
  /** How often the hub looks for overdue traces. */
  escalationIntervalMs?: number;
  /** The licensing service's clock (a test may set its authorities' acts in the past). @default the real clock */
  licensingClock?: () => Date;
}

export async function startHubStack(name: string, options: HubStackOptions = {}): Promise<HubStack> {
  process.env.TB_LOG_LEVEL ??= 'warn';
  const dir: TempDir = tempDir(`tb-${name}-`);
  const nats: NatsServer = await startNatsServer({ name });
  try {
    return await buildHubStack(name, options, dir, nats);
  } catch (err) {
    // A stack that fails to start leaves no nats-server behind (it is a process of its own, outliving the test run).
    await nats.dispose();
    dir.remove();
    throw err;
  }
}

async function buildHubStack(name: string, options: HubStackOptions, dir: TempDir, nats: NatsServer): Promise<HubStack> {
  const deadlines = traceDeadlines(options.traceEnv ?? {});
  const nc: NatsConnection = await connectBus(nats.url, `${name}-test`);
  await ensureStreams(nc);
  const keys = await generateDevKeys();
  const key = (id: string): AgencyKeys => keys.find((k) => k.agency.id === id)!;
  const registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(dir.file('keys')));
  const storages: AgencyStorage[] = [];
  const services = Object.fromEntries(
    await Promise.all(
      Object.entries(SERVICES).map(async ([svc, { kind, agencies }]) => {
        const hosted = agencies.map((id) => {
          const storage = openAgencyStorage(id, dir.path, { kind: 'sqlite' });
          storages.push(storage);
          const k = key(id);
          return {
            id,
            state: k.agency.state,
            eventKey: k.eventKey,
            keyedIds: hmacKeyedIds(id, randomBytes(32)),
            store: storage.store,
            vault: storage.vault,
            checkpoints: storage.checkpoints,
          };
        });
        const built = await buildAgencyService({
          kind,
          agencies: hosted,
          registry: () => registry,
          nc,
          serviceKeys: await loadOrCreateServiceKeys(dir.file('keys'), svc),
          embargoes: loadEmbargoRegimes(),
          traceDeadlines: deadlines,
          ...(svc === 'licensing' && options.licensingClock ? { clock: options.licensingClock } : {}),
        });
        return [svc, built] as const;
      }),
    ),
  ) as Record<keyof typeof SERVICES, Awaited<ReturnType<typeof buildAgencyService>>>;
  const projection = new LiaisonProjection(
    join(dir.path, 'liaison.db'),
    createHubPolicy(() => registry),
    { traceDeadlines: deadlines },
  );
  const consumer = await startConsumer({
    nc,
    durable: LIAISON_DURABLE,
    registry: () => registry,
    db: projection.db,
    inbox: projection.inbox,
    handle: (event) => projection.apply(event),
    onCommitted: () => projection.applied.emit('applied'),
    logger: createLogger('hub-stack'),
  });
  const auditDb = openAuditStore(dir.file('audit.db'));
  const liaison = await buildLiaison({
    projection,
    auditDb,
    registry: () => registry,
    nc,
    serviceKeys: await loadOrCreateServiceKeys(dir.file('keys'), 'liaison'),
    embargoes: loadEmbargoRegimes(),
    ...(options.escalationIntervalMs ? { traceEscalationIntervalMs: options.escalationIntervalMs } : {}),
  });
  const ask = async <T>(app: FastifyInstance, agency: string, query: string, variables?: Record<string, unknown>, roles?: readonly OfficerRole[]): Promise<GqlResult<T>> => {
    const token = await mintDevToken(key(agency), roles ? { roles } : {});
    const r = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { query, variables },
    });
    return r.json<GqlResult<T>>();
  };
  return {
    registry,
    projection,
    consumer,
    keysOf: key,
    hub: (agency, query, variables, roles) => ask(liaison.app, agency, query, variables, roles),
    service: (svc, agency, query, variables) => ask(services[svc].app, agency, query, variables),
    close: async () => {
      liaison.close();
      await liaison.app.close();
      await consumer.stop();
      for (const s of Object.values(services)) await s.close();
      for (const s of storages) await s.close();
      projection.db.close();
      auditDb.close();
      await nc.close();
      await nats.dispose();
      dir.remove();
    },
  };
}
