import { chmodSync, lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectBus,
  ensureStreams,
  loadOrCreateNatsCredentials,
  natsIdentities,
  natsInboxPrefix,
  renderNatsAccounts,
  type AgencyIdentityName,
  type NatsCredential,
  type NatsIdentityName,
} from '@tracebridge/bus';
import { DEMO_AGENCIES } from '@tracebridge/identity';

/**
 * Data directories written by older versions were 0755 with 0644 files;
 * tighten them on start so an upgrade does not leave the records readable.
 * Symlinks are left alone: chmod would follow them out of the tree.
 */
export function tightenTree(dir: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir)) tightenTree(join(dir, entry));
  } else {
    chmodSync(dir, 0o600);
  }
}

/** The demo agencies each agency service hosts, from the one list of demo agencies: one service per kind, `regional` for the LIAISON agencies, `licensing` for the LICENSING ones. */
export function hostedAgencies(): Record<AgencyIdentityName, string[]> {
  const of = (kind: string): string[] => DEMO_AGENCIES.filter((a) => a.kind === kind).map((a) => a.id);
  return { customs: of('CUSTOMS'), police: of('POLICE'), border: of('BORDER'), regional: of('LIAISON'), licensing: of('LICENSING') };
}

export interface NatsSetup {
  confFile: string;
  /** The seed file of each identity, handed to its service in TB_NATS_SEED. */
  seedFile: (name: NatsIdentityName) => string;
}

/**
 * Create (first start) or reuse the identities' nkeys under `<dataDir>/nats-creds`
 * and rewrite nats.conf from their public keys, so a changed permission takes
 * effect on the next start.
 */
export function writeNatsConfig(dataDir: string, port: number): NatsSetup {
  const identities = natsIdentities(hostedAgencies());
  const creds = loadOrCreateNatsCredentials(
    join(dataDir, 'nats-creds'),
    identities.map((i) => i.name),
  );
  const confFile = join(dataDir, 'nats.conf');
  const conf = [
    'server_name: tb-local',
    `listen: 127.0.0.1:${port}`,
    'max_payload: 1MB',
    `jetstream { store_dir: ${JSON.stringify(join(dataDir, 'nats'))} }`,
    renderNatsAccounts(identities, creds, hostedAgencies()),
  ].join('\n');
  writeFileSync(confFile, conf, { mode: 0o600 });
  chmodSync(confFile, 0o600);
  const byName = new Map<NatsIdentityName, NatsCredential>(creds.map((c) => [c.name, c]));
  return { confFile, seedFile: (name) => byName.get(name)!.seedFile };
}

/** Streams are administered by the operator alone: the launcher sets them up before any service starts. */
export async function setUpStreams(natsUrl: string, seedFile: string): Promise<void> {
  const nc = await connectBus(natsUrl, 'tb-launcher', { seedFile, inboxPrefix: natsInboxPrefix('operator') });
  try {
    await ensureStreams(nc);
  } finally {
    await nc.close();
  }
}
