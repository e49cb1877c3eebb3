import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLResponse } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

// Security review, finding 6: one request must not stall the gateway or a subgraph.
const RATE_LIMIT = 120;
const AGENCY_RATE_LIMIT = 400;
const BUDGET = 10_000;

let net: TestNetwork;
let url: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  net = await startTestNetwork('tb-cost-', undefined, { TB_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), TB_AGENCY_RATE_LIMIT_PER_MINUTE: String(AGENCY_RATE_LIMIT) });
  ({ url, tokens } = net);
}, 120_000);

afterAll(async () => {
  await net?.close();
});

/** A request and how long it held the connection. */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

/** Refused by the cost limit: no data, the stable code, before any resolver (so quickly). */
function expectTooCostly(r: GraphQLResponse, ms: number): void {
  expect(r.status).toBeLessThan(500);
  expect(r.data ?? null).toBeNull();
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_QUERY_TOO_COSTLY' });
  expect(ms).toBeLessThan(2_000);
}

const aliases = (n: number, field: string): string => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

describe('operation cost limit (gateway and subgraphs)', () => {
  it('refuses 2,000 aliases of me { roles } before execution', async () => {
    const { result, ms } = await timed(() => gql(url, tokens['TG-CUSTOMS'], `{ ${aliases(2000, 'me { roles }')} }`));
    expectTooCostly(result, ms);
    expect((result.errors?.[0]?.extensions as { cost?: number }).cost).toBeGreaterThan(BUDGET);
  });

  it('refuses 500 serialCheck aliases before any check runs: the holder is never notified', async () => {
    const serial = `COST-${randomUUID().slice(0, 8)}`;
    const reported = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(
      url,
      tokens['GH-CUSTOMS'],
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }',
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: '2026-11-20T09:30:00Z',
          location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
          items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: serial }],
          handling: { tlp: 'GREEN' },
        },
      },
    );
    expect(reported.errors).toBeUndefined();
    const id = reported.data!.reportCustomsSeizure.seizure.id;
    // The hub must hold the record, or a refusal would prove nothing.
    await until(
      async () => (await gql<{ seizure: { id: string } | null }>(url, tokens['GH-POLICE'], 'query($id: ID!) { seizure(id: $id) { id } }', { id })).data?.seizure != null,
      30_000,
      'the seizure at the hub',
    );

    const { result, ms } = await timed(() =>
      gql(url, tokens['TG-POLICE'], `{ ${aliases(500, `serialCheck(manufacturer: "Glock", serialNumber: "${serial}") { holder { id } }`)} }`),
    );
    expectTooCostly(result, ms);
    const noticesOf = async () =>
      (
        await gql<{ hitsOnMyRecords: { nodes: { recordId: string; count: number }[] } }>(url, tokens['GH-CUSTOMS'], '{ hitsOnMyRecords(first: 500) { nodes { recordId count } } }')
      ).data!.hitsOnMyRecords.nodes.filter((h) => h.recordId === id);
    expect(await noticesOf()).toEqual([]);
    // Control: one check within the budget does notify the holder, so the empty list above means nothing ran.
    expect((await gql(url, tokens['TG-POLICE'], `{ serialCheck(manufacturer: "Glock", serialNumber: "${serial}") { holder { id } } }`)).errors).toBeUndefined();
    expect(await noticesOf()).toEqual([{ recordId: id, count: 1 }]);
  });

  it('counts through fragments, multiplied by first', async () => {
    // Few fields at the top; the weight sits four fragments deep, under two pages of 100.
    const query = /* GraphQL */ `
      { a: seizures(first: 100) { nodes { ...L1 } } b: seizures(first: 100) { nodes { ...L1 } } }
      fragment L1 on Seizure { id ...L2 }
      fragment L2 on Seizure { occurredAt ...L3 }
      fragment L3 on Seizure { reportedAt ...L4 }
      fragment L4 on Seizure {
        persons { role name } originator { id name } items { id kind category manufacturer model calibre serialNumber }
        location { country place kind lat lon } handling { tlp code restrictions reliability accuracy releasableTo }
        route { origin transit destination } warnings { code message } dispositions { itemId disposition date method }
      }
    `;
    const { result, ms } = await timed(() => gql(url, tokens['BF-BORDER'], query));
    expectTooCostly(result, ms);
  });

  it('still answers a normal query: a full page of seizures with their items', async () => {
    const r = await gql<{ seizures: { nodes: { id: string; items: { id: string }[] }[] } }>(url, tokens['WA-LIAISON'], '{ seizures(first: 100) { nodes { id items { id } } } }');
    expect(r.errors).toBeUndefined();
    expect(Array.isArray(r.data?.seizures.nodes)).toBe(true);
  });

  it('counts a case’s lists at a large case’s size: one case with its contents is answered, a page of cases with theirs is refused', async () => {
    const contents = 'participants { status } attachments { status holder { id } } notes { text } timeline { at type summary agency { id } }';
    const one = await gql<{ case: null }>(url, tokens['WA-LIAISON'], `{ case(id: "019a0000-0000-7000-8000-000000000000") { id ${contents} } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data?.case).toBeNull();
    const { result, ms } = await timed(() => gql(url, tokens['WA-LIAISON'], `{ cases(first: 100) { nodes { id ${contents} } } }`));
    expectTooCostly(result, ms);
  });

  it('enforces the budget in a subgraph reached directly, not only at the gateway', async () => {
    const liaison = `http://127.0.0.1:${net.network.ports.liaison}/graphql`;
    const serialCheck = 'serialCheck(manufacturer: "Glock", serialNumber: "X1") { holder { id } }';
    const { result, ms } = await timed(() => gql(liaison, tokens['TG-CUSTOMS'], `{ ${aliases(500, serialCheck)} }`));
    expectTooCostly(result, ms);
  });
});

