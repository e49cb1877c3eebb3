import { seedNetwork, type Network } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

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

const REPORT = /* GraphQL */ `
  mutation Report($i: CustomsSeizureInput!) {
    reportCustomsSeizure(input: $i) {
      seizure { id originator { id country kind } handling { tlp releasableTo } persons { role nationality name documentNumber redacted } items { serialNumber serialNormalised } }
      hits { holder { id country kind } recordId recordKind manufacturer serialNumber }
      warnings { code message }
    }
  }
`;

let n = 0;
const seizureInput = (over: Record<string, unknown> = {}) => ({
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  route: { origin: 'TR', transit: ['TG'], destination: 'GH' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `E2E-${Date.now()}-${++n}` }],
  persons: [{ role: 'driver', name: 'Kwame Asante', nationality: 'GH', documentNumber: 'G1234567' }],
  handling: { tlp: 'GREEN' },
  ...over,
});

interface Report {
  reportCustomsSeizure: {
    seizure: { id: string; persons: { name: string | null; redacted: boolean }[] };
    hits: { holder: { id: string }; recordId: string | null }[];
    warnings: { code: string }[];
  };
}

const report = async (input: Record<string, unknown>, as = 'GH-CUSTOMS') => {
  const r = await gql<Report>(url, tokens[as], REPORT, { i: input });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.reportCustomsSeizure;
};

const canSee = async (agency: string, id: string): Promise<boolean> => {
  const r = await gql<{ seizure: { id: string } | null }>(url, tokens[agency], 'query($id: ID!) { seizure(id: $id) { id } }', { id });
  expect(r.errors).toBeUndefined();
  return r.data!.seizure !== null;
};

