import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';
import { tempDir, type TempDir } from './tempFiles';

/** The nats-server binary: $NATS_SERVER_BIN, else `nats-server` on PATH (scripts/setup.sh installs it). */
export const natsServerBin = (): string => process.env.NATS_SERVER_BIN ?? 'nats-server';

export interface NatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** The running process id (changes on restart). */
  pid(): number | undefined;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** SIGKILL, waits for exit: what a crash looks like. */
  kill(): Promise<void>;
  /** Start again on the same port with the same store directory. */
  start(): Promise<void>;
  /** Stop and remove the store directory. */
  dispose(): Promise<void>;
}

interface Spec {
  name: string;
  port: number;
  config: string;
  dir: TempDir;
}

function launch(spec: Spec, label: string): Promise<ChildProcess> {
  const conf = spec.dir.file(`${spec.name}.conf`);
  writeFileSync(conf, spec.config);
  const child = spawn(natsServerBin(), ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not become ready within 20s:\n${log.slice(-2000)}`));
    }, 20_000);
    const onData = (b: Buffer): void => {
      log += b.toString();
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${natsServerBin()}: ${err.message}. Run scripts/setup.sh or set NATS_SERVER_BIN.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${String(code)} before it was ready:\n${log.slice(-2000)}`));
    });
  });
}

const waitExit = (child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

function managed(spec: Spec, ownsDir: boolean): NatsServer {
  let child: ChildProcess | undefined;
  const server: NatsServer = {
    url: `nats://127.0.0.1:${spec.port}`,
    port: spec.port,
    storeDir: spec.dir.file(`js-${spec.name}`),
    pid: () => child?.pid,
    start: async () => {
      child = await launch(spec, `nats-server ${spec.name}`);
    },
    stop: () => waitExit(child, 'SIGTERM'),
    kill: () => waitExit(child, 'SIGKILL'),
    dispose: async () => {
      await waitExit(child, 'SIGTERM');
      if (ownsDir) spec.dir.remove();
    },
  };
  return server;
}

/** A single JetStream-enabled nats-server on a free loopback port with its own store directory. */
export async function startNatsServer(options: { name?: string } = {}): Promise<NatsServer> {
  const dir = tempDir('tb-nats-');
  const port = await freePort();
  const name = options.name ?? 'n1';
  const config = `
server_name: ${name}
listen: 127.0.0.1:${port}
max_payload: 1MB
jetstream {
  store_dir: "${join(dir.path, `js-${name}`)}"
  max_memory_store: 256MB
  max_file_store: 4GB
}
`;
  const server = managed({ name, port, config, dir }, true);
  await server.start();
  return server;
}

export interface NatsCluster {
  servers: NatsServer[];
  /** All client URLs, comma separated, for a client that fails over. */
  urls: string[];
  dispose(): Promise<void>;
}

/** A 3-node JetStream cluster (R3 streams work on it) on free loopback ports. */
export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  const dir = tempDir('tb-nats-cluster-');
  const clientPorts = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routePorts = await Promise.all(Array.from({ length: size }, () => freePort()));
  const monitorPorts = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routes = routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ');
  const servers = clientPorts.map((port, i) => {
    const name = `c${i + 1}`;
    const config = `
server_name: ${name}
listen: 127.0.0.1:${port}
http: 127.0.0.1:${monitorPorts[i]}
jetstream {
  store_dir: "${join(dir.path, `js-${name}`)}"
  max_memory_store: 256MB
  max_file_store: 4GB
}
cluster {
  name: tb-test
  listen: 127.0.0.1:${routePorts[i]}
  routes: [ ${routes} ]
}
`;
    return managed({ name, port, config, dir }, false);
  });
  // Start all nodes together: JetStream meta-leader election needs a quorum.
  await Promise.all(servers.map((s) => s.start()));
  await metaLeaderElected(monitorPorts.map((p) => `http://127.0.0.1:${p}/jsz`));
  return {
    servers,
    urls: servers.map((s) => s.url),
    dispose: async () => {
      await Promise.all(servers.map((s) => s.stop()));
      dir.remove();
    },
  };
}

/**
 * Resolves once every node names the same JetStream meta leader. "Server is
 * ready" comes before the election, and until it is over nats-server 2.9
 * leaves JetStream API requests unanswered: a client's first request would
 * time out instead of failing.
 */
async function metaLeaderElected(jszUrls: string[], timeoutMs = 30_000): Promise<void> {
  const leaderOf = async (url: string): Promise<string | undefined> => {
    const r = await fetch(url).catch(() => undefined);
    return r?.ok ? ((await r.json()) as { meta_cluster?: { leader?: string } }).meta_cluster?.leader || undefined : undefined;
  };
  const end = Date.now() + timeoutMs;
  for (;;) {
    const leaders = await Promise.all(jszUrls.map(leaderOf));
    if (leaders[0] !== undefined && leaders.every((l) => l === leaders[0])) return;
    if (Date.now() > end) throw new Error(`the cluster elected no JetStream meta leader within ${timeoutMs} ms (nodes say: ${leaders.join(', ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
