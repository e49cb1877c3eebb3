import { randomUUID } from 'node:crypto';
import { connectBus, ensureStreams, type NatsConnection } from '@tracebridge/bus';
import { createUnsignedEnvelope, decodeEvent, normaliseSerial, type Handling, type OfficerRole, type SeizureReported, type TracebridgeEvent } from '@tracebridge/contracts';
import { lotKeyText, lotOf, type BatchItem } from '@tracebridge/domain';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore } from '@tracebridge/hub';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateServiceKeys, mintDevToken, signEvent } from '@tracebridge/identity';
import type { AgencyKeys, TrustRegistry } from '@tracebridge/identity';
import type { Viewer } from '@tracebridge/policy';
import { loadEmbargoRegimes } from '@tracebridge/server';
import { createSeizureGenerator, startNatsServer, tempDir, type GeneratedSeizure, type NatsServer, type TempDir } from '@tracebridge/testkit';
import type { GqlResult } from './hubStack';

/**
 * The hub's subgraph in process over a real nats-server and SQLite file, fed
 * signed seizure events straight into its projection (as hub.int.spec.ts
 * does): the fast way to load thousands of generated seizures for the
 * diversion tests, then ask `diversionClusters` as any agency.
 */
export interface DiversionHub {
  registry: TrustRegistry;
  projection: LiaisonProjection;
  /** The reference model's viewer for an agency (its state and groups as the registry lists them). */
  viewer: (agency: string) => Viewer;
  /** Sign and apply seizures, as their originators' services and the hub's consumer would. */
  apply: (seizures: readonly TestSeizure[]) => Promise<void>;
  ask: <T = Record<string, unknown>>(
    agency: string,
    query: string,
    variables?: Record<string, unknown>,
    roles?: readonly OfficerRole[],
  ) => Promise<{ status: number; body: GqlResult<T> }>;
  close: () => Promise<void>;
}

/** A seizure to load: a generated one, or one built by a test. */
export interface TestSeizure {
  id: string;
  originator: { agency: string; state: string };
  handling: Handling;
  occurredAt: string;
  data: Omit<SeizureReported, 'seizureId'>;
}

export async function startDiversionHub(name: string): Promise<DiversionHub> {
  process.env.TB_LOG_LEVEL ??= 'warn';
  process.env.TB_AGENCY_RATE_LIMIT_PER_MINUTE = '100000000';
  const dir: TempDir = tempDir(`tb-${name}-`, { inMemory: true });
  const nats: NatsServer = await startNatsServer({ name });
  const nc: NatsConnection = await connectBus(nats.url, `${name}-test`);
  await ensureStreams(nc);
  const keys: AgencyKeys[] = await generateDevKeys();
  const keyOf = (agency: string) => keys.find((k) => k.agency.id === agency)!;
  const registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(dir.file('keys')));
  const projection = new LiaisonProjection(
    dir.file('liaison.db'),
    createHubPolicy(() => registry),
  );
  const auditDb = openAuditStore(dir.file('audit.db'));
  const { app, close } = await buildLiaison({
    projection,
    auditDb,
    registry: () => registry,
    nc,
    serviceKeys: await loadOrCreateServiceKeys(dir.file('keys'), 'liaison'),
    embargoes: loadEmbargoRegimes(),
  });
  const tokens = new Map<string, string>();
  return {
    registry,
    projection,
    viewer: (agency) => {
      const a = registry.agency(agency)!;
      return { agency: a.id, state: a.state, groups: a.groups };
    },
    apply: async (seizures) => {
      const events: TracebridgeEvent[] = [];
      for (const s of seizures) events.push(decodeEvent(await signEvent(envelopeOf(s), keyOf(s.originator.agency).eventKey)));
      projection.db.transaction(() => {
        for (const e of events) projection.inbox.applyOnce(e.id, () => projection.apply(e));
      })();
    },
    ask: async (agency, query, variables, roles) => {
      const key = `${agency}/${roles?.join(',') ?? ''}`;
      if (!tokens.has(key)) tokens.set(key, await mintDevToken(keyOf(agency), roles ? { roles } : {}));
      const r = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${tokens.get(key)}`, 'content-type': 'application/json' },
        payload: { query, variables },
      });
      return { status: r.statusCode, body: r.json() };
    },
    close: async () => {
      close();
      await app.close();
      projection.db.close();
      auditDb.close();
      await nc.close();
      await nats.dispose();
      dir.remove();
    },
  };
}

const envelopeOf = (s: TestSeizure) =>
  createUnsignedEnvelope({
    type: 'SeizureReported',
    streamId: `seizure-${s.id}`,
    originator: s.originator,
    handling: s.handling,
    occurredAt: s.occurredAt,
    recordedAt: s.occurredAt,
    data: { ...s.data, seizureId: s.id },
  });

/** `count` seizures of the demo data's generator (seeded), with `handling` when given. */
export function generatedSeizures(seed: number, count: number, handling?: Handling): TestSeizure[] {
  const g = createSeizureGenerator(seed);
  return Array.from({ length: count }, () => fromGenerated(g.next(), handling));
}

const fromGenerated = (s: GeneratedSeizure, handling?: Handling): TestSeizure => {
  const { seizureId, ...data } = s.data;
  return { id: seizureId, originator: s.originator, handling: handling ?? s.handling, occurredAt: s.occurredAt, data: data as TestSeizure['data'] };
};

/** A seizure of weapons of one make and model with these serials, by `agency` of `state`, built on a generated template. */
export function seizureOf(
  template: TestSeizure,
  agency: { agency: string; state: string },
  at: string,
  weapons: { manufacturer: string; model: string; serial: string }[],
  handling: Handling,
): TestSeizure {
  return {
    id: randomUUID(),
    originator: agency,
    handling,
    occurredAt: at,
    data: {
      ...template.data,
      items: weapons.map((w) => ({
        itemId: randomUUID(),
        kind: 'WEAPON',
        category: 'PISTOL',
        manufacturer: w.manufacturer,
        model: w.model,
        serial: { asRead: w.serial, normalised: normaliseSerial(w.serial) },
        serialObliterated: false,
        quantity: 1,
      })),
    },
  };
}

/** The weapons of these seizures as the pure rule reads them (`recordId` the seizure id). */
export function batchItemsOf(seizures: readonly TestSeizure[]): BatchItem[] {
  return seizures.flatMap((s) =>
    s.data.items.flatMap((i) => {
      const lot = lotOf({ kind: i.kind, manufacturer: i.manufacturer, model: i.model, serialNormalised: i.serial?.normalised });
      return lot ? [{ recordId: s.id, lot: lotKeyText(lot.key), width: lot.key.width, number: lot.number, state: s.originator.state, occurredAt: Date.parse(s.occurredAt) }] : [];
    }),
  );
}

/** What `diversionClusters` answers of a cluster, as the tests compare it. */
export const CLUSTER_FIELDS = 'id manufacturer model serialFrom serialTo items serials states firstSeen lastSeen seizureCount seizures(first: 50) { id }';
export interface ClusterDto {
  id: string;
  manufacturer: string;
  model: string;
  serialFrom: string;
  serialTo: string;
  items: number;
  serials: number;
  states: string[];
  firstSeen: string;
  lastSeen: string;
  seizureCount: number;
  seizures: { id: string }[];
}
