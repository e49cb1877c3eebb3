import { DEFAULT_PORTS, startNetwork, type Network, type NetworkPorts } from '@tracebridge/network';
import { freePort, tempDir, type TempDir } from '@tracebridge/testkit';
import { devTokens } from './graphql';

export interface TestNetwork {
  network: Network;
  dir: TempDir;
  /** The gateway's GraphQL URL. */
  url: string;
  /** A dev token per demo agency. */
  tokens: Record<string, string>;
  close: () => Promise<void>;
}

/** Free loopback ports for every process of the network (every one that has a default port, so none is left on it). */
export async function freeNetworkPorts(): Promise<NetworkPorts> {
  const names = Object.keys(DEFAULT_PORTS) as (keyof NetworkPorts)[];
  const ports = await Promise.all(names.map(() => freePort()));
  return Object.fromEntries(names.map((n, i) => [n, ports[i]!])) as unknown as NetworkPorts;
}

/**
 * Tests send many requests with one token: the per-officer rate limit is raised
 * unless a test sets it (test/security/ tests it at its real size).
 */
const TEST_ENV = { TB_RATE_LIMIT_PER_MINUTE: '1000000', TB_AGENCY_RATE_LIMIT_PER_MINUTE: '1000000' };

/** The whole network as processes, on free ports, with its data in a temp directory removed by `close`. */
export async function startTestNetwork(prefix: string, dir: TempDir = tempDir(prefix), env: Record<string, string> = {}): Promise<TestNetwork> {
  const network = await startNetwork({ dataDir: dir.path, ports: await freeNetworkPorts(), env: { ...TEST_ENV, ...env } });
  return {
    network,
    dir,
    url: `http://127.0.0.1:${network.ports.gateway}/graphql`,
    tokens: await devTokens(dir.path),
    close: async () => {
      await network.stop();
      dir.remove();
    },
  };
}
