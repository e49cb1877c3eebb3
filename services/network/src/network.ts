import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOrCreateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateDirectoryKey } from '@tracebridge/identity';
import type { AgencyIdentityName, NatsIdentityName } from '@tracebridge/bus';
import { PRIVATE_UMASK } from '@tracebridge/server';
export { consoleDist, ensureConsoleBuilt } from './consoleBuild';
import { hostedAgencies, setUpStreams, tightenTree, writeNatsConfig, type NatsSetup } from './natsSetup';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

/** The nats-server binary: $NATS_SERVER_BIN, else `nats-server` on PATH (scripts/setup.sh installs it). The test kit reads the same variable. */
const natsServerBin = (): string => process.env.NATS_SERVER_BIN ?? 'nats-server';

export interface NetworkPorts {
  nats: number;
  gateway: number;
  directory: number;
  customs: number;
  police: number;
  border: number;
  /** The liaison hub (the read side). */
  liaison: number;
  /** The regional service: the agency service of the LIAISON agencies (regional liaison points). */
  regional: number;
  /** The licensing service: the agency service of the LICENSING agencies (brokering licensing authorities, ADR 12). */
  licensing: number;
}

export const DEFAULT_PORTS: NetworkPorts = {
  nats: 4222,
  gateway: 4000,
  directory: 4001,
  customs: 4002,
  police: 4003,
  border: 4004,
  liaison: 4005,
  regional: 4006,
  licensing: 4007,
};

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface Network {
  ports: NetworkPorts;
  dataDir: string;
  processes: Map<string, RunningProcess>;
  /** Start (again) one service by name, e.g. after killing it in a test; `env` on top of its own (e.g. a TB_DATA_DIR of its own). */
  start: (name: ServiceName, env?: Record<string, string>) => Promise<RunningProcess>;
  stop: () => Promise<void>;
  /** The nkey seed file of a NATS identity (operator tooling and tests connect with it). */
  natsSeed: (name: NatsIdentityName) => string;
}

export type ServiceName = 'nats' | 'directory' | 'customs' | 'police' | 'border' | 'regional' | 'licensing' | 'liaison' | 'gateway';

