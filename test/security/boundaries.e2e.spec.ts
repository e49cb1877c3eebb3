import { join } from 'node:path';
import { devIssuerFor, loadOrCreateDevKeys, mintDevToken, mintOfficerToken, type AgencyKeys } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { validLoss } from '../support/malformed';
import { customsInput, rawHttp, reportSeizure } from '../support/security';

let net: TestNetwork;
let keys: AgencyKeys[];
let redId: string;
const key = (id: string) => keys.find((k) => k.agency.id === id)!;

beforeAll(async () => {
  net = await startTestNetwork('tb-sec-bounds-');
  keys = await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'));
  redId = (await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput({ handling: { tlp: 'RED' } }))).id;
}, 120_000);

afterAll(async () => {
  await net?.close();
});

describe('finding 1: the token check is bound to the route, and resolvers fail closed', () => {
  const services = ['gateway', 'directory', 'customs', 'police', 'border', 'regional', 'licensing', 'liaison'] as const;
  const targets = ['/%67raphql', '/graphql#x', '/graphql?x=1', '/graphql/', '//graphql', '/GRAPHQL', '/Graphql', '/graphql%23x', '/%2Fgraphql'];

  it('refuses every path variant of /graphql without a token, on every service, and answers nothing', async () => {
    const body = JSON.stringify({ query: `{ seizure(id: "${redId}") { id } }` });
    for (const service of services) {
      const port = net.network.ports[service];
      for (const target of targets) {
        const r = await rawHttp(port, 'POST', target, {}, body);
        // These reach the /graphql route itself (the router decodes and strips them): the route's check must answer.
        const routed = ['/%67raphql', '/graphql#x', '/graphql?x=1'].includes(target);
        if (routed) expect(r.status, `${service} POST ${target}: ${r.body}`).toBe(401);
        else expect([401, 404], `${service} POST ${target}: ${r.status} ${r.body}`).toContain(r.status);
        expect(r.body, `${service} POST ${target}`).not.toContain('"data":{');
        expect(r.body).not.toContain('INTERNAL_SERVER_ERROR');
      }
      for (const method of ['GET', 'HEAD']) {
        const r = await rawHttp(port, method, `/graphql?query=${encodeURIComponent(`{ seizure(id: "${redId}") { id } }`)}`);
        expect(r.status, `${service} ${method}: ${r.body}`).toBe(401);
        expect(r.body).not.toContain('"data":{');
      }
    }
  });

  it('answers a hidden RED id exactly as an absent one, with or without a token', async () => {
    const liaison = `http://127.0.0.1:${net.network.ports.liaison}/graphql`;
    const q = (id: string) => `{ seizure(id: "${id}") { id } }`;
    const absent = '019a0000-0000-7000-8000-000000000000';
    for (const url of [net.url, liaison]) {
      const [hidden, none] = await Promise.all([gql(url, undefined, q(redId)), gql(url, undefined, q(absent))]);
      expect(hidden).toEqual(none);
      expect(hidden.status).toBe(401);
      const [hiddenT, noneT] = await Promise.all([gql(url, net.tokens['TG-POLICE'], q(redId)), gql(url, net.tokens['TG-POLICE'], q(absent))]);
      expect(hiddenT).toEqual({ status: 200, data: { seizure: null } });
      expect(noneT).toEqual(hiddenT);
    }
  });

  it('still serves public routes and the SDL to the gateway, and nothing else without a token', async () => {
    expect((await rawHttp(net.network.ports.liaison, 'GET', '/health')).status).toBe(200);
    expect((await rawHttp(net.network.ports.gateway, 'GET', '/graphiql')).status).toBe(200);
    const sdl = await rawHttp(net.network.ports.liaison, 'POST', '/graphql', {}, JSON.stringify({ query: '{ _service { sdl } }' }));
    expect(sdl.status).toBe(200);
    const mixed = await rawHttp(net.network.ports.liaison, 'POST', '/graphql', {}, JSON.stringify({ query: `{ _service { sdl } seizure(id: "${redId}") { id } }` }));
    expect(mixed.status).toBe(401);
  });
});

