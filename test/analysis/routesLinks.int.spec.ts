import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type GqlResult, type HubStack } from '../support/hubStack';

/**
 * Corridors, route observations and links through the hub's API (issue 9),
 * in process over a real nats-server and SQLite files: reports go through
 * the customs services, observations through the analyst's own service,
 * PERSON links are matched by the originator's service.
 */
let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack('routes');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId } }';
interface Report {
  agency: 'GH-CUSTOMS' | 'TG-CUSTOMS';
  tlp: string;
  occurredAt: string;
  route?: Record<string, unknown>;
  items?: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}

async function report(r: Report): Promise<string> {
  const input = {
    clientReference: randomUUID(),
    occurredAt: r.occurredAt,
    location: { country: r.agency.slice(0, 2), place: 'Port', kind: 'PORT' },
    ...(r.route ? { route: r.route } : {}),
    items: r.items ?? [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `R-${randomUUID().slice(0, 8)}` }],
    handling: { tlp: r.tlp },
    ...r.extra,
  };
  const res = await stack.service<{ reportCustomsSeizure: { seizureId: string } }>('customs', r.agency, REPORT, { i: input });
  const id = ok(res).reportCustomsSeizure.seizureId;
  await stack.projection.waitForSeizure(id, 10_000);
  return id;
}

interface RouteNode {
  id: string;
  legs: string[];
  seizures: number;
  weapons: number;
  states: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  trend: number | null;
  observations: number;
}
const ROUTES =
  'query($f: RouteFilter, $first: Int, $after: String) { routes(filter: $f, first: $first, after: $after) { totalCount nodes { id legs seizures weapons states firstSeen lastSeen trend observations } pageInfo { endCursor hasNextPage } } }';