describe('the seizure network through the gateway', () => {
  it('shows each TLP level to exactly the agencies it allows', async () => {
    const cases: [Record<string, unknown>, Record<string, boolean>][] = [
      [{ tlp: 'CLEAR' }, { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true }],
      [{ tlp: 'GREEN' }, { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true }],
      [{ tlp: 'AMBER' }, { 'GH-POLICE': true, 'TG-POLICE': false, 'BF-BORDER': false }],
      [{ tlp: 'AMBER_STRICT' }, { 'GH-POLICE': false, 'TG-POLICE': false, 'BF-BORDER': false }],
      [
        { tlp: 'AMBER_STRICT', releasableTo: ['BF-BORDER'] },
        { 'GH-POLICE': false, 'TG-POLICE': false, 'BF-BORDER': true },
      ],
      [
        { tlp: 'RED', releasableTo: ['TG-POLICE'] },
        { 'GH-POLICE': false, 'TG-POLICE': true, 'BF-BORDER': false },
      ],
      // released to a group: every member agency (all demo agencies are in WA-NETWORK)
      [
        { tlp: 'RED', releasableTo: ['WA-NETWORK'] },
        { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true },
      ],
    ];
    for (const [handling, expected] of cases) {
      const { seizure } = await report(seizureInput({ handling }));
      expect(await canSee('GH-CUSTOMS', seizure.id), 'the originator always sees its record').toBe(true);
      const seen: Record<string, boolean> = {};
      for (const agency of Object.keys(expected)) seen[agency] = await canSee(agency, seizure.id);
      expect(seen, JSON.stringify(handling)).toEqual(expected);
      // the list view applies the same policy
      const list = await gql<{ seizures: { nodes: { id: string }[] } }>(
        url,
        tokens['TG-POLICE'],
        '{ seizures(first: 100, filter: { originator: "GH-CUSTOMS" }) { nodes { id } } }',
      );
      expect(list.data!.seizures.nodes.some((s) => s.id === seizure.id)).toBe(expected['TG-POLICE']);
    }
  });

  it('keeps person identities with the originator; others see role and nationality, redacted', async () => {
    const { seizure } = await report(seizureInput());
    expect(seizure.persons).toEqual([{ role: 'driver', nationality: 'GH', name: 'Kwame Asante', documentNumber: 'G1234567', redacted: false }]);
    const other = await gql<{ seizure: { persons: unknown[] } }>(
      url,
      tokens['GH-POLICE'],
      'query($id: ID!) { seizure(id: $id) { persons { role nationality name documentNumber redacted } } }',
      { id: seizure.id },
    );
    expect(other.data!.seizure.persons).toEqual([{ role: 'driver', nationality: 'GH', name: null, documentNumber: null, redacted: true }]);
  });

  it('answers serial checks under policy on both sides, and notifies the holder every time', async () => {
    const serial = (s: string) => [{ kind: 'WEAPON', category: 'ASSAULT_RIFLE', manufacturer: 'Kalashnikov Concern', countryOfManufacture: 'RU', serialNumber: s }];
    const green = await report(seizureInput({ items: serial('KC-770011'), handling: { tlp: 'GREEN' } }));
    const amber = await report(seizureInput({ items: serial('KC-770022'), handling: { tlp: 'AMBER' } }));
    const red = await report(seizureInput({ items: serial('KC-770033'), handling: { tlp: 'RED' } }));
    const check = async (s: string) =>
      (
        await gql<{ serialCheck: { holder: { id: string }; recordId: string | null }[] }>(
          url,
          tokens['TG-POLICE'],
          `{ serialCheck(manufacturer: "kalashnikov concern", serialNumber: "${s}") { holder { id } recordId } }`,
        )
      ).data!.serialCheck;
    expect(await check('kc 770011')).toEqual([{ holder: { id: 'GH-CUSTOMS' }, recordId: green.seizure.id }]);
    expect(await check('KC770022')).toEqual([{ holder: { id: 'GH-CUSTOMS' }, recordId: null }]);
    expect(await check('KC-770033')).toEqual([]);
    const notices = (
      await gql<{ hitsOnMyRecords: { nodes: { recordId: string; queriedBy: { id: string } }[] } }>(
        url,
        tokens['GH-CUSTOMS'],
        '{ hitsOnMyRecords(first: 500) { nodes { recordId queriedBy { id } at count } } }',
      )
    ).data!.hitsOnMyRecords.nodes;
    for (const id of [green.seizure.id, amber.seizure.id, red.seizure.id]) {
      expect(
        notices.some((x) => x.recordId === id && x.queriedBy.id === 'TG-POLICE'),
        id,
      ).toBe(true);
    }
  });

  it('returns hits when a report matches a record elsewhere in the network', async () => {
    const first = await report(seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'Beretta', countryOfManufacture: 'IT', serialNumber: 'PX-4471-E2E' }] }), 'TG-CUSTOMS');
    const second = await report(seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'BERETTA', countryOfManufacture: 'IT', serialNumber: 'px4471e2e' }] }));
    expect(second.hits).toEqual([expect.objectContaining({ holder: expect.objectContaining({ id: 'TG-CUSTOMS' }), recordId: first.seizure.id })]);
    expect(second.warnings.map((w) => w.code)).toContain('HIT');
  });

  it('makes a retried report with the same clientReference return the original seizure', async () => {
    const input = seizureInput({ clientReference: `AFLAO-${Date.now()}` });
    const a = await report(input);
    const b = await report(input);
    expect(b.seizure.id).toBe(a.seizure.id);
    const c = await report({ ...input, clientReference: `${String((input as { clientReference?: string }).clientReference)}-other` });
    expect(c.seizure.id).not.toBe(a.seizure.id);
  });

  it('warns of embargoes and inadequate marking', async () => {
    const r = await report(
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
    const seized = await report(seizureInput({ items: [{ kind: 'WEAPON', manufacturer: 'NORINCO', countryOfManufacture: 'CN', serialNumber: '561889900' }] }));
    expect(seized.hits).toEqual([
      expect.objectContaining({ holder: expect.objectContaining({ id: 'GH-POLICE' }), recordId: loss.data!.reportStockpileLoss.lossId, recordKind: 'STOCKPILE_LOSS' }),
    ]);
    const customsLoss = await gql(url, tokens['GH-CUSTOMS'], 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }', {
      i: { kind: 'LOSS', facility: 'x', country: 'GH', discoveredAt: '2026-11-01T07:00:00Z', items: [{ kind: 'WEAPON' }], handling: { tlp: 'GREEN' } },
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

describe('audit of reads (invariant 6)', () => {
  it('records every read of a shared record by another agency, and shows the originator who read what and when', async () => {
    const { seizure } = await report(seizureInput({ handling: { tlp: 'AMBER' } }));
    const read = (agency: string) => gql(url, tokens[agency], 'query($id: ID!) { seizure(id: $id) { id } }', { id: seizure.id });
    await read('GH-POLICE');
    await read('GH-POLICE'); // the same officer again within a minute: one read
    await read('GH-BORDER');
    await read('TG-POLICE'); // AMBER: not allowed, so nothing was read
    await read('GH-CUSTOMS'); // the originator reading its own record is not sharing
    const reads = await gql<{ readsOfMyRecords: { recordId: string; reader: { id: string }; readerSubject: string; at: string }[] }>(
      url,
      tokens['GH-CUSTOMS'],
      'query($id: ID) { readsOfMyRecords(recordId: $id) { recordId reader { id } readerSubject at } }',
      { id: seizure.id },
    );
    expect(reads.data!.readsOfMyRecords.map((r) => r.reader.id)).toEqual(['GH-BORDER', 'GH-POLICE']);
    expect(reads.data!.readsOfMyRecords[1]?.readerSubject).toBe('dev-officer@gh-police');
    // nobody else sees GH-CUSTOMS' audit trail
    const other = await gql<{ readsOfMyRecords: unknown[] }>(url, tokens['GH-POLICE'], 'query($id: ID) { readsOfMyRecords(recordId: $id) { recordId } }', { id: seizure.id });
    expect(other.data!.readsOfMyRecords).toEqual([]);
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