describe('finding 10: token lifetime and roles', () => {
  const mint = (agency: string, over: Partial<Parameters<typeof mintOfficerToken>[1]> = {}) =>
    mintOfficerToken(key(agency).tokenKey, { issuer: devIssuerFor(agency), agency, subject: 'attacker', roles: ['REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'], ...over });
  const me = '{ me { agency { id } roles } }';

  it('refuses tokens issued an hour in the future or living a hundred years, at the gateway and at every subgraph', async () => {
    const future = await mint('GH-CUSTOMS', { now: new Date(Date.now() + 3600_000) });
    const century = await mint('GH-CUSTOMS', { ttlSeconds: 100 * 365 * 86400 });
    const good = await mint('GH-CUSTOMS');
    for (const port of [net.network.ports.gateway, net.network.ports.directory, net.network.ports.liaison, net.network.ports.customs]) {
      const url = `http://127.0.0.1:${port}/graphql`;
      for (const t of [future, century]) expect((await gql(url, t, '{ __typename }')).status).toBe(401);
      expect((await gql(url, good, '{ __typename }')).status).toBe(200);
    }
  });

  it("refuses a role the agency's kind may not hold", async () => {
    expect((await gql(net.url, await mint('GH-CUSTOMS', { roles: ['LIAISON_OFFICER'] }), me)).status).toBe(401);
  });

  it('lets only reporting officers report and record dispositions; analysts read', async () => {
    const analyst = await mintDevToken(key('GH-CUSTOMS'), { roles: ['ANALYST'] });
    const r = await gql(net.url, analyst, 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }', { i: customsInput() });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
    const own = await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput());
    const d = await gql(net.url, analyst, 'mutation($i: DispositionInput!) { recordDisposition(input: $i) { itemId } }', {
      i: { seizureId: own.id, itemId: own.itemIds[0], disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-21' },
    });
    expect(d.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
    const read = await gql<{ seizure: { id: string } }>(net.url, analyst, `{ seizure(id: "${own.id}") { id } }`);
    expect(read.data?.seizure.id).toBe(own.id);
    const loss = await gql(
      net.url,
      await mintDevToken(key('GH-POLICE'), { roles: ['ANALYST'] }),
      'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }',
      { i: validLoss() },
    );
    expect(loss.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
  });

  it('shows the access audit to agency administrators only, and person identities to reporting officers and analysts only', async () => {
    const officer = await mintDevToken(key('GH-CUSTOMS'), { roles: ['REPORTING_OFFICER'] });
    const admin = await mintDevToken(key('GH-CUSTOMS'), { roles: ['AGENCY_ADMIN'] });
    const audit = '{ readsOfMyRecords { recordId } }';
    expect((await gql(net.url, officer, audit)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(net.url, admin, audit)).errors).toBeUndefined();
    const own = await reportSeizure(net.url, officer, customsInput());
    const persons = `{ seizure(id: "${own.id}") { persons { name redacted } } }`;
    expect((await gql<{ seizure: { persons: unknown[] } }>(net.url, officer, persons)).data?.seizure.persons).toEqual([{ name: 'Ama Owusu', redacted: false }]);
    expect((await gql<{ seizure: { persons: unknown[] } }>(net.url, admin, persons)).data?.seizure.persons).toEqual([{ name: null, redacted: true }]);
  });
});

describe('cursors tell nothing of hidden records', () => {
  it('seals page cursors: no position in the hub’s sequence, bound to their list, tampering refused, paging intact', async () => {
    const page = async (after?: string) =>
      (
        await gql<{ seizures: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
          net.url,
          net.tokens['TG-POLICE'],
          'query($a: String) { seizures(first: 1, after: $a) { nodes { id } pageInfo { endCursor hasNextPage } } }',
          after ? { a: after } : {},
        )
      ).data!.seizures;
    await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput());
    await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput());
    const first = await page();
    const again = await page();
    expect(first.nodes).toEqual(again.nodes);
    expect(first.pageInfo.endCursor).not.toBe(again.pageInfo.endCursor); // sealed afresh each time
    expect(Buffer.from(first.pageInfo.endCursor, 'base64url').toString()).not.toMatch(/^\d+$/);
    const second = await page(first.pageInfo.endCursor);
    expect(second.nodes[0]?.id).not.toBe(first.nodes[0]?.id);
    const tampered = first.pageInfo.endCursor.slice(0, -2) + (first.pageInfo.endCursor.endsWith('A') ? 'BB' : 'AA');
    for (const bad of [tampered, Buffer.from('3').toString('base64url')]) {
      const r = await gql(net.url, net.tokens['TG-POLICE'], 'query($a: String) { seizures(first: 1, after: $a) { nodes { id } } }', { a: bad });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const crossed = await gql(net.url, net.tokens['TG-POLICE'], 'query($a: String) { hitsOnMyRecords(first: 1, after: $a) { totalCount } }', { a: first.pageInfo.endCursor });
    expect(crossed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: ['after'] });
  });
});

