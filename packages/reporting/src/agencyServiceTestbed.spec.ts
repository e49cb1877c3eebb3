import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBus, ensureStreams, requestService } from '@tracebridge/bus';
import type { OfficerRole } from '@tracebridge/contracts';
import { getSqliteEventStore, type EventStore, type RecordedEvent } from '@tracebridge/eventstore';
import {
  createTrustRegistry,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  mintDevToken,
  verifyOfficerToken,
  type AgencyKeys,
  type Officer,
  type TrustRegistry,
} from '@tracebridge/identity';
import { loadEmbargoRegimes } from '@tracebridge/server';
import { startNatsServer, tempDir, type NatsServer, type TempDir } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildAgencyService, type HostedAgency } from './agencyService';
import { openAgencyStorage, storageBeside, type AgencyStorage } from './agencyStorage';
import { hmacKeyedIds } from './keyedIds';

/**
 * Test support for the agency service's middle tier (its `*.int.spec.ts`
 * import it; runtime code does not): the customs service hosting GH-CUSTOMS
 * and the police service hosting GH-POLICE, in process over a real bus, with
 * the dev network's keys and a trust registry, each agency on the storage
 * the caller opens. Requests go in through `app.inject` with minted tokens;
 * the hub's requests are made with the hub's own service keys.
 */
export interface Testbed {
  registry: TrustRegistry;
  agency: (id: TestbedAgency) => HostedAgency;
  service: (kind: 'customs' | 'police') => Awaited<ReturnType<typeof buildAgencyService>>;
  /** A GraphQL request to a service as an officer of `agency` (every role of its kind unless `roles`). */
  gql: (kind: 'customs' | 'police', agency: string, query: string, variables?: Record<string, unknown>, roles?: readonly OfficerRole[]) => Promise<GqlResult>;
  officer: (agency: string, roles?: readonly OfficerRole[]) => Promise<Officer>;
  /** A request on the bus as the hub (the only service the agency services answer), for `viewer`. */
  asHub: (subject: string, to: 'customs' | 'police', viewer: Officer, body: unknown, encrypted?: boolean) => Promise<unknown>;
  close: () => Promise<void>;
}

export type TestbedAgency = 'GH-CUSTOMS' | 'GH-POLICE';

export interface GqlResult {
  statusCode: number;
  data: Record<string, unknown> | null | undefined;
  errors?: { message: string; extensions: { code: string; tbCode?: string; path?: (string | number)[] } }[];
}

export async function startTestbed(nc: NatsConnection, dir: string, open: (agency: TestbedAgency) => AgencyStorage): Promise<Testbed> {
  const keys = await generateDevKeys();
  const registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(join(dir, 'keys')));
  const key = (id: string): AgencyKeys => keys.find((k) => k.agency.id === id)!;
  const storages: AgencyStorage[] = [];
  const agencies = new Map<TestbedAgency, HostedAgency>();
  const hosted = (id: TestbedAgency): HostedAgency => {
    const storage = open(id);
    storages.push(storage);
    const k = key(id);
    const agency = {
      id,
      state: k.agency.state,
      eventKey: k.eventKey,
      keyedIds: hmacKeyedIds(id, randomBytes(32)),
      store: storage.store,
      vault: storage.vault,
      checkpoints: storage.checkpoints,
    };
    agencies.set(id, agency);
    return agency;
  };
  const build = async (kind: 'CUSTOMS' | 'POLICE', agency: TestbedAgency) =>
    buildAgencyService({
      kind,
      agencies: [hosted(agency)],
      registry: () => registry,
      nc,
      serviceKeys: await loadOrCreateServiceKeys(join(dir, 'keys'), kind.toLowerCase()),
      embargoes: loadEmbargoRegimes(),
    });
  const services = { customs: await build('CUSTOMS', 'GH-CUSTOMS'), police: await build('POLICE', 'GH-POLICE') };
  const hub = await loadOrCreateServiceKeys(join(dir, 'keys'), 'liaison');

  return {
    registry,
    agency: (id) => agencies.get(id)!,
    service: (kind) => services[kind],
    gql: async (kind, agency, query, variables, roles) => {
      const token = await mintDevToken(key(agency), roles ? { roles } : {});
      const r = await services[kind].app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { query, ...(variables ? { variables } : {}) },
      });
      return { statusCode: r.statusCode, ...r.json<Omit<GqlResult, 'statusCode'>>() };
    },
    officer: async (agency, roles) => verifyOfficerToken(await mintDevToken(key(agency), roles ? { roles } : {}), registry),
    asHub: (subject, to, viewer, body, encrypted) => requestService(nc, hub, () => registry, { subject, to, viewer, body, ...(encrypted ? { encrypted } : {}) }),
    close: async () => {
      await services.customs.close();
      await services.police.close();
      for (const s of storages) await s.close();
    },
  };
}

