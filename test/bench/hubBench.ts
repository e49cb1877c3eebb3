/**
 * What the hub benchmarks of issue 8 share (caseView, policyOverhead,
 * auditOverhead): a registry larger than the demo's (a case of 20
 * participants needs 20 agencies), seizures projected as the hub's consumer
 * applies them (signed by their originators, decoded, applied in one
 * transaction each batch), the hub's subgraph built in process as
 * services/liaison builds it, and the statistics every figure is printed with.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { spawnService, type ServiceProcess } from '../support/processes';
import { cpus, totalmem } from 'node:os';
import { connectBus, ensureStreams, type NatsConnection } from '@tracebridge/bus';
import { createUnsignedEnvelope, decodeEvent, type NewEventInput, type ServiceRecord, type SignedEnvelope } from '@tracebridge/contracts';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore, type HubPolicy } from '@tracebridge/hub';
import {
  createTrustRegistry,
  DEMO_AGENCIES,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDirectoryKey,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  signEvent,
  type AgencyKeys,
  type DemoAgency,
  type TrustRegistry,
} from '@tracebridge/identity';
import { loadEmbargoRegimes, type FastifyInstance } from '@tracebridge/server';
import { createSeizureGenerator, freePort, startNatsServer, tempDir, type NatsServer, type TempDir } from '@tracebridge/testkit';

export const scale = Number(process.env.TB_BENCH_SCALE ?? 1);

/** Run a benchmark's main and exit with its outcome (the hub, gateway and nats-server it started hold the event loop open). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
export const now = (): number => performance.now();
export const pct = (xs: readonly number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
export const median = (xs: readonly number[]): number => pct(xs, 50);
export const ms = (x: number): string => `${x.toFixed(1)} ms`;
export const machine = (): string =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; scale ${scale}; ${new Date().toISOString()}`;

/** Benchmark-only agencies beside the demo's seven: 21 in all, in ten states (the registry a 20-participant case needs). */
export const BENCH_AGENCIES: readonly DemoAgency[] = [
  ['CI', 'CUSTOMS'],
  ['CI', 'POLICE'],
  ['NG', 'CUSTOMS'],
  ['NG', 'POLICE'],
  ['BJ', 'CUSTOMS'],
  ['BJ', 'POLICE'],
  ['NE', 'BORDER'],
  ['NE', 'POLICE'],
  ['ML', 'BORDER'],
  ['ML', 'POLICE'],
  ['SN', 'CUSTOMS'],
  ['SN', 'POLICE'],
  ['LR', 'POLICE'],
  ['SL', 'POLICE'],
].map(([state, kind]) => ({ id: `${state}-${kind}`, state: state!, kind: kind as DemoAgency['kind'], name: `${state} ${kind!.toLowerCase()} (benchmark agency)` }));

/** A nats-server, the keys and registry of 21 agencies and the dev services, in a temp directory on the real disk (fsyncs cost what they cost). */
export interface BenchWorld {
  dir: TempDir;
  keys: AgencyKeys[];
  keysOf: (agency: string) => AgencyKeys;
  services: ServiceRecord[];
  registry: TrustRegistry;
  nc: NatsConnection;
  close: () => Promise<void>;
}

export async function openBenchWorld(prefix: string): Promise<BenchWorld> {
  // The hub's per-agency limit protects a real network; a benchmark is one agency asking as fast as it can.
  process.env.TB_AGENCY_RATE_LIMIT_PER_MINUTE ??= '100000000';
  process.env.TB_LOG_LEVEL ??= 'warn';
  const dir = tempDir(prefix);
  const nats: NatsServer = await startNatsServer();
  const nc = await connectBus(nats.url, `${prefix}bench`);
  await ensureStreams(nc);
  const keys = await generateDevKeys([...DEMO_AGENCIES, ...BENCH_AGENCIES]);
  // Service keys as files: the gateway process of the case benchmark reads its own from TB_DATA_DIR/dev-keys.
  const services = await loadOrCreateDevServiceRecords(dir.file('dev-keys'));
  const registry = createTrustRegistry(devAgencyRecords(keys), services);
  return {
    dir,
    keys,
    keysOf: (agency) => keys.find((k) => k.agency.id === agency) ?? failWith(`no keys for ${agency}`),
    services,
    registry,
    nc,
    close: async () => {
      await nc.close();
      await nats.dispose();
      dir.remove();
    },
  };
}

const failWith = (message: string): never => {
  throw new Error(message);
};

/** A projection file under the hub's own policy over the world's registry (or `policy`). */
export const openProjection = (world: BenchWorld, file: string, policy: HubPolicy = createHubPolicy(() => world.registry)): LiaisonProjection =>
  new LiaisonProjection(world.dir.file(file), policy);

