import type { Network } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { badCases, literal, set, validLoss, validReport, type BadCase } from '../support/malformed';
import { startTestNetwork, type TestNetwork } from '../support/network';

let net: TestNetwork;
let network: Network;
let url: string;
let token: string;

beforeAll(async () => {
  net = await startTestNetwork('tb-bad-');
  ({ network, url } = net);
  token = net.tokens['GH-CUSTOMS']!;
}, 120_000);

afterAll(async () => {
  await net?.close();
});

const MUTATION = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } warnings { code } } }';

const valid = validReport;

type Response = Awaited<ReturnType<typeof gql>>;

/** Send one generated case the way a client would: as variables or inline, through the gateway (or straight to the hub for `_entities`). */
function send(c: BadCase): Promise<Response> | null {
  const inline = c.via === 'literal';
  switch (c.kind) {
    case 'report': {
      const i = set(valid(), c.path, c.value);
      return inline ? gql(url, token, `mutation { reportCustomsSeizure(input: ${literal(i)}) { seizure { id } } }`) : gql(url, token, MUTATION, { i });
    }
    case 'stockpileLoss': {
      const i = set(validLoss(), c.path, c.value);
      return inline
        ? gql(url, net.tokens['GH-POLICE'], `mutation { reportStockpileLoss(input: ${literal(i)}) { lossId } }`)
        : gql(url, net.tokens['GH-POLICE'], 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }', { i });
    }
    case 'seizures': {
      const args = set({ filter: {} }, c.path, c.value);
      const list = Object.entries(args).filter(([, v]) => v !== undefined);
      return inline
        ? gql(url, token, `{ seizures${list.length ? `(${list.map(([k, v]) => `${k}: ${literal(v, k)}`).join(', ')})` : ''} { totalCount } }`)
        : gql(url, token, 'query($f: SeizureFilter, $n: Int, $a: String) { seizures(filter: $f, first: $n, after: $a) { totalCount } }', {
            f: args.filter,
            n: args.first,
            a: args.after,
          });
    }
    case 'entities': {
      const r = set({ list: [{ __typename: 'Seizure', id: 'a1b2c3' }] }, ['list', ...c.path], c.value).list as Record<string, unknown>[] | undefined;
      const rep = Array.isArray(r) ? r[0] : undefined;
      // A well-formed representation is valid input: the hub then waits for the seizure (not this test's subject).
      if (rep && rep.__typename === 'Seizure' && typeof rep.id === 'string' && rep.id.trim() !== '' && rep.id.length <= 200) return null;
      const hub = `http://127.0.0.1:${network.ports.liaison}/graphql`;
      return inline
        ? gql(hub, token, `{ _entities(representations: ${literal(r)}) { ... on Seizure { id } } }`)
        : gql(hub, token, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Seizure { id } } }', { r });
    }
  }
}

/** Run `work` over `items` with at most `n` in flight. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('bad input through the gateway', () => {
  it('gives every one of 10,000 generated malformed inputs (variables and inline) BAD_USER_INPUT with a path, never a 5xx', async () => {
    const cases = badCases(10_000, 20261127);
    const accepted: Record<string, number> = {};
    const failures: string[] = [];
    let sent = 0;
    await pool(cases, 12, async (c) => {
      const pending = send(c);
      if (!pending) return;
      sent += 1;
      const r = await pending;
      const what = `${c.kind}/${c.via} ${c.path.join('.')}=${JSON.stringify(c.value)?.slice(0, 60)}`;
      if (r.status >= 500) failures.push(`${what} → HTTP ${r.status}`);
      if (!r.errors) {
        // Some generated values are valid after all (an optional field dropped, a string where any string will do).
        accepted[c.kind] = (accepted[c.kind] ?? 0) + 1;
        return;
      }
      const e = r.errors[0]!;
      if (e.extensions?.code !== 'BAD_USER_INPUT') failures.push(`${what} → ${String(e.extensions?.code)}: ${e.message}`);
      else if (!Array.isArray(e.extensions.path) || e.extensions.path.length === 0) failures.push(`${what} → no path: ${e.message}`);
      if (!e.message) failures.push(`${what} → error without a message`);
    });
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(9_000);
    // Nearly all of them are wrong.
    expect(Object.values(accepted).reduce((a, b) => a + b, 0)).toBeLessThan(sent / 4);
    // and the services are all still up
    expect([...network.processes.values()].every((p) => p.child.exitCode === null)).toBe(true);
  });

  it("answers the review's own shapes with BAD_USER_INPUT at the offending path", async () => {
    const hub = `http://127.0.0.1:${network.ports.liaison}/graphql`;
    const police = net.tokens['GH-POLICE'];
    const shapes: [Promise<Response>, (string | number)[]][] = [
      [gql(url, token, MUTATION, { i: { ...valid(), occurredAt: '2031-01-01T00:00:00Z' } }), ['input', 'occurredAt']],
      [gql(url, police, 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }', { i: { ...validLoss(), country: 'TG' } }), ['input', 'country']],
      [gql(url, token, '{ seizures(filter: { from: { year: 2026 } }) { totalCount } }'), ['filter', 'from']],
      [gql(url, token, '{ seizures(filter: { to: true }) { totalCount } }'), ['filter', 'to']],
      [gql(url, token, 'query($f: SeizureFilter) { seizures(filter: $f) { totalCount } }', { f: { from: { year: 2026 } } }), ['f', 'from']],
      [
        gql(hub, token, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Seizure { id } } }', { r: [{ __typename: 'Seizure', id: { x: 1 } }] }),
        ['representations', 0, 'id'],
      ],
    ];
    for (const [pending, path] of shapes) {
      const r = await pending;
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions, JSON.stringify(r.errors)).toMatchObject({ code: 'BAD_USER_INPUT', path });
    }
  });

  it('refuses queries deeper than the limit and bodies larger than the limit, without a 5xx', async () => {
    let deep = 'name';
    for (let i = 0; i < 15; i++) deep = `ofType { ${deep} }`;
    const r = await gql(url, token, `{ __schema { types { fields { type { ${deep} } } } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: MUTATION, variables: { i: { ...valid(), context: 'x'.repeat(400_000) } } }),
    });
    expect(big.status).toBeLessThan(500);
    const body = (await big.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/too large/i), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