type RoutesAnswer = { routes: { totalCount: number; nodes: RouteNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
const routesAs = (agency: string, f: Record<string, unknown>, first?: number, after?: string) => stack.hub<RoutesAnswer>(agency, ROUTES, { f, first, after });
const byId = (r: RoutesAnswer) => new Map(r.routes.nodes.map((n) => [n.id, n]));
const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions;

const PERIOD = { from: '2026-07-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };

describe('routes', () => {
  beforeAll(async () => {
    const tr = { origin: 'TR', transit: ['TG'], destination: 'GH' };
    // This period: three GH-CUSTOMS seizures on TR-TG-GH (two GREEN, one AMBER), one of them with two pistols and an AK.
    await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-08-01T10:00:00Z', route: tr });
    await report({
      agency: 'GH-CUSTOMS',
      tlp: 'GREEN',
      occurredAt: '2026-09-01T10:00:00Z',
      route: tr,
      items: [
        { kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', quantity: 2 },
        { kind: 'WEAPON', category: 'ASSAULT_RIFLE', manufacturer: 'Kalashnikov Concern' },
        { kind: 'AMMUNITION', calibre: '7.62x39mm', quantity: 500 },
      ],
    });
    await report({ agency: 'GH-CUSTOMS', tlp: 'AMBER', occurredAt: '2026-10-01T10:00:00Z', route: tr });
    // The previous period (same length, before July): one GREEN seizure on the same corridor.
    await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-04-01T10:00:00Z', route: tr });
    // TG-CUSTOMS: NG → TG, AMBER (TG's agencies only), and a GREEN one with no declared destination (seized in TG: NG-BJ-TG).
    await report({ agency: 'TG-CUSTOMS', tlp: 'AMBER', occurredAt: '2026-08-15T10:00:00Z', route: { origin: 'NG', destination: 'TG' } });
    await report({ agency: 'TG-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-08-16T10:00:00Z', route: { origin: 'NG', transit: ['BJ'] } });
  }, 60_000);

  it('ranks corridors by the seizures the viewer may see, with weapons, states, first and last seen, and the trend against the period before', async () => {
    const gh = byId(ok(await routesAs('GH-POLICE', PERIOD)));
    expect(gh.get('TR-TG-GH')).toEqual({
      id: 'TR-TG-GH',
      legs: ['TR', 'TG', 'GH'],
      seizures: 3,
      weapons: 5,
      states: ['GH'],
      firstSeen: '2026-08-01T10:00:00.000Z',
      lastSeen: '2026-10-01T10:00:00.000Z',
      trend: 2,
      observations: 0,
    });
    // GH-POLICE may not see TG's AMBER seizure: NG-TG is not its corridor at all.
    expect(gh.has('NG-TG')).toBe(false);
    expect(gh.get('NG-BJ-TG')?.seizures).toBe(1);
    const ranked = ok(await routesAs('GH-POLICE', PERIOD)).routes.nodes.map((n) => n.id);
    expect(ranked[0]).toBe('TR-TG-GH');

    // TG-POLICE sees GH's two GREEN seizures, not the AMBER one, and its own state's AMBER corridor.
    const tg = byId(ok(await routesAs('TG-POLICE', PERIOD)));
    expect(tg.get('TR-TG-GH')).toMatchObject({ seizures: 2, weapons: 4, trend: 1 });
    expect(tg.get('NG-TG')).toMatchObject({ seizures: 1, states: ['TG'], trend: null });
  });

  it('filters by a state on any leg, a category and a manufacturer', async () => {
    const through = (f: Record<string, unknown>) => routesAs('GH-POLICE', { ...PERIOD, ...f }).then((r) => [...byId(ok(r)).keys()].sort());
    expect(await through({ country: 'BJ' })).toEqual(['NG-BJ-TG']);
    expect(await through({ country: 'TR' })).toEqual(['TR-TG-GH']);
    expect(await through({ category: 'ASSAULT_RIFLE' })).toEqual(['TR-TG-GH']);
    const ak = byId(ok(await routesAs('GH-POLICE', { ...PERIOD, manufacturer: 'kalashnikov concern' })));
    expect(ak.get('TR-TG-GH')?.seizures).toBe(1);
    expect(await through({ manufacturer: 'Nobody Arms' })).toEqual([]);
  });

  it('pages through the ranking with sealed cursors', async () => {
    const first = ok(await routesAs('GH-POLICE', PERIOD, 1));
    expect(first.routes.nodes).toHaveLength(1);
    expect(first.routes.pageInfo.hasNextPage).toBe(true);
    const second = ok(await routesAs('GH-POLICE', PERIOD, 1, first.routes.pageInfo.endCursor!));
    expect(second.routes.nodes[0]!.id).not.toBe(first.routes.nodes[0]!.id);
    expect(first.routes.totalCount).toBe(2);
  });

  it('refuses inverted periods, unknown states and categories, and oversized pages with BAD_USER_INPUT and the path', async () => {
    expect(codeOf(await routesAs('GH-POLICE', { from: PERIOD.to, to: PERIOD.from }))).toMatchObject({ code: 'BAD_USER_INPUT', path: ['filter', 'to'] });
    expect(codeOf(await routesAs('GH-POLICE', { country: 'XX' }))).toMatchObject({ code: 'BAD_USER_INPUT', path: ['filter', 'country'] });
    expect(codeOf(await routesAs('GH-POLICE', { category: 'CANNON' }))).toMatchObject({ code: 'BAD_USER_INPUT', path: ['filter', 'category'] });
    expect(codeOf(await routesAs('GH-POLICE', {}, 1000))).toMatchObject({ code: 'BAD_USER_INPUT', path: ['first'] });
  });
});

describe('the audit of corridors', () => {
  it("tells every originator whose records a corridor counts (the trend's period too) who saw it, and who exported it", async () => {
    const route = { origin: 'ML', transit: ['BF'], destination: 'TG' };
    await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-08-20T10:00:00Z', route });
    await report({ agency: 'TG-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-08-21T10:00:00Z', route });
    // Only in the period before: it shapes the trend alone.
    await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-05-01T10:00:00Z', route: { origin: 'ML', transit: ['BF'], destination: 'TG' } });
    const other = { origin: 'SN', transit: [], destination: 'GH' };
    await report({ agency: 'TG-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-03-01T10:00:00Z', route: other });
    await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: '2026-08-01T10:00:00Z', route: other });
    const reads = async (agency: string) =>
      ok(
        await stack.hub<{ readsOfMyRecords: { recordId: string; reader: { id: string }; kind: string }[] }>(
          agency,
          '{ readsOfMyRecords(first: 500) { recordId reader { id } kind } }',
        ),
      ).readsOfMyRecords.filter((r) => r.recordId.startsWith('route:') && r.reader.id === 'BF-BORDER');
    ok(await routesAs('BF-BORDER', { ...PERIOD, country: 'ML' }));
    expect(await reads('GH-CUSTOMS')).toContainEqual({ recordId: 'route:ML-BF-TG', reader: { id: 'BF-BORDER' }, kind: 'VIEW' });
    expect(await reads('TG-CUSTOMS')).toContainEqual({ recordId: 'route:ML-BF-TG', reader: { id: 'BF-BORDER' }, kind: 'VIEW' });
    ok(await routesAs('BF-BORDER', { ...PERIOD, country: 'SN' }));
    // TG-CUSTOMS's seizure on SN-GH is in the period before only: the trend is its.
    expect(await reads('TG-CUSTOMS')).toContainEqual({ recordId: 'route:SN-GH', reader: { id: 'BF-BORDER' }, kind: 'VIEW' });
    ok(await stack.hub('BF-BORDER', 'query($f: RouteFilter) { exportRoutes(filter: $f) { nodes { id } } }', { f: { ...PERIOD, country: 'ML' } }));
    for (const agency of ['GH-CUSTOMS', 'TG-CUSTOMS']) expect(await reads(agency)).toContainEqual({ recordId: 'route:ML-BF-TG', reader: { id: 'BF-BORDER' }, kind: 'EXPORT' });
  });
});

describe('exports in pages', () => {
  it('exportSeizures and exportRoutes page with sealed cursors, together giving what one page would', async () => {
    type Page = { exportSeizures: { csv: string; rows: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const EXPORT = 'query($f: SeizureFilter, $after: String) { exportSeizures(filter: $f, first: 2, after: $after) { csv rows pageInfo { endCursor hasNextPage } } }';
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Page = ok(await stack.hub<Page>('TG-POLICE', EXPORT, { f: { country: 'GH' }, after }));
      ids.push(
        ...page.exportSeizures.csv
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(',')[0]!),
      );
      if (!page.exportSeizures.pageInfo.hasNextPage) break;
      after = page.exportSeizures.pageInfo.endCursor;
    }
    const all = ok(await stack.hub<{ seizures: { totalCount: number } }>('TG-POLICE', 'query { seizures(filter: { country: "GH" }) { totalCount } }'));
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(all.seizures.totalCount);
    const EXPORT_ROUTES = 'query($f: RouteFilter, $after: String) { exportRoutes(filter: $f, first: 1, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }';
    type RoutePage = { exportRoutes: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const first: RoutePage = ok(await stack.hub<RoutePage>('TG-POLICE', EXPORT_ROUTES, { f: PERIOD }));
    const second: RoutePage = ok(await stack.hub<RoutePage>('TG-POLICE', EXPORT_ROUTES, { f: PERIOD, after: first.exportRoutes.pageInfo.endCursor }));
    expect([...first.exportRoutes.nodes, ...second.exportRoutes.nodes].map((n) => n.id)).toEqual(ok(await routesAs('TG-POLICE', PERIOD, 2)).routes.nodes.map((n) => n.id));
  });
});

const OBSERVE = 'mutation($i: ObserveRouteInput!) { observeRoute(input: $i) { id routeId legs confidence observer { id } } }';
describe('route observations', () => {
  it("records an analyst's observation through its own service, counted on the same legs for those its handling lets see it", async () => {
    const r = ok(
      await stack.hub<{ observeRoute: { routeId: string; observer: { id: string } } }>('GH-POLICE', OBSERVE, {
        i: { legs: ['TR', 'TG', 'GH'], confidence: 'HIGH', sources: 'case files', handling: { tlp: 'AMBER' } },
      }),
    );
    expect(r.observeRoute).toMatchObject({ routeId: 'TR-TG-GH', observer: { id: 'GH-POLICE' } });
    await stack.hub('GH-POLICE', OBSERVE, { i: { legs: ['LY', 'NE', 'BF'], confidence: 'LOW', handling: { tlp: 'AMBER' } } });
    const gh = byId(ok(await routesAs('GH-CUSTOMS', PERIOD)));
    expect(gh.get('TR-TG-GH')?.observations).toBe(1);
    // A corridor only an observation names is there for those who may see the observation, with no seizures.
    expect(gh.get('LY-NE-BF')).toMatchObject({ seizures: 0, observations: 1, firstSeen: null, trend: null });
    const tg = byId(ok(await routesAs('TG-POLICE', PERIOD)));
    expect(tg.get('TR-TG-GH')?.observations).toBe(0);
    expect(tg.has('LY-NE-BF')).toBe(false);
  });

  it('is for analysts only, and refuses malformed legs with the path', async () => {
    const asOfficer = await stack.hub('GH-POLICE', OBSERVE, { i: { legs: ['TR', 'GH'], confidence: 'LOW', handling: { tlp: 'GREEN' } } }, ['REPORTING_OFFICER']);
    expect(codeOf(asOfficer)?.code).toBe('FORBIDDEN');
    const bad = async (legs: unknown) => codeOf(await stack.hub('GH-POLICE', OBSERVE, { i: { legs, confidence: 'LOW', handling: { tlp: 'GREEN' } } }));
    expect(await bad(['GH'])).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'legs'] });
    expect(await bad(['GH', 'XX'])).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'legs', 1] });
    expect(await bad(['GH', 'GH', 'TG'])).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'legs', 1] });
  });
});