describe('findings 6 and 7: waits, audit and notices', () => {
  it('waits only for the caller’s own new records: unknown entities are answered at once', async () => {
    const liaison = `http://127.0.0.1:${net.network.ports.liaison}/graphql`;
    const reps = Array.from({ length: 5 }, (_, i) => ({ __typename: 'Seizure', id: `019a0000-0000-7000-8000-00000000000${i}` }));
    const started = Date.now();
    const r = await gql<{ _entities: unknown[] }>(liaison, net.tokens['TG-POLICE'], 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Seizure { id } } }', {
      r: [...reps, { __typename: 'Seizure', id: redId }],
    });
    // The hub used to hold every unknown id for its 5-second read-your-writes wait.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.data?._entities).toEqual([null, null, null, null, null, null]);
  });

  it('records a read only for data returned, once per record and officer however many aliases ask, and each officer’s read', async () => {
    const own = await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput({ handling: { tlp: 'AMBER' } }));
    const admin = await mintDevToken(key('GH-CUSTOMS'), { roles: ['AGENCY_ADMIN'] });
    const reads = async () =>
      (await gql<{ readsOfMyRecords: unknown[] }>(net.url, admin, `{ readsOfMyRecords(recordId: "${own.id}", first: 500) { at } }`)).data!.readsOfMyRecords.length;
    const counts = Array.from({ length: 50 }, (_, i) => `c${i}: seizures(filter: { originator: "GH-CUSTOMS" }) { totalCount }`).join(' ');
    expect((await gql(net.url, net.tokens['GH-POLICE'], `{ ${counts} }`)).errors).toBeUndefined();
    expect(await reads()).toBe(0);
    const aliases = Array.from({ length: 10 }, (_, i) => `s${i}: seizure(id: "${own.id}") { id }`).join(' ');
    expect((await gql(net.url, net.tokens['GH-POLICE'], `{ ${aliases} }`)).errors).toBeUndefined();
    expect(await reads()).toBe(1);
    // Another officer of the same agency is another read.
    const colleague = await mintDevToken(key('GH-POLICE'), { subject: 'second-officer@gh-police' });
    expect((await gql(net.url, colleague, `{ ${aliases} }`)).errors).toBeUndefined();
    expect(await reads()).toBe(2);
  });

  it('counts repeated hit notices as one, pages them, and keeps every querier visible', async () => {
    const serial = `NOTE-${Date.now()}`;
    await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput({ items: [{ kind: 'WEAPON', manufacturer: 'Browning', serialNumber: serial }] }));
    const check = `{ serialCheck(manufacturer: "Browning", serialNumber: "${serial}") { holder { id } } }`;
    for (let i = 0; i < 40; i++) await gql(net.url, net.tokens['TG-POLICE'], check);
    await gql(net.url, net.tokens['BF-BORDER'], check);
    type Page = { hitsOnMyRecords: { nodes: { queriedBy: { id: string }; count: number }[]; totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const first = (
      await gql<Page>(net.url, net.tokens['GH-CUSTOMS'], '{ hitsOnMyRecords(first: 1) { nodes { queriedBy { id } count } totalCount pageInfo { endCursor hasNextPage } } }')
    ).data!.hitsOnMyRecords;
    expect(first.nodes).toEqual([{ queriedBy: { id: 'BF-BORDER' }, count: 1 }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await gql<Page>(
        net.url,
        net.tokens['GH-CUSTOMS'],
        `{ hitsOnMyRecords(first: 1, after: "${first.pageInfo.endCursor}") { nodes { queriedBy { id } count } totalCount pageInfo { endCursor hasNextPage } } }`,
      )
    ).data!.hitsOnMyRecords;
    expect(second.nodes).toEqual([{ queriedBy: { id: 'TG-POLICE' }, count: 40 }]);
  });
});
