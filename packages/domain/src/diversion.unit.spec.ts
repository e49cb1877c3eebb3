import { normaliseSerial } from '@tracebridge/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchChains, chainFacts, isProbableDiversion, lotKeyText, lotOf, serialOf, serialPattern, spreadChains, type BatchChain, type BatchItem } from './diversion';
import { diversionClusters } from './diversionChance';
import { DEFAULT_DIVERSION_RULES, diversionRules } from './diversionRules';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10);
const rules = DEFAULT_DIVERSION_RULES;
const item = (recordId: string, number: number, state = 'GH', day = 0, lot = 'L'): BatchItem => ({ recordId, lot, width: 6, number, state, occurredAt: T0 + day * DAY });

describe('serial patterns', () => {
  it('splits a serial at its last run of digits', () => {
    expect(serialPattern('ABC123456')).toEqual({ prefix: 'ABC', number: 123456, width: 6, suffix: '' });
    expect(serialPattern('123456X')).toEqual({ prefix: '', number: 123456, width: 0, suffix: 'X' });
    expect(serialPattern('A12B3456')).toEqual({ prefix: 'A12B', number: 3456, width: 4, suffix: '' });
    expect(serialPattern('KA0042')).toEqual({ prefix: 'KA', number: 42, width: 4, suffix: '' });
    expect(serialPattern('AB12CD')).toEqual({ prefix: 'AB', number: 12, width: 2, suffix: 'CD' });
    expect(serialPattern('NODIGITS')).toBeNull();
  });

  it('keeps long digit runs exact: only the last 15 digits count, the rest is prefix', () => {
    expect(serialPattern('12345678901234567890')).toEqual({ prefix: '12345', number: 678901234567890, width: 15, suffix: '' });
  });

  it('gives back the serial it was read from (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,30}$/), (raw) => {
        const s = normaliseSerial(raw);
        const p = s === null ? null : serialPattern(s);
        if (p === null) return;
        expect(serialOf(p, p.number)).toBe(s);
      }),
    );
  });

  it('keys a lot by maker, model and pattern, as matched', () => {
    const a = lotOf({ kind: 'WEAPON', manufacturer: ' glock ', model: '17', serialNormalised: 'ABC100100' });
    const b = lotOf({ kind: 'WEAPON', manufacturer: 'GLOCK', model: '17', serialNormalised: 'ABC100180' });
    expect(a && b && lotKeyText(a.key) === lotKeyText(b.key)).toBe(true);
    expect(lotOf({ kind: 'WEAPON', manufacturer: 'Norinco', model: 'Type 56-1', serialNormalised: '1' })?.key.model).toBe('TYPE561');
    // A different width, suffix or model is another lot.
    for (const other of [
      { kind: 'WEAPON', manufacturer: 'Glock', model: '17', serialNormalised: 'ABC10010' },
      { kind: 'WEAPON', manufacturer: 'Glock', model: '17', serialNormalised: 'ABC100100X' },
      { kind: 'WEAPON', manufacturer: 'Glock', model: '19', serialNormalised: 'ABC100100' },
    ])
      expect(lotKeyText(lotOf(other)!.key)).not.toBe(lotKeyText(a!.key));
  });

  it('leaves out what is no candidate: not a weapon, no model, no usable serial', () => {
    expect(lotOf({ kind: 'PART', manufacturer: 'Glock', model: '17', serialNormalised: 'ABC1' })).toBeNull();
    expect(lotOf({ kind: 'WEAPON', manufacturer: 'Glock', serialNormalised: 'ABC1' })).toBeNull();
    expect(lotOf({ kind: 'WEAPON', manufacturer: 'Glock', model: '17', serialNormalised: null })).toBeNull();
    expect(lotOf({ kind: 'WEAPON', manufacturer: 'Glock', model: '17', serialNormalised: 'ABCDEF' })).toBeNull();
  });
});

