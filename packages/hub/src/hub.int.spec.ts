import { decodeEvent, type OfficerRole, type SignedEnvelope } from '@tracebridge/contracts';
import { connectBus, ensureStreams, type NatsConnection } from '@tracebridge/bus';
import {
  createTrustRegistry,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  mintDevToken,
  type AgencyKeys,
} from '@tracebridge/identity';
import { loadEmbargoRegimes, type FastifyInstance } from '@tracebridge/server';
import { createSeizureGenerator, signedSeizures, startNatsServer, tempDir, type NatsServer, type TempDir } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubPolicy } from './access';
import { buildLiaison } from './app';
import { openAuditStore } from './auditStore';
import { LiaisonProjection } from './projection';

/**
 * The hub's subgraph in process (fastify inject), over a real nats-server and
 * real SQLite files: the middle tier, where most of the hub's behaviour is
 * proven without starting the seven processes.
 */
let dir: TempDir;
let nats: NatsServer;
let nc: NatsConnection;
let app: FastifyInstance;
let close: () => void;
let keys: AgencyKeys[];
let events: SignedEnvelope[];
const key = (id: string) => keys.find((k) => k.agency.id === id)!;
const idOf = (e: SignedEnvelope): string => e.streamId.slice('seizure-'.length);

beforeAll(async () => {
  process.env.TB_LOG_LEVEL ??= 'warn';
  dir = tempDir('tb-hub-');
  nats = await startNatsServer({ name: 'hub' });
  nc = await connectBus(nats.url, 'hub-test');
  await ensureStreams(nc);
  keys = await generateDevKeys();
  const registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(dir.file('keys')));
  const projection = new LiaisonProjection(
    dir.file('liaison.db'),
    createHubPolicy(() => registry),
  );
  events = await signedSeizures(createSeizureGenerator(7), keys, 60);
  for (const e of events) projection.apply(decodeEvent(e));
  ({ app, close } = await buildLiaison({
    projection,
    auditDb: openAuditStore(dir.file('audit.db')),
    registry: () => registry,
    nc,
    serviceKeys: await loadOrCreateServiceKeys(dir.file('keys'), 'liaison'),
    embargoes: loadEmbargoRegimes(),
  }));
}, 60_000);

afterAll(async () => {
  close();
  await app?.close();
  await nc?.close();
  await nats?.dispose();
  dir?.remove();
});

const ask = async (agency: string, query: string, roles?: readonly OfficerRole[]) => {
  const token = await mintDevToken(key(agency), roles ? { roles } : {});
  const r = await app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query } });
  return r.json<{ data: Record<string, unknown> | null; errors?: { extensions: { code: string; tbCode?: string } }[] }>();
};

describe('the hub, in process', () => {
  it('answers a hidden record exactly as an absent one', async () => {
    const red = events.find((e) => e.handling.tlp === 'RED' && e.originator.agency !== 'TG-POLICE')!;
    const hidden = await ask('TG-POLICE', `{ seizure(id: "${idOf(red)}") { id } }`);
    const absent = await ask('TG-POLICE', '{ seizure(id: "019a0000-0000-7000-8000-000000000000") { id } }');
    expect(hidden).toEqual({ data: { seizure: null } });
    expect(absent).toEqual(hidden);
  });

  it('lists and counts only what each viewer may see', async () => {
    for (const agency of ['GH-POLICE', 'TG-POLICE', 'BF-BORDER']) {
      const r = (await ask(agency, '{ seizures(first: 100) { totalCount nodes { id } } }')).data!.seizures as { totalCount: number; nodes: { id: string }[] };
      const viewerState = key(agency).agency.state;
      const expected = events.filter((e) => {
        const t = e.handling.tlp;
        const released = e.handling.releasableTo.includes(agency) || e.handling.releasableTo.includes('WA-NETWORK');
        return e.originator.agency === agency || t === 'CLEAR' || t === 'GREEN' || (t === 'AMBER' && e.originator.state === viewerState) || released;
      });
      expect(r.totalCount, agency).toBe(expected.length);
      expect(new Set(r.nodes.map((n) => n.id)), agency).toEqual(new Set(expected.map(idOf)));
    }
  });

  it('keeps the access audit to agency administrators, and records a read only for record data returned', async () => {
    const green = events.find((e) => e.handling.tlp === 'GREEN' && e.originator.agency === 'GH-CUSTOMS')!;
    const id = idOf(green);
    const audit = `{ readsOfMyRecords(recordId: "${id}") { reader { id } } }`;
    const readsBy = async (reader: string) =>
      ((await ask('GH-CUSTOMS', audit, ['AGENCY_ADMIN'])).data!.readsOfMyRecords as { reader: { id: string } }[]).filter((r) => r.reader.id === reader).length;
    expect((await ask('GH-CUSTOMS', audit, ['REPORTING_OFFICER'])).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
    // GH-BORDER has read nothing yet: counts are not reads; two aliases of the record are one read.
    await ask('GH-BORDER', '{ a: seizures { totalCount } b: seizures { totalCount } }');
    expect(await readsBy('GH-BORDER')).toBe(0);
    await ask('GH-BORDER', `{ a: seizure(id: "${id}") { id } b: seizure(id: "${id}") { id } }`);
    expect(await readsBy('GH-BORDER')).toBe(1);
  });

  it('refuses a cursor it did not give out', async () => {
    const r = await ask('GH-POLICE', '{ seizures(first: 1, after: "Mw") { totalCount } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