/** Every event in a store, in global order. */
export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page.at(-1)!.position })) out.push(...page);
  return out;
}

/** Where a variant keeps an agency's events, vault and checkpoints. */
export interface StorageVariant {
  name: string;
  open: (dir: string, agency: TestbedAgency) => AgencyStorage;
}

/**
 * The storage layouts every agency-service test runs on: SQLite as the
 * embedded default keeps it; SQLite events with the vault and checkpoints in
 * a file of their own (the KurrentDB layout, runnable here); and KurrentDB
 * itself when `KURRENTDB_URL` names a server (its streams under a prefix
 * fresh for each run).
 */
export function storageVariants(kurrentUrl: string | undefined): StorageVariant[] {
  const run = randomUUID().slice(0, 8);
  return [
    { name: 'SQLite, events, vault and checkpoints in one file', open: (dir, agency) => openAgencyStorage(agency, dir, { kind: 'sqlite' }) },
    {
      name: 'SQLite events, vault and checkpoints in a file of their own (the KurrentDB layout)',
      open: (dir, agency) => storageBeside(getSqliteEventStore(join(dir, `${agency}-events.db`)), join(dir, `${agency}.local.db`), 'SQLite'),
    },
    ...(kurrentUrl
      ? [
          {
            name: 'KurrentDB',
            open: (dir: string, agency: TestbedAgency) => openAgencyStorage(agency, dir, { kind: 'kurrentdb', connectionString: kurrentUrl }, { streamNamespace: `t${run}-` }),
          },
        ]
      : []),
  ];
}

/** States why the KurrentDB variant did not run, as the adapter's own contract suite does. */
export function reportSkippedKurrent(suite: string, kurrentUrl: string | undefined): void {
  if (kurrentUrl) return;
  describe(`${suite}: KurrentDB`, () => {
    it.skip('skipped: KURRENTDB_URL is not set, so there is no KurrentDB server to run the agency service on', () => {});
  });
}

/** A testbed on `variant` for the enclosing describe: started before its tests, closed after them. */
/**
 * A real nats-server with the streams, and a temp dir, for one spec file:
 * started before its tests, stopped after. (This file is test support: its
 * `.spec.ts` name keeps it out of runtime lint, and no test tier runs it.)
 */
export function useBus(name: string): () => { nc: NatsConnection; dir: string } {
  let nats: NatsServer | undefined;
  let nc: NatsConnection | undefined;
  let dir: TempDir | undefined;
  beforeAll(async () => {
    process.env.TB_LOG_LEVEL ??= 'warn';
    dir = tempDir(`tb-${name}-`);
    nats = await startNatsServer({ name });
    nc = await connectBus(nats.url, `${name}-test`);
    await ensureStreams(nc);
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await nats?.dispose();
    dir?.remove();
  });
  return () => ({ nc: nc!, dir: dir!.path });
}

export function useTestbed(variant: StorageVariant, bus: () => { nc: NatsConnection; dir: string }): () => Testbed {
  let tb: Testbed | undefined;
  beforeAll(async () => {
    const { nc, dir } = bus();
    const sub = join(dir, randomUUID());
    mkdirSync(sub);
    tb = await startTestbed(nc, sub, (agency) => variant.open(sub, agency));
  });
  afterAll(async () => {
    await tb?.close();
  });
  return () => {
    if (!tb) throw new Error('the testbed starts in beforeAll');
    return tb;
  };
}

/** A valid customs report's input, with a clientReference of its own (as a form generates one); `over` replaces top-level fields. */
export const validReport = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `ABC-${randomUUID().slice(0, 6)}` }],
  handling: { tlp: 'AMBER' },
  ...over,
});

export const REPORT_CUSTOMS = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId seizure { id } sharedView warnings { code } } }';