type LinkView = { kind: string; value: string; seizure: { id: string; originator: { id: string } } };
const LINKS = 'query($id: ID!) { links(seizureId: $id) { kind value seizure { id originator { id } } } }';
const linksAs = async (agency: string, id: string) => ok(await stack.hub<{ links: LinkView[] }>(agency, LINKS, { id })).links;
const summary = (links: LinkView[]) => links.map((l) => `${l.kind}:${l.seizure.id}`).sort();

describe('links', () => {
  let anchor: string;
  let byContainer: string;
  let byBroker: string;
  let byDocument: string;
  let byPerson: string;
  let hiddenTg: string;
  let unrelated: string;
  const at = '2026-10-10T10:00:00Z';
  beforeAll(async () => {
    const driver = (name: string, documentNumber: string) => ({ persons: [{ role: 'driver', name, nationality: 'GH', documentNumber }] });
    anchor = await report({
      agency: 'GH-CUSTOMS',
      tlp: 'GREEN',
      occurredAt: at,
      extra: {
        conveyance: { mode: 'SEA', identifier: 'MSCU 123456-5' },
        documents: [{ kind: 'END_USER_CERTIFICATE', number: 'EUC-2026/0042', issuingState: 'GH' }],
        brokers: [{ name: 'Sahel Logistics SARL', registrationNumber: 'BR-77', state: 'TG' }],
        ...driver('Kofi Mensah', 'G0123456'),
      },
    });
    byContainer = await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: at, extra: { conveyance: { mode: 'ROAD', identifier: 'mscu1234565' } } });
    byBroker = await report({ agency: 'TG-CUSTOMS', tlp: 'GREEN', occurredAt: at, extra: { brokers: [{ name: 'SAHEL LOGISTICS' }] } });
    byDocument = await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: at, extra: { documents: [{ kind: 'LICENCE', number: 'euc 2026 0042' }] } });
    byPerson = await report({ agency: 'GH-CUSTOMS', tlp: 'GREEN', occurredAt: at, extra: driver('K. Mensah', 'g-0123456') });
    // TG's AMBER seizure with the same container: GH's agencies may not see it.
    hiddenTg = await report({ agency: 'TG-CUSTOMS', tlp: 'AMBER', occurredAt: at, extra: { conveyance: { mode: 'SEA', identifier: 'MSCU1234565' } } });
    unrelated = await report({
      agency: 'GH-CUSTOMS',
      tlp: 'GREEN',
      occurredAt: at,
      extra: { conveyance: { mode: 'ROAD', identifier: 'N/A' }, ...driver('Ama Owusu', 'G7654321') },
    });
  }, 60_000);

  it('links seizures through a conveyance, a document, a broker and a person, showing only seizures the viewer may see', async () => {
    const gh = await linksAs('GH-POLICE', anchor);
    expect(summary(gh)).toEqual([`BROKER:${byBroker}`, `CONVEYANCE:${byContainer}`, `DOCUMENT:${byDocument}`, `PERSON:${byPerson}`].sort());
    expect(gh.find((l) => l.kind === 'CONVEYANCE')?.value).toBe('SEA MSCU 123456-5');
    expect(gh.find((l) => l.kind === 'BROKER')?.seizure.originator.id).toBe('TG-CUSTOMS');
    // The person link says who holds the person, never who it is.
    const person = gh.find((l) => l.kind === 'PERSON')!;
    expect(person.value).toBe('a person held by GH-CUSTOMS');
    expect(JSON.stringify(gh)).not.toMatch(/Mensah|0123456/);
    // TG-POLICE sees TG's AMBER seizure too: the container links it.
    const tg = await linksAs('TG-POLICE', anchor);
    expect(summary(tg)).toContain(`CONVEYANCE:${hiddenTg}`);
    expect(summary(gh)).not.toContain(`CONVEYANCE:${hiddenTg}`);
    // Junk identifiers (N/A) and different documents link nothing.
    expect(summary(gh).some((s) => s.endsWith(unrelated))).toBe(false);
  });

  it('answers nothing for a seizure the viewer may not see, as for one that does not exist', async () => {
    expect(await linksAs('GH-POLICE', hiddenTg)).toEqual([]);
    expect(await linksAs('GH-POLICE', randomUUID())).toEqual([]);
    expect((await linksAs('TG-POLICE', hiddenTg)).map((l) => l.seizure.id)).toContain(anchor);
  });
});