/** Apply signed events as the hub's consumer does (decoded, in one transaction per batch of 500). */
export function applyAll(projection: LiaisonProjection, events: readonly SignedEnvelope[]): void {
  for (let i = 0; i < events.length; i += 500) {
    const batch = events.slice(i, i + 500).map(decodeEvent);
    projection.db.transaction(() => batch.forEach((e) => projection.apply(e)))();
  }
}

/**
 * `count` generated seizures (seeded: the same data every run), each signed
 * by its originator: the generator's demo reporters, or `originators` in
 * turn; with `handling` when given.
 */
export async function signedSeizuresOf(
  world: BenchWorld,
  count: number,
  options: { seed?: number; originators?: readonly string[]; handling?: NewEventInput<'SeizureReported'>['handling'] } = {},
) {
  const generator = createSeizureGenerator(options.seed ?? 8);
  const out: SignedEnvelope[] = [];
  for (let i = 0; i < count; i++) {
    const s = generator.next();
    const agency = options.originators ? options.originators[i % options.originators.length]! : s.originator.agency;
    const k = world.keysOf(agency);
    const unsigned = createUnsignedEnvelope({
      type: 'SeizureReported',
      streamId: `seizure-${s.data.seizureId}`,
      originator: { agency, state: k.agency.state },
      handling: options.handling ?? s.handling,
      occurredAt: s.occurredAt,
      recordedAt: new Date().toISOString(),
      data: s.data,
    });
    out.push(await signEvent(unsigned, k.eventKey));
  }
  return out;
}

/** The same projection file under another name (closed first, so the copy holds every committed page). */
export function copyProjection(world: BenchWorld, projection: LiaisonProjection, file: string): void {
  const from = projection.db.name;
  projection.db.close();
  copyFileSync(from, world.dir.file(file));
}

export interface BenchHub {
  app: FastifyInstance;
  /** One GraphQL request in process (fastify inject), timed. */
  ask: (token: string, query: string, variables?: Record<string, unknown>) => Promise<{ ms: number; body: GqlBody }>;
  close: () => Promise<void>;
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** The hub's subgraph over `projection`, with its audit in its own fsynced file, as services/liaison builds it. */
export async function buildBenchHub(world: BenchWorld, projection: LiaisonProjection, auditFile: string): Promise<BenchHub> {
  projection.visibility.ensureCurrent();
  const auditDb = openAuditStore(world.dir.file(auditFile));
  const liaison = await buildLiaison({
    projection,
    auditDb,
    registry: () => world.registry,
    nc: world.nc,
    serviceKeys: await loadOrCreateServiceKeys(world.dir.file('dev-keys'), 'liaison'),
    embargoes: loadEmbargoRegimes(),
  });
  const app = liaison.app;
  return {
    app,
    ask: async (token, query, variables) => {
      const start = now();
      const r = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { query, variables },
      });
      const took = now() - start;
      const body = r.json<GqlBody>();
      if (r.statusCode !== 200 || body.errors) throw new Error(`${r.statusCode}: ${r.body.slice(0, 2000)}`);
      return { ms: took, body };
    },
    close: async () => {
      liaison.close();
      await app.close();
      projection.db.close();
      auditDb.close();
    },
  };
}

/** The directory (a registry of the world's agencies, from files) and the gateway, as processes, in front of the hub on `hubPort`. */
export async function startBenchGateway(world: BenchWorld, hubPort: number): Promise<{ url: string; processes: ServiceProcess[] }> {
  const [directoryPort, gatewayPort] = [await freePort(), await freePort()];
  writeFileSync(world.dir.file('agencies.json'), JSON.stringify(devAgencyRecords(world.keys)));
  writeFileSync(world.dir.file('services.json'), JSON.stringify(world.services));
  const directoryKey = await loadOrCreateDirectoryKey(world.dir.file('dev-keys'));
  const directory = await spawnService(
    'services/directory/src/main.ts',
    {
      TB_PORT: String(directoryPort),
      TB_DATA_DIR: world.dir.path,
      TB_AGENCIES_FILE: world.dir.file('agencies.json'),
      TB_SERVICES_FILE: world.dir.file('services.json'),
      TB_DIRECTORY_KEY_FILE: world.dir.file('dev-keys/directory.json'),
    },
    'directory ready',
  );
  const gateway = await spawnService(
    'services/gateway/src/main.ts',
    {
      TB_PORT: String(gatewayPort),
      TB_DATA_DIR: world.dir.path,
      TB_DIRECTORY_URL: `http://127.0.0.1:${directoryPort}`,
      TB_DIRECTORY_PUBLIC_KEY: JSON.stringify(directoryKey.publicJwk),
      TB_SUBGRAPHS: `directory=http://127.0.0.1:${directoryPort}/graphql,liaison=http://127.0.0.1:${hubPort}/graphql`,
      TB_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    'gateway ready',
  ).catch(async (err: unknown) => {
    await directory.stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${gatewayPort}/graphql`, processes: [gateway, directory] };
}
