import fc from 'fast-check';
import type { Network } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
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

const valid = () => ({
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  route: { origin: 'TR', transit: ['TG'], destination: 'GH' },
  items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: 'ABC123', countryOfManufacture: 'AT' }],
  persons: [{ role: 'driver', name: 'A. N. Other', nationality: 'GH' }],
  handling: { tlp: 'GREEN' },
});

type Input = Record<string, unknown>;
const set = (o: Input, path: (string | number)[], value: unknown): Input => {
  const copy = structuredClone(o);
  let cur: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
};

const paths: (string | number)[][] = [
  ['occurredAt'],
  ['location'],
  ['location', 'country'],
  ['location', 'place'],
  ['location', 'kind'],
  ['location', 'lat'],
  ['items'],
  ['items', 0, 'kind'],
  ['items', 0, 'serialNumber'],
  ['items', 0, 'countryOfManufacture'],
  ['items', 0, 'quantity'],
  ['handling'],
  ['handling', 'tlp'],
  ['handling', 'accuracy'],
  ['handling', 'releasableTo'],
  ['route'],
  ['route', 'origin'],
  ['persons'],
];

/** Values that are wrong somewhere: wrong types, bad codes, out of range, oversized, missing. */
const badValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom('XX', 'gh', 'GHA', '', ' ', 'AMBER+STRICT', 'H9', '2026-13-45', 'yesterday', 'DROP TABLE seizures;--'),
  fc.string({ minLength: 1001, maxLength: 3000 }),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.constant(Array.from({ length: 1001 }, () => ({ kind: 'AMMUNITION', quantity: 1 }))),
  fc.constant(Array.from({ length: 201 }, (_, i) => `AGENCY-${i}`)),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant(-1),
  fc.constant(1e12),
);

describe('bad input through the gateway', () => {
  it('gives every one of 1,000 generated malformed reports a clear BAD_USER_INPUT error, never a 5xx', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...paths), badValue), { numRuns: 1000, seed: 20261127 });
    let accepted = 0;
    const failures: string[] = [];
    for (const [path, value] of samples) {
      const input = set(valid(), path, value);
      const r = await gql(url, token, MUTATION, { i: input });
      if (r.status >= 500) failures.push(`${path.join('.')}=${JSON.stringify(value)?.slice(0, 60)} → HTTP ${r.status}`);
      if (!r.errors) {
        // Some generated values are valid after all (e.g. dropping an optional field): they must then be reported properly.
        accepted += 1;
        continue;
      }
      const code = r.errors[0]?.extensions?.code;
      if (code !== 'BAD_USER_INPUT') failures.push(`${path.join('.')}=${JSON.stringify(value)?.slice(0, 60)} → ${String(code)}: ${r.errors[0]?.message}`);
      if (!r.errors[0]?.message) failures.push(`${path.join('.')} → error without a message`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Nearly all of them are wrong; the few valid ones are optional fields dropped or set in range.
    expect(accepted).toBeLessThan(200);
    // and the services are all still up
    expect([...network.processes.values()].every((p) => p.child.exitCode === null)).toBe(true);
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