describe('_entities in a subgraph', () => {
  it('refuses more representations than the cap, quickly, sent straight to the liaison subgraph', async () => {
    const liaison = `http://127.0.0.1:${net.network.ports.liaison}/graphql`;
    const representations = Array.from({ length: 500 }, () => ({ __typename: 'Seizure', id: randomUUID() }));
    const { result, ms } = await timed(() =>
      gql(liaison, tokens['GH-CUSTOMS'], 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Seizure { id } } }', { r: representations }),
    );
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_TOO_MANY_REPRESENTATIONS', path: ['representations'] });
    expect(ms).toBeLessThan(2_000);
  });
});

describe('per-officer rate limit at the gateway', () => {
  it('answers a burst over the limit with 429 for that officer, while another officer is still served', async () => {
    const burst = await Promise.all(
      Array.from({ length: RATE_LIMIT + 20 }, () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['GH-BORDER']}` },
          body: JSON.stringify({ query: '{ me { roles } }' }),
        }),
      ),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    const body = (await limited[0]!.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    for (const r of burst) if (!r.bodyUsed) await r.body?.cancel();

    const other = await gql<{ me: { roles: string[] } }>(url, tokens['GH-POLICE'], '{ me { roles } }');
    expect(other.status).toBe(200);
    expect(other.data?.me.roles).toContain('REPORTING_OFFICER');
  });
});

describe('the limits cannot be stepped around (review of issue 6)', () => {
  const services = () => [url, `http://127.0.0.1:${net.network.ports.liaison}/graphql`];
  const costly = `{ ${aliases(60, 'seizures(first: 100) { nodes { id items { id } } }')} }`;
  const post = async (target: string, body: unknown, token: string | null = tokens['TG-POLICE']!) => {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string; tbCode?: string } }[] } };
  };

  it('refuses a query sent as a JSON syntax tree instead of GraphQL text, and never answers junk with an internal error', async () => {
    // The same 60 costly aliases as a JSON syntax tree (what graphql-js' parse would give).
    const name = (value: string) => ({ kind: 'Name', value });
    const field = (n: string, selections: unknown[] = [], args: unknown[] = [], alias?: string) => ({
      kind: 'Field',
      ...(alias ? { alias: name(alias) } : {}),
      name: name(n),
      arguments: args,
      directives: [],
      ...(selections.length ? { selectionSet: { kind: 'SelectionSet', selections } } : {}),
    });
    const page = (i: number) =>
      field(
        'seizures',
        [field('nodes', [field('id'), field('items', [field('id')])])],
        [{ kind: 'Argument', name: name('first'), value: { kind: 'IntValue', value: '100' } }],
        `a${i}`,
      );
    const tree = {
      kind: 'Document',
      definitions: [
        {
          kind: 'OperationDefinition',
          operation: 'query',
          variableDefinitions: [],
          directives: [],
          selectionSet: { kind: 'SelectionSet', selections: Array.from({ length: 60 }, (_, i) => page(i)) },
        },
      ],
    };
    expect((await post(url, { query: costly })).body.errors?.[0]?.extensions?.tbCode).toBe('TB_ERR_QUERY_TOO_COSTLY');
    for (const target of services()) {
      const ast = await post(target, { query: JSON.stringify(tree) });
      expect(ast.body.data ?? null).toBeNull();
      expect(ast.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_QUERY_SYNTAX' });
      for (const junk of ['5', 'true', 'null', '1.5', '{"kind":"Document","definitions":5}']) {
        const r = await post(target, { query: junk });
        expect(r.status, junk).toBeLessThan(500);
        expect(r.body.errors?.[0]?.extensions?.code, junk).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('costs GET requests with their variables, and refuses variables that are not JSON', async () => {
    const q = encodeURIComponent(`query($n: Int) { ${aliases(20, 'seizures(first: $n) { nodes { id items { id manufacturer serialNumber } } }')} }`);
    for (const target of services()) {
      const get = async (vars: string) => {
        const res = await fetch(`${target}?query=${q}&variables=${encodeURIComponent(vars)}`, { headers: { authorization: `Bearer ${tokens['TG-POLICE']}` } });
        return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string; tbCode?: string } }[] };
      };
      expect((await get('{"n":100}')).errors?.[0]?.extensions).toMatchObject({ tbCode: 'TB_ERR_QUERY_TOO_COSTLY' });
      expect((await get('{"n":1}')).errors).toBeUndefined();
      expect((await get('{"n":')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await get('{"n":"x"}')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers an unauthenticated request with a long query at once (no backtracking check on the SDL exemption)', async () => {
    const query = `query${' '.repeat(100_000)}{ _service { sdl } }`;
    for (const port of [net.network.ports.gateway, net.network.ports.liaison]) {
      const { result, ms } = await timed(() => post(`http://127.0.0.1:${port}/graphql`, { query }, null));
      expect(result.status).toBe(401);
      expect(ms).toBeLessThan(1_000);
    }
  });
});

describe('an agency that mints itself new officer ids still has one budget', () => {
  it('refuses an agency over its limit at a subgraph reached directly, whatever subjects its tokens name, and serves the others', async () => {
    const police = (await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'))).find((k) => k.agency.id === 'TG-POLICE')!;
    const liaison = `http://127.0.0.1:${net.network.ports.liaison}/graphql`;
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      // A fresh subject every 10 requests: the per-officer limit (gateway) never sees the same officer twice as often.
      const token = await mintDevToken(police, { subject: `minted-${batch}-${randomUUID()}` });
      const rs = await Promise.all(Array.from({ length: 50 }, () => gql(liaison, token, '{ seizures(first: 1) { totalCount } }')));
      statuses.push(...rs.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(500 - AGENCY_RATE_LIMIT);
    expect((await gql(liaison, tokens['GH-POLICE'], '{ seizures(first: 1) { totalCount } }')).status).toBe(200);
  });
});