describe('the diversion rule', () => {
  it('reads its thresholds from the environment, and refuses bad ones by name', () => {
    expect(diversionRules({})).toEqual(DEFAULT_DIVERSION_RULES);
    expect(diversionRules({ TB_DIVERSION_RANGE: '250', TB_DIVERSION_MIN_SERIALS: '4', TB_DIVERSION_DAYS_APART: '60', TB_DIVERSION_MAX_CHANCE: '0.5' })).toEqual({
      range: 250,
      minSerials: 4,
      minSeizures: 2,
      daysApart: 60,
      maxChance: 0.5,
    });
    expect(() => diversionRules({ TB_DIVERSION_RANGE: '0' })).toThrow(/TB_DIVERSION_RANGE="0"/);
    expect(() => diversionRules({ TB_DIVERSION_MIN_SERIALS: 'three' })).toThrow(/TB_DIVERSION_MIN_SERIALS/);
  });

  it('chains numbers at most `range` apart', () => {
    const chains = batchChains([item('a', 100), item('b', 200), item('c', 301), item('d', 300)], 100);
    expect(chains.map((c) => [c.from, c.to, c.items.length])).toEqual([[100, 301, 4]]);
    expect(batchChains([item('a', 100), item('b', 201)], 100).map((c) => c.items.length)).toEqual([1, 1]);
    expect(batchChains([item('a', 100), item('b', 100, 'GH', 0, 'M')], 100)).toHaveLength(2);
  });

  const flagged = (items: BatchItem[]) => diversionClusters(items, rules).length === 1;
  it('flags three serials from two seizures in two states', () => {
    expect(flagged([item('s1', 100, 'GH'), item('s1', 101, 'GH'), item('s2', 150, 'TG')])).toBe(true);
  });
  it('flags one state when the seizures are more than 30 days apart, not 30', () => {
    expect(flagged([item('s1', 100), item('s1', 101), item('s2', 150, 'GH', 31)])).toBe(true);
    expect(flagged([item('s1', 100), item('s1', 101), item('s2', 150, 'GH', 30)])).toBe(false);
  });
  it('does not flag one seizure, two serials, or one weapon reported three times', () => {
    expect(flagged([item('s1', 100, 'GH'), item('s1', 101, 'TG'), item('s1', 102, 'BF')])).toBe(false);
    expect(flagged([item('s1', 100, 'GH'), item('s2', 101, 'TG')])).toBe(false);
    expect(flagged([item('s1', 100, 'GH'), item('s2', 100, 'TG'), item('s3', 100, 'BF')])).toBe(false);
  });
  it('counts distinct serials, seizures and states', () => {
    const [c] = batchChains([item('s1', 100, 'GH', 3), item('s2', 100, 'TG', 1), item('s2', 120, 'TG', 9)], 100);
    expect(c).toMatchObject({ serials: 2, records: ['s1', 's2'], states: ['GH', 'TG'], firstSeen: T0 + DAY, lastSeen: T0 + 9 * DAY });
    expect(isProbableDiversion(chainFacts(c!), { ...rules, minSerials: 2 })).toBe(true);
  });
});

const RANGE = 10;
const arbItems = fc.array(
  fc.record({
    recordId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
    lot: fc.constantFrom('L1', 'L2'),
    width: fc.constant(3),
    number: fc.integer({ min: 0, max: 120 }),
    state: fc.constantFrom('GH', 'TG'),
    occurredAt: fc.integer({ min: 0, max: 90 }).map((d) => T0 + d * DAY),
  }),
  { maxLength: 40 },
);
const smallRules = { ...rules, range: RANGE };
const ids = (c: BatchChain) => c.items.map((i) => JSON.stringify(i)).sort();
const contains = (outer: BatchChain, inner: BatchChain) => {
  const o = new Set(ids(outer));
  return ids(inner).every((i) => o.has(i));
};

/** The reference: items are linked when of one lot and at most `range` apart; chains are the connected components of that graph. */
function components(items: readonly BatchItem[]): string[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  items.forEach((a, i) =>
    items.forEach((b, j) => {
      if (a.lot === b.lot && Math.abs(a.number - b.number) <= RANGE) parent[find(i)] = find(j);
    }),
  );
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), JSON.stringify(it)]));
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('chains (properties)', () => {
  it('are the connected components of "same lot, at most range apart", whatever the order', () => {
    fc.assert(
      fc.property(arbItems, (items) => {
        const mine = batchChains(items, RANGE)
          .map(ids)
          .sort((a, b) => a[0]!.localeCompare(b[0]!));
        expect(mine).toEqual(components(items));
        expect(
          batchChains([...items].reverse(), RANGE)
            .map(ids)
            .sort(),
        ).toEqual(mine.slice().sort());
      }),
    );
  });

  it("adding items never splits or unflags a chain the spread rule flags (so a viewer's flagged chain lies in a flagged chain of the network)", () => {
    fc.assert(
      fc.property(arbItems, arbItems, (items, more) => {
        const after = batchChains([...items, ...more], RANGE);
        for (const c of spreadChains(items, smallRules)) {
          const holder = after.filter((a) => contains(a, c));
          expect(holder).toHaveLength(1);
          expect(isProbableDiversion(chainFacts(holder[0]!), smallRules)).toBe(true);
        }
      }),
    );
  });

  it('a subset of the items yields no chain, flagged or not, that is not inside one of the whole set', () => {
    fc.assert(
      fc.property(
        arbItems.chain((items) => fc.tuple(fc.constant(items), fc.subarray(items))),
        ([all, subset]) => {
          const whole = batchChains(all, RANGE);
          for (const c of batchChains(subset, RANGE)) {
            const holder = whole.find((w) => contains(w, c));
            expect(holder).toBeDefined();
            if (isProbableDiversion(chainFacts(c), smallRules)) expect(isProbableDiversion(chainFacts(holder!), smallRules)).toBe(true);
          }
        },
      ),
    );
  });
});
