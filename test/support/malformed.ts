import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/** Generated bad input for the GraphQL edge: where it goes, and how it is sent. */
export interface BadCase {
  /** Which operation, for the failure message. */
  kind: 'report' | 'stockpileLoss' | 'seizures' | 'entities';
  /** `variables`: the input travels as JSON variables; `literal`: inline in the query text. */
  via: 'variables' | 'literal';
  path: (string | number)[];
  value: unknown;
}

export type Input = Record<string, unknown>;

export const validReport = (): Input => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  route: { origin: 'TR', transit: ['TG'], destination: 'GH' },
  items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: 'ABC123', countryOfManufacture: 'AT' }],
  persons: [{ role: 'driver', name: 'A. N. Other', nationality: 'GH' }],
  handling: { tlp: 'GREEN' },
});

export const validLoss = (): Input => ({
  clientReference: randomUUID(),
  kind: 'THEFT',
  facility: 'Central armoury',
  country: 'GH',
  discoveredAt: '2026-11-01T08:00:00Z',
  items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: 'LOSS-1' }],
  handling: { tlp: 'GREEN' },
});

export const set = (o: Input, path: (string | number)[], value: unknown): Input => {
  const copy = structuredClone(o);
  let cur: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
};

const reportPaths: (string | number)[][] = [
  ['clientReference'],
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
const lossPaths: (string | number)[][] = [['clientReference'], ['country'], ['discoveredAt'], ['kind'], ['facility'], ['items'], ['items', 0, 'serialNumber'], ['handling', 'tlp']];
const filterPaths: (string | number)[][] = [
  ['filter', 'from'],
  ['filter', 'to'],
  ['filter', 'country'],
  ['filter', 'originator'],
  ['filter', 'manufacturer'],
  ['filter', 'category'],
  ['filter'],
  ['first'],
  ['after'],
];
const entityPaths: (string | number)[][] = [[0, 'id'], [0, '__typename'], [0]];

/** Values that are wrong somewhere: wrong types, bad codes and dates, out of range, oversized, missing; and the review's own shapes. */
const badValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(
    'XX',
    'gh',
    'GHA',
    '',
    ' ',
    'AMBER+STRICT',
    'H9',
    '2026-13-45',
    'yesterday',
    'DROP TABLE seizures;--',
    '2026-11-20T09:30:00',
    '2031-01-01T00:00:00Z',
    'TG',
    '2026-02-30T25:00:00Z',
  ),
  fc.string({ minLength: 1001, maxLength: 3000 }),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.constant(Array.from({ length: 1001 }, () => ({ kind: 'AMMUNITION', quantity: 1 }))),
  fc.constant(Array.from({ length: 201 }, (_, i) => `AGENCY-${i}`)),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant({ year: 2026, month: 11 }),
  fc.constant(-1),
  fc.constant(1e12),
);

/** `n` seeded cases over the four edges (reports, stockpile losses, seizures filters, `_entities`), by variables and inline. */
export function badCases(n: number, seed: number): BadCase[] {
  const arb = fc.tuple(
    fc.constantFrom<BadCase['kind']>('report', 'report', 'stockpileLoss', 'seizures', 'entities'),
    fc.constantFrom<BadCase['via']>('variables', 'literal'),
    fc.nat(),
    badValue,
  );
  return fc.sample(arb, { numRuns: n, seed }).map(([kind, via, pick, value]) => {
    const paths = kind === 'report' ? reportPaths : kind === 'stockpileLoss' ? lossPaths : kind === 'seizures' ? filterPaths : entityPaths;
    return { kind, via, path: paths[pick % paths.length]!, value };
  });
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** Keys whose values are GraphQL enums: written bare in a literal when they look like a name. */
const ENUM_KEYS = new Set(['kind', 'tlp', 'code', 'reliability', 'category']);

/** A JSON value as a GraphQL literal (what a client would type inline); keys that are not GraphQL names are dropped. */
export function literal(value: unknown, key = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return ENUM_KEYS.has(key) && NAME.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, key)).join(', ')}]`;
  const fields = Object.entries(value as Input).filter(([k, v]) => NAME.test(k) && v !== undefined);
  return `{ ${fields.map(([k, v]) => `${k}: ${literal(v, k)}`).join(', ')} }`;
}
