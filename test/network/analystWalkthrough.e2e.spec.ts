import { seedBrokers, seedNetwork } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLResponse } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { report, seizureInput } from '../support/seizureReports';

/*
 * The police analyst's walk-through (README, issue 9) through the gateway,
 * with the whole network as processes and the demo data `npm start` seeds
 * (its registers, its generated seizures with their planted corridors,
 * links and lot): rank corridors, open a seizure's links, find the diverted
 * lot, check a broker; then the analysts' own tools, GET
 * /exports/seizures.csv and /exports/routes.geojson, with the same bearer
 * token, policy and filters as the GraphQL queries, every page streamed,
 * each an audited read.
 */
let net: TestNetwork;
const base = () => net.url.replace(/\/graphql$/, '');
const get = (path: string, agency?: string) => fetch(`${base()}${path}`, agency ? { headers: { authorization: `Bearer ${net.tokens[agency]}` } } : {});

let greenIds: string[] = [];
let amberId: string;
const as = <T>(agency: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => gql<T>(net.url, net.tokens[agency], query, variables);
const ok = <T>(r: GraphQLResponse<T>): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};
beforeAll(async () => {
  // At most three rows an export: TG-POLICE's (three GREEN) fits, GH-POLICE's (four) does not.
  net = await startTestNetwork('tb-exports-', undefined, { TB_EXPORT_MAX_ROWS: '3' });
  const route = { origin: 'LY', transit: ['NE'], destination: 'GH' };
  // GREEN seizures on LY-NE-GH, and one AMBER that TG's agencies may not see. (The export's pages are 1,000 rows;
  // test/analysis/routesLinks.int.spec.ts pages exportSeizures and exportRoutes with small pages.)
  greenIds = [];
  for (let i = 0; i < 3; i++)
    greenIds.push((await report(net, seizureInput({ route, occurredAt: `2025-10-0${i + 1}T10:00:00Z`, handling: { tlp: 'GREEN', code: i === 0 ? 'H1' : 'H0' } }))).seizure.id);
  amberId = (await report(net, seizureInput({ route, occurredAt: '2025-10-05T10:00:00Z', handling: { tlp: 'AMBER' } }))).seizure.id;
  // What npm start seeds on a first start: the broker registers, then 300 generated seizures with their planted patterns.
  await seedBrokers(net.network);
  await seedNetwork(net.network, 300);
}, 240_000);

