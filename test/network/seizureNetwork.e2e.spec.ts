import { randomUUID } from 'node:crypto';
import { seedNetwork, type Network } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
import { REPORT, report, seizureInput } from '../support/seizureReports';

/*
 * The seizure network through the gateway: reports and what they answer
 * (hits, warnings, idempotency, stable error codes), the police and border
 * forms, stockpile losses and dispositions, delivery after a crash, demo
 * data and GraphiQL. Who sees what is in sharing.e2e.spec.ts.
 */

let net: TestNetwork;
let network: Network;
let url: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  net = await startTestNetwork('tb-net-');
  ({ network, url, tokens } = net);
}, 120_000);

afterAll(async () => {
  await net?.close();
});

describe('the seizure network through the gateway', () => {
  it('returns hits when a report matches a record elsewhere in the network', async () => {
    const first = await report(net, seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'Beretta', countryOfManufacture: 'IT', serialNumber: 'PX-4471-E2E' }] }), 'TG-CUSTOMS');
    const second = await report(net, seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'BERETTA', countryOfManufacture: 'IT', serialNumber: 'px4471e2e' }] }));
    expect(second.hits).toEqual([expect.objectContaining({ holder: expect.objectContaining({ id: 'TG-CUSTOMS' }), recordId: first.seizure.id })]);
    expect(second.warnings.map((w) => w.code)).toContain('HIT');
  });

  it('makes a retried report with the same clientReference return the original seizure', async () => {
    const input = seizureInput({ clientReference: `AFLAO-${Date.now()}` });
    const a = await report(net, input);
    const b = await report(net, input);
    expect(b.seizure.id).toBe(a.seizure.id);
    const c = await report(net, { ...input, clientReference: `${String((input as { clientReference?: string }).clientReference)}-other` });
    expect(c.seizure.id).not.toBe(a.seizure.id);
  });

  it('warns of embargoes and inadequate marking', async () => {
    const r = await report(
      net,
      seizureInput({
        route: { origin: 'LY', transit: ['NE'], destination: 'CD' },
        items: [
          { kind: 'WEAPON', category: 'PISTOL', serialNumber: 'X-1' },
          { kind: 'WEAPON', category: 'RIFLE', manufacturer: 'FN Herstal', countryOfManufacture: 'BE', serialObliterated: true },
        ],
      }),
    );
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['EMBARGO', 'EMBARGO_PARTIAL', 'INADEQUATE_MARKING', 'SERIAL_OBLITERATED']);
    // the shared view carries the same warnings to every viewer allowed to see the seizure
    const seen = await gql<{ seizure: { warnings: { code: string }[] } }>(url, tokens['TG-POLICE'], 'query($id: ID!) { seizure(id: $id) { warnings { code } } }', {
      id: r.seizure.id,
    });
    expect(seen.data!.seizure.warnings.map((w) => w.code).sort()).toEqual(['EMBARGO', 'EMBARGO_PARTIAL', 'INADEQUATE_MARKING', 'SERIAL_OBLITERATED']);
  });

  it('answers with stable error codes', async () => {
    const noToken = await gql(url, undefined, '{ agencies { id } }');
    expect(noToken.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badToken = await gql(url, 'eyJhbGciOiJub25lIn0.e30.', '{ agencies { id } }');
    expect(badToken.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const police = await gql(url, tokens['GH-POLICE'], REPORT, { i: seizureInput() });
    expect(police.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(url, tokens['GH-CUSTOMS'], REPORT, { i: seizureInput({ location: { country: 'XX', place: 'Tema', kind: 'PORT' } }) });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.path).toEqual(['input', 'location', 'country']);
    const wrongType = await gql(url, tokens['GH-CUSTOMS'], REPORT, { i: { ...seizureInput(), items: 'many' } });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const r of [noToken, badToken, police, bad, wrongType]) expect(r.status).toBeLessThan(500);
    // Subgraphs verify tokens themselves: a bare header claiming an agency is not a token.
    for (const port of [network.ports.customs, network.ports.liaison, network.ports.directory]) {
      const direct = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-agency': 'GH-CUSTOMS', 'x-officer': 'GH-CUSTOMS' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(direct.status).toBe(401);
      expect(((await direct.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('delivers a report to the liaison views after the reporting service is SIGKILLed right after it returned', async () => {
    const r = await gql<{ reportCustomsSeizure: { hits: unknown[] } }>(
      url,
      tokens['GH-CUSTOMS'],
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { warnings { code } } }',
      {
        i: seizureInput({
          clientReference: `CRASH-${Date.now()}`,
          handling: { tlp: 'GREEN' },
          items: [{ kind: 'WEAPON', manufacturer: 'Taurus', countryOfManufacture: 'BR', serialNumber: 'CRASH-42' }],
        }),
      },
    );
    expect(r.errors).toBeUndefined();
    await network.processes.get('customs')!.kill('SIGKILL');
    await network.start('customs');
    await until(
      async () => {
        const hits = await gql<{ serialCheck: { recordId: string | null }[] }>(
          url,
          tokens['GH-POLICE'],
          '{ serialCheck(manufacturer: "Taurus", serialNumber: "CRASH-42") { recordId } }',
        );
        return (hits.data?.serialCheck.length ?? 0) === 1;
      },
      30_000,
      'the report to reach the liaison hub',
    );
  });
});

describe('police and border forms', () => {
  it('lets police report a recovery and border guards an interdiction, each with its own form, and nobody use another kind’s form', async () => {
    const police = await gql<{ reportPoliceRecovery: { seizure: { id: string; originator: { id: string; kind: string } }; warnings: { code: string }[] } }>(
      url,
      tokens['TG-POLICE'],
      'mutation($i: PoliceRecoveryInput!) { reportPoliceRecovery(input: $i) { seizure { id originator { id kind } } warnings { code } } }',
      { i: { ...seizureInput({ location: { country: 'TG', place: 'Lomé', kind: 'INLAND' } }), caseNumber: 'TG/CID/00042/26', recoveryContext: 'ARREST' } },
    );
    expect(police.errors).toBeUndefined();
    expect(police.data!.reportPoliceRecovery.seizure.originator).toEqual({ id: 'TG-POLICE', kind: 'POLICE' });
    const border = await gql<{ reportBorderInterdiction: { seizure: { id: string; originator: { id: string } } } }>(
      url,
      tokens['BF-BORDER'],
      'mutation($i: BorderInterdictionInput!) { reportBorderInterdiction(input: $i) { seizure { id originator { id } } } }',
      { i: { ...seizureInput({ location: { country: 'BF', place: 'Dakola border post', kind: 'LAND_BORDER' } }), crossingPoint: 'Dakola', directionOfTravel: 'INBOUND' } },
    );
    expect(border.errors).toBeUndefined();
    expect(border.data!.reportBorderInterdiction.seizure.originator.id).toBe('BF-BORDER');
    const wrong = await gql(url, tokens['GH-CUSTOMS'], 'mutation($i: BorderInterdictionInput!) { reportBorderInterdiction(input: $i) { seizure { id } } }', { i: seizureInput() });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badEnum = await gql(url, tokens['BF-BORDER'], 'mutation($i: BorderInterdictionInput!) { reportBorderInterdiction(input: $i) { seizure { id } } }', {
      i: { ...seizureInput(), directionOfTravel: 'SIDEWAYS' },
    });
    expect(badEnum.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'directionOfTravel'] });
  });
});

describe('stockpile losses (PoA II.17) and dispositions (II.16)', () => {
  it('matches a seizure against a police stockpile loss, both ways', async () => {
    const loss = await gql<{ reportStockpileLoss: { lossId: string; hits: unknown[] } }>(
      url,
      tokens['GH-POLICE'],
      'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId hits { recordId } warnings { code } } }',
      {
        i: {
          clientReference: randomUUID(),
          kind: 'THEFT',
          facility: 'District armoury, Tamale',
          country: 'GH',
          discoveredAt: '2026-11-01T07:00:00Z',
          items: [{ kind: 'WEAPON', category: 'ASSAULT_RIFLE', manufacturer: 'Norinco', countryOfManufacture: 'CN', serialNumber: '56-1-889900' }],
          handling: { tlp: 'GREEN' },
        },
      },
    );
    expect(loss.errors, JSON.stringify(loss.errors)).toBeUndefined();
    const seized = await report(net, seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'NORINCO', countryOfManufacture: 'CN', serialNumber: '561889900' }] }));
    expect(seized.hits).toEqual([
      expect.objectContaining({ holder: expect.objectContaining({ id: 'GH-POLICE' }), recordId: loss.data!.reportStockpileLoss.lossId, recordKind: 'STOCKPILE_LOSS' }),
    ]);
    const customsLoss = await gql(url, tokens['GH-CUSTOMS'], 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }', {
      i: {
        clientReference: randomUUID(),
        kind: 'LOSS',
        facility: 'x',
        country: 'GH',
        discoveredAt: '2026-11-01T07:00:00Z',
        items: [{ kind: 'WEAPON' }],
        handling: { tlp: 'GREEN' },
      },
    });
    expect(customsLoss.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records dispositions through the originator only; destruction is final', async () => {
    const r = await gql<{ reportCustomsSeizure: { seizure: { id: string; items: { id: string }[] } } }>(
      url,
      tokens['GH-CUSTOMS'],
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id items { id } } } }',
      {
        i: seizureInput({ handling: { tlp: 'GREEN' } }),
      },
    );
    const seizureId = r.data!.reportCustomsSeizure.seizure.id;
    const itemId = r.data!.reportCustomsSeizure.seizure.items[0]!.id;
    const record = (as: string, input: Record<string, unknown>) =>
      gql<{ recordDisposition: { disposition: string } }>(url, tokens[as], 'mutation($i: DispositionInput!) { recordDisposition(input: $i) { itemId disposition date method } }', {
        i: { seizureId, itemId, date: '2026-11-21', ...input },
      });
    const evidence = await record('GH-CUSTOMS', { disposition: 'RETAINED_AS_EVIDENCE' });
    expect(evidence.errors, JSON.stringify(evidence.errors)).toBeUndefined();
    const noMethod = await record('GH-CUSTOMS', { disposition: 'DESTROYED' });
    expect(noMethod.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'method'] });
    expect((await record('GH-CUSTOMS', { disposition: 'DESTROYED', method: 'cutting', witness: 'Insp. A. Owusu' })).errors).toBeUndefined();
    const again = await record('GH-CUSTOMS', { disposition: 'RETAINED_AS_EVIDENCE' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_ITEM_ALREADY_DESTROYED' });
    expect((await record('GH-POLICE', { disposition: 'RETAINED_AS_EVIDENCE' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await until(
      async () => {
        const s = await gql<{ seizure: { dispositions: { disposition: string }[] } }>(
          url,
          tokens['TG-POLICE'],
          'query($id: ID!) { seizure(id: $id) { dispositions { disposition } } }',
          { id: seizureId },
        );
        return s.data?.seizure.dispositions.map((d) => d.disposition).join() === 'RETAINED_AS_EVIDENCE,DESTROYED';
      },
      10_000,
      'the dispositions to reach the shared view',
    );
  });
});

describe('demo data', () => {
  it('accepts generated seizures from every demo agency, once per data directory (what npm start seeds)', async () => {
    expect(await seedNetwork(network, 120)).toBe(120);
    expect(await seedNetwork(network, 120)).toBe(0);
    const mine = await gql<{ seizures: { totalCount: number } }>(url, tokens['BF-BORDER'], '{ seizures(filter: { originator: "BF-BORDER" }) { totalCount } }');
    expect(mine.data!.seizures.totalCount).toBeGreaterThan(0);
  });
});

describe('GraphiQL', () => {
  it('is served with all its code from the gateway itself, nothing from a CDN', async () => {
    const base = `http://127.0.0.1:${network.ports.gateway}`;
    const page = await fetch(`${base}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBe(5);
    for (const a of assets) {
      const res = await fetch(`${base}${a}`);
      expect(res.status, a).toBe(200);
      expect((await res.text()).length, a).toBeGreaterThan(100);
    }
    expect((await fetch(`${base}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
