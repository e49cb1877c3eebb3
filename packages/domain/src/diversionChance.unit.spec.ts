import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadChains, type BatchItem } from './diversion';
import { chanceClusters, chanceWindow, diversionClusters, poissonTail } from './diversionChance';
import { DEFAULT_DIVERSION_RULES } from './diversionRules';

const DAY = 86_400_000;
const rules = DEFAULT_DIVERSION_RULES;
const item = (recordId: string, number: number, state: string, lot = 'L', width = 6): BatchItem => ({ recordId, lot, width, number, state, occurredAt: DAY * 100 });

/** A seeded background: `count` serials of lot `L` spread uniformly over 0 … 999,999, one seizure each, all in GH. */
function background(count: number, seed = 7): BatchItem[] {
  // mulberry32, as the demo data draws (a plain LCG's successive draws are correlated enough to make clusters).
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => item(`bg${i}`, Math.floor(next() * 1_000_000), ['GH', 'TG', 'BF'][i % 3]!));
}

describe('the chance test', () => {
  it('computes Poisson tails in both tails', () => {
    expect(poissonTail(0, 2)).toBe(0);
    expect(poissonTail(3, 0)).toBe(1);
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonTail(0.01, 3) / (Math.exp(-0.01) * (0.01 ** 3 / 6 + 0.01 ** 4 / 24 + 0.01 ** 5 / 120))).toBeCloseTo(1, 7);
    // Large λ: e^-λ underflows, the tail does not.
    expect(poissonTail(7000, 7000)).toBeCloseTo(0.5, 1);
    expect(poissonTail(7000, 7500)).toBeLessThan(1e-7);
    expect(poissonTail(7000, 6500)).toBeGreaterThan(1 - 1e-7);
    expect(poissonTail(50, 2)).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 60, noNaN: true }), fc.integer({ min: 0, max: 30 }), (l, j) => {
        const p = poissonTail(l, j);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(poissonTail(l, j + 1)).toBeLessThanOrEqual(p + 1e-12);
      }),
    );
  });

  it('keeps a window of 50 ranges either side, within the numbers the lot can hold', () => {
    expect(chanceWindow({ from: 100, to: 200 }, 6, rules)).toEqual({ lo: 0, hi: 5200 });
    expect(chanceWindow({ from: 500, to: 510 }, 3, rules)).toEqual({ lo: 0, hi: 999 });
    expect(chanceWindow({ from: 900_000, to: 900_010 }, 0, rules)).toEqual({ lo: 895_000, hi: 905_010 });
  });

  it('keeps the loosest chain the range allows where nothing else is around, and drops it where the space is crowded', () => {
    // Three serials within 200, alone in 10,201 numbers of a million-number lot.
    expect(chanceClusters({ from: 5000, to: 5200, serials: 3 }, 3, { lo: 0, hi: 10_200 }, { width: 6, range: 100 })).toBeLessThan(rules.maxChance);
    // 30 other serials around: three within 200 happen by chance.
    expect(chanceClusters({ from: 5000, to: 5200, serials: 3 }, 33, { lo: 0, hi: 10_200 }, { width: 6, range: 100 })).toBeGreaterThan(0.5);
    // … but not six within 20, unless the lot is a large one at that density (30 in 10,000 over 10^9 numbers).
    expect(chanceClusters({ from: 5000, to: 5020, serials: 6 }, 36, { lo: 0, hi: 10_020 }, { width: 6, range: 100 })).toBeLessThan(rules.maxChance);
    expect(chanceClusters({ from: 5000, to: 5020, serials: 6 }, 36, { lo: 0, hi: 10_020 }, { width: 9, range: 100 })).toBeGreaterThan(rules.maxChance);
    // Three alone in a 1,000-number prefix: no evidence of a sparse space.
    expect(chanceClusters({ from: 300, to: 450, serials: 3 }, 3, { lo: 0, hi: 999 }, { width: 3, range: 100 })).toBeGreaterThan(rules.maxChance);
    // A chain wider than the room left around it, or barely denser than its background, cannot be told from chance.
    expect(chanceClusters({ from: 0, to: 600, serials: 400 }, 400, { lo: 0, hi: 999 }, { width: 3, range: 100 })).toBe(Infinity);
    expect(chanceClusters({ from: 5000, to: 5300, serials: 30 }, 330, { lo: 0, hi: 10_300 }, { width: 6, range: 100 })).toBe(Infinity);
  });

  it('drops the chance chains of a crowded serial space, and keeps a tight lot planted in it', () => {
    const crowded = background(40_000);
    // In GH, TG and BF, at one date: only the spread rule's chance of a third state or date stands in the way.
    expect(spreadChains(crowded, rules).length).toBeGreaterThan(500);
    expect(diversionClusters(crowded, rules)).toEqual([]);
    // Inside a chain of chance neighbours the range joined to it: found by splitting at a finer range.
    // At 40,000 in a million (one every 25 numbers) five within 14 happen a hundred times over; eight in a row do not.
    const lot = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => item(`p${n % 3}`, 500_000 + n, ['GH', 'TG', 'BF'][n % 3]!));
    const found = diversionClusters([...crowded, ...lot], rules);
    expect(found).toHaveLength(1);
    expect(found[0]!.items).toEqual(expect.arrayContaining(lot));
    expect(spreadChains([...crowded, ...lot], rules).find((c) => c.items.includes(lot[0]!))!.serials).toBeGreaterThan(found[0]!.serials);
  });

  it('keeps every spread chain of a sparse lot, and never keeps one the spread rule drops (property)', () => {
    const sparse = [item('a', 100, 'GH'), item('b', 180, 'TG'), item('c', 260, 'GH')];
    expect(diversionClusters(sparse, rules)).toHaveLength(1);
    fc.assert(
      fc.property(
        fc.array(fc.record({ recordId: fc.constantFrom('a', 'b', 'c'), number: fc.integer({ min: 0, max: 3000 }), state: fc.constantFrom('GH', 'TG') }), { maxLength: 60 }),
        (xs) => {
          const items = xs.map((x) => item(x.recordId, x.number, x.state));
          const spread = new Set(spreadChains(items, rules).map((c) => `${c.from}-${c.to}`));
          for (const c of diversionClusters(items, rules)) expect(spread.has(`${c.from}-${c.to}`)).toBe(true);
        },
      ),
    );
  });
});