describe("the analyst's walk-through on the demo data", () => {
  it('ranks corridors: the two planted ones lead', async () => {
    const r = ok(
      await as<{ routes: { nodes: { id: string; seizures: number; trend: number | null }[] } }>(
        'GH-POLICE',
        '{ routes(filter: { from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }, first: 5) { nodes { id seizures weapons states trend observations } } }',
      ),
    );
    expect(
      r.routes.nodes
        .slice(0, 2)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['LY-NE-BF-GH', 'TR-TG-GH']);
  });

  it('finds the diverted lot over three states, and a seizure of it links to the others', async () => {
    const r = ok(
      await as<{ diversionClusters: { model: string; serialFrom: string; serialTo: string; states: string[]; seizures: { id: string }[] }[] }>(
        'WA-LIAISON',
        '{ diversionClusters(filter: { manufacturer: "Zastava Arms" }) { model serialFrom serialTo items states seizures { id } } }',
      ),
    );
    const lot = r.diversionClusters.find((c) => c.serialFrom === 'M701734100')!;
    expect(lot).toMatchObject({ serialTo: 'M701734420', states: ['BF', 'GH', 'TG'] });
    const links = ok(
      await as<{ links: { kind: string; seizure: { id: string } }[] }>('WA-LIAISON', 'query($id: ID!) { links(seizureId: $id) { kind value seizure { id } } }', {
        id: lot.seizures[0]!.id,
      }),
    );
    const batch = links.links.filter((l) => l.kind === 'BATCH').map((l) => l.seizure.id);
    expect(batch.sort()).toEqual(
      lot.seizures
        .slice(1)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('checks a broker: the revoked one is REVOKED, a report naming it warns, and links it to the seizures that named it', async () => {
    const b = ok(
      await as<{ brokers: { nodes: { name: string; status: string }[] } }>(
        'GH-POLICE',
        '{ brokers(filter: { name: "Volta Freight" }) { nodes { name registrationNumber status } } }',
      ),
    );
    expect(b.brokers.nodes).toEqual([expect.objectContaining({ name: 'Volta Freight Services Ltd', status: 'REVOKED' })]);
    // The README's report: a rifle of the lot's series, through a revoked broker.
    const r = await report(
      net,
      seizureInput({
        occurredAt: '2026-11-25T08:00:00Z',
        conveyance: { mode: 'SEA', identifier: 'MSCU 804112-6' },
        brokers: [{ name: 'Volta Freight Services Ltd', registrationNumber: 'GH-BRK-0007', state: 'GH' }],
        items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Zastava Arms', model: 'M70AB2', serialNumber: 'M70-1734460' }],
        persons: [],
        handling: { tlp: 'GREEN' },
      }),
    );
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['BROKER_REVOKED', 'DIVERSION_CLUSTER']));
    const links = ok(
      await as<{ links: { kind: string; seizure: { id: string } }[] }>('GH-POLICE', 'query($id: ID!) { links(seizureId: $id) { kind seizure { id } } }', { id: r.seizure.id }),
    );
    expect(links.links.filter((l) => l.kind === 'BROKER').length).toBeGreaterThanOrEqual(4);
  });
});
afterAll(async () => {
  await net?.close();
});

describe('GET /exports/seizures.csv', () => {
  it('streams the seizures the viewer may see, filtered as the GraphQL query is, marked, and audited for their originator', async () => {
    const res = await get('/exports/seizures.csv?country=GH&from=2025-09-01T00:00:00Z&to=2025-11-01T00:00:00Z', 'TG-POLICE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,originator,occurredAt/);
    const ids = lines.slice(1).map((l) => JSON.parse(l.split(',')[0]!) as string);
    expect(ids.sort()).toEqual([...greenIds].sort());
    expect(ids).not.toContain(amberId);
    expect(lines.find((l) => l.includes(greenIds[0]!))).toMatch(/not for use in court/i);
    // GH-CUSTOMS (the originator) sees who exported what.
    const reads = await gql<{ readsOfMyRecords: { recordId: string; reader: { id: string }; kind: string }[] }>(
      net.url,
      net.tokens['GH-CUSTOMS'],
      'query($r: ID) { readsOfMyRecords(recordId: $r) { recordId reader { id } kind } }',
      { r: greenIds[1] },
    );
    expect(reads.errors).toBeUndefined();
    expect(reads.data!.readsOfMyRecords).toContainEqual({ recordId: greenIds[1], reader: { id: 'TG-POLICE' }, kind: 'EXPORT' });
  });

  it('refuses without a token (401) and a bad filter with the path (400), never a 5xx', async () => {
    expect((await get('/exports/seizures.csv')).status).toBe(401);
    const bad = await get('/exports/seizures.csv?country=XX', 'TG-POLICE');
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body, body).toMatch(/BAD_USER_INPUT/);
    const tooMany = await get('/exports/seizures.csv?country=GH&from=2025-09-01T00:00:00Z&to=2025-11-01T00:00:00Z', 'GH-POLICE');
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toMatch(/4 seizures match; one export takes at most 3/);
    const misspelt = await get('/exports/seizures.csv?contry=GH', 'TG-POLICE');
    expect(misspelt.status).toBe(400);
    expect(await misspelt.text()).toMatch(/contry: unknown parameter/);
    expect((await get('/exports/seizures.csv?country=GH&country=TG', 'TG-POLICE')).status).toBe(400);
    expect((JSON.parse(body) as { errors: { extensions: { code: string; path: unknown[] } }[] }).errors[0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      path: ['filter', 'country'],
    });
  });
});

describe('GET /exports/routes.geojson', () => {
  it('draws each corridor the viewer may see as a line through its states, with the counts the routes query gives', async () => {
    const res = await get('/exports/routes.geojson?from=2025-09-01T00:00:00Z&to=2025-11-01T00:00:00Z', 'TG-POLICE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const geo = (await res.json()) as {
      type: string;
      features: { id: string; geometry: { type: string; coordinates: number[][] }; properties: { seizures: number; legs: string[] } }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    const corridor = geo.features.find((f) => f.id === 'LY-NE-GH')!;
    // TG-POLICE may not see the AMBER seizure: three, not four.
    expect(corridor.properties).toMatchObject({ seizures: 3, legs: ['LY', 'NE', 'GH'] });
    expect(corridor.geometry.type).toBe('LineString');
    expect(corridor.geometry.coordinates).toHaveLength(3);
    // Ghana's point is in Ghana (lon about -2, lat about 8).
    const [lon, lat] = corridor.geometry.coordinates[2]!;
    expect(lon).toBeGreaterThan(-4);
    expect(lon).toBeLessThan(2);
    expect(lat).toBeGreaterThan(4);
    expect(lat).toBeLessThan(12);
    const own = (await (await get('/exports/routes.geojson?from=2025-09-01T00:00:00Z&to=2025-11-01T00:00:00Z', 'GH-POLICE')).json()) as typeof geo;
    expect(own.features.find((f) => f.id === 'LY-NE-GH')!.properties.seizures).toBe(4);
    expect((await get('/exports/routes.geojson?from=2025-11-01T00:00:00Z&to=2025-09-01T00:00:00Z', 'GH-POLICE')).status).toBe(400);
  });
});