function launch(name: string, cmd: string, args: string[], env: Record<string, string>, ready: string | RegExp, timeoutMs = 60_000): Promise<RunningProcess> {
  const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const onData = (b: Buffer): void => {
    out = (out + b.toString()).slice(-200_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const proc: RunningProcess = {
    name,
    child,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill(signal);
      }),
  };
  return new Promise((res, rej) => {
    const timer = setInterval(() => {
      if (typeof ready === 'string' ? out.includes(ready) : ready.test(out)) {
        clearInterval(timer);
        clearTimeout(deadline);
        res(proc);
      }
    }, 25);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGKILL');
      rej(new Error(`${name} was not ready within ${timeoutMs} ms:\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.once('exit', (code, sig) => {
      if (child.exitCode !== null || sig) {
        clearInterval(timer);
        clearTimeout(deadline);
        rej(new Error(`${name} exited (${String(code ?? sig)}):\n${out.slice(-3000)}`));
      }
    });
  });
}

/** One of this repository's services, run from its TypeScript source under tsx; ready once it logs `<name> ready`. */
const launchService = (name: Exclude<ServiceName, 'nats'>, env: Record<string, string>): Promise<RunningProcess> =>
  launch(name, process.execPath, ['--import', 'tsx', join(repoRoot, 'services', name, 'src', 'main.ts')], env, `${name} ready`);

/** Owner-only from the start: nats-server inherits the umask; the services set it again themselves (runMain). */
async function prepareDataDir(dir: string): Promise<string> {
  const dataDir = resolve(dir);
  process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tightenTree(dataDir);
  await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  return dataDir;
}

/**
 * Start the network: nats-server with its store under `dataDir`, then the
 * directory, the agency services (customs, police, border, regional for
 * the LIAISON agencies, licensing for the LICENSING ones), the liaison hub and the gateway, each a
 * process of its own, each started once the ones it needs are ready.
 */
export async function startNetwork(options: {
  dataDir: string;
  ports?: Partial<NetworkPorts>;
  logLevel?: string;
  /** Extra environment for every service, e.g. TB_RATE_LIMIT_PER_MINUTE. */ env?: Record<string, string>;
}): Promise<Network> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const dataDir = await prepareDataDir(options.dataDir);
  const common = await commonEnvironment(dataDir, ports, options);
  const nats = writeNatsConfig(dataDir, ports.nats);
  const launchers = serviceLaunchers(ports, common, nats);
  const processes = new Map<string, RunningProcess>();
  const start = async (name: ServiceName, env: Record<string, string> = {}): Promise<RunningProcess> => {
    const p = await launchers[name](env);
    processes.set(name, p);
    return p;
  };
  const stop = async (): Promise<void> => {
    for (const name of ['gateway', 'liaison', 'customs', 'police', 'border', 'regional', 'licensing', 'directory', 'nats']) await processes.get(name)?.kill('SIGTERM');
  };
  try {
    await startInDependencyOrder(start);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, dataDir, processes, start, stop, natsSeed: nats.seedFile };
}

/** The environment every service gets: where the data, the bus and the directory are, and the directory's public key. */
async function commonEnvironment(dataDir: string, ports: NetworkPorts, options: { logLevel?: string; env?: Record<string, string> }) {
  // Every key exists before any process starts: the directory publishes the services' public keys, and every service pins the directory's.
  const devKeys = join(dataDir, 'dev-keys');
  await loadOrCreateDevServiceRecords(devKeys);
  const directoryKey = await loadOrCreateDirectoryKey(devKeys);
  return {
    TB_DATA_DIR: dataDir,
    TB_NATS_URL: natsUrl(ports),
    TB_DIRECTORY_URL: directoryUrl(ports),
    TB_DIRECTORY_PUBLIC_KEY: JSON.stringify(directoryKey.publicJwk),
    TB_DEV_MODE: '1',
    TB_LOG_LEVEL: options.logLevel ?? 'warn',
    ...options.env,
  };
}

const natsUrl = (ports: NetworkPorts): string => `nats://127.0.0.1:${ports.nats}`;
const directoryUrl = (ports: NetworkPorts): string => `http://127.0.0.1:${ports.directory}`;

/** How to start each process: its command, its own environment on top of the common one, and the line that says it is ready. */
function serviceLaunchers(ports: NetworkPorts, common: Record<string, string>, nats: NatsSetup): Record<ServiceName, (env: Record<string, string>) => Promise<RunningProcess>> {
  const hosted = hostedAgencies();
  // The agencies a service records must be the ones its NATS identity may publish for.
  const agencyEnv = (name: AgencyIdentityName) => ({ ...common, TB_NATS_SEED: nats.seedFile(name), TB_AGENCIES: hosted[name].join(',') });
  return {
    // The streams with the server, at every start: a server whose store was lost (wiped, a new disk) gets them back before anyone publishes.
    nats: async () => {
      const p = await launch('nats', natsServerBin(), ['-c', nats.confFile], {}, 'Server is ready');
      await setUpStreams(natsUrl(ports), nats.seedFile('operator'));
      return p;
    },
    directory: (env) => launchService('directory', { ...common, TB_PORT: String(ports.directory), ...env }),
    customs: (env) => launchService('customs', { ...agencyEnv('customs'), TB_PORT: String(ports.customs), ...env }),
    police: (env) => launchService('police', { ...agencyEnv('police'), TB_PORT: String(ports.police), ...env }),
    border: (env) => launchService('border', { ...agencyEnv('border'), TB_PORT: String(ports.border), ...env }),
    regional: (env) => launchService('regional', { ...agencyEnv('regional'), TB_PORT: String(ports.regional), ...env }),
    licensing: (env) => launchService('licensing', { ...agencyEnv('licensing'), TB_PORT: String(ports.licensing), ...env }),
    liaison: (env) => launchService('liaison', { ...common, TB_NATS_SEED: nats.seedFile('liaison'), TB_PORT: String(ports.liaison), ...env }),
    gateway: (env) => launchService('gateway', { ...common, TB_PORT: String(ports.gateway), TB_SUBGRAPHS: subgraphs(ports), ...env }),
  };
}

/** The gateway's TB_SUBGRAPHS: name=url of every subgraph it composes. */
function subgraphs(ports: NetworkPorts): string {
  return [
    `directory=${directoryUrl(ports)}/graphql`,
    ...(['customs', 'police', 'border', 'regional', 'licensing', 'liaison'] as const).map((s) => `${s}=http://127.0.0.1:${ports[s]}/graphql`),
  ].join(',');
}

/** nats-server and its streams, the directory, then the agency services and the hub side by side, then the gateway. */
async function startInDependencyOrder(start: (name: ServiceName) => Promise<RunningProcess>): Promise<void> {
  await start('nats');
  await start('directory');
  // allSettled, not all: when one fails to start, the others must be registered before stop() runs, or they outlive it.
  const started = await Promise.allSettled([start('customs'), start('police'), start('border'), start('regional'), start('licensing'), start('liaison')]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  await start('gateway');
}
export { seedBrokers, seedNetwork, toReportInput } from './seed';
export { restartDelay, superviseNetwork, type Supervisor } from './supervisor';
