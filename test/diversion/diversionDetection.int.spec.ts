import { DEFAULT_DIVERSION_RULES, diversionClusters, lotOf, serialOf, spreadChains, type BatchChain } from '@tracebridge/domain';
import type { Handling } from '@tracebridge/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchItemsOf, CLUSTER_FIELDS, generatedSeizures, seizureOf, startDiversionHub, type ClusterDto, type DiversionHub, type TestSeizure } from '../support/diversionHub';

/**
 * Serial-batch diversion detection over generated data (docs/diversion.md):
 * 10,000 seizures of the demo data's generator (its models and serial
 * formats, some crowded) as the background, a dozen planted lots anchored in
 * the background's own lots, and decoys that each break one rule. Everything
 * is GREEN here (every agency sees everything): what each viewer may see is
 * diversionPolicy.int.spec.ts's.
 */

const GREEN: Handling = { tlp: 'GREEN', code: 'H0', reliability: 'B', accuracy: 2, releasableTo: [] };
const BACKGROUND = 10_000;
/** The false-positive rate docs/diversion.md states for this background, per 10,000 weapons. */
const STATED_FALSE_PER_10K = 2;
const AGENCIES = [
  { agency: 'GH-CUSTOMS', state: 'GH' },
  { agency: 'TG-POLICE', state: 'TG' },
  { agency: 'BF-BORDER', state: 'BF' },
];
const day = (d: number) => new Date(Date.UTC(2026, 1, 1) + d * 86_400_000).toISOString();

let hub: DiversionHub;
let background: TestSeizure[];
const planted: TestSeizure[][] = [];
const decoys: Record<string, TestSeizure[]> = {};

/** A seeded draw in [0, n). */
let seed = 2024;
const draw = (n: number) => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return Math.floor((seed / 2 ** 32) * n);
};

/** A lot of `count` serials, 1 to 4 apart, starting at a random number of the background weapon's lot, over 2 or 3 seizures of different states. */
function plantNear(template: TestSeizure, anchor: { manufacturer: string; model: string; normalised: string }): TestSeizure[] {
  const lot = lotOf({ kind: 'WEAPON', ...anchor, serialNormalised: anchor.normalised })!;
  const digits = lot.key.width || anchor.normalised.length;
  const lowest = lot.key.width ? 0 : 10 ** (digits - 1);
  let n = lowest + draw(10 ** digits - lowest - 100);
  const serials = Array.from({ length: 5 + draw(3) }, () => serialOf(lot.key, (n += 1 + draw(4))));
  const parts = 2 + draw(2);
  return Array.from({ length: parts }, (_, p) =>
    seizureOf(
      template,
      AGENCIES[p]!,
      day(draw(200)),
      serials.filter((_, i) => i % parts === p).map((serial) => ({ manufacturer: anchor.manufacturer, model: anchor.model, serial })),
      GREEN,
    ),
  );
}

/** Decoys in a lot of their own (nothing around them): each breaks one rule; the control breaks none. */
function decoysOf(template: TestSeizure): Record<string, TestSeizure[]> {
  const w = (serials: number[], prefix: string) => serials.map((n) => ({ manufacturer: 'Decoy Arms', model: 'D1', serial: `${prefix}${n}` }));
  const [gh, tg] = AGENCIES;
  return {
    oneSeizure: [seizureOf(template, gh!, day(1), w([100, 101, 102, 103, 104, 105], 'DA'), GREEN)],
    twoSerials: [seizureOf(template, gh!, day(1), w([100], 'DB'), GREEN), seizureOf(template, tg!, day(90), w([150], 'DB'), GREEN)],
    oneStateWithin30Days: [seizureOf(template, gh!, day(1), w([100, 110], 'DC'), GREEN), seizureOf(template, gh!, day(31), w([120, 130], 'DC'), GREEN)],
    beyondTheRange: [seizureOf(template, gh!, day(1), w([100, 250], 'DD'), GREEN), seizureOf(template, tg!, day(2), w([400, 550], 'DD'), GREEN)],
    control31Days: [seizureOf(template, gh!, day(1), w([100, 110], 'DE'), GREEN), seizureOf(template, gh!, day(32), w([120, 130], 'DE'), GREEN)],
  };
}

const ask = async (agency: string, args: string) => {
  const r = await hub.ask<{ diversionClusters: ClusterDto[] }>(agency, `{ diversionClusters(${args}) { ${CLUSTER_FIELDS} } }`);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!.diversionClusters;
};
const ids = (seizures: readonly TestSeizure[]) => new Set(seizures.map((s) => s.id));
const holds = (c: ClusterDto, seizures: readonly TestSeizure[]) => [...ids(seizures)].every((id) => c.seizures.some((s) => s.id === id));

beforeAll(async () => {
  hub = await startDiversionHub('diversion-detect');
  background = generatedSeizures(21, BACKGROUND, GREEN);
  const weapons = background.flatMap((s) => s.data.items.filter((i) => i.model && i.manufacturer && i.serial?.normalised && /\d/.test(i.serial.normalised)));
  for (let p = 0; p < 12; p++) {
    const a = weapons[draw(weapons.length)]!;
    planted.push(plantNear(background[0]!, { manufacturer: a.manufacturer!, model: a.model!, normalised: a.serial!.normalised! }));
  }
  Object.assign(decoys, decoysOf(background[0]!));
  const all = [...background, ...planted.flat(), ...Object.values(decoys).flat()];
  for (let i = 0; i < all.length; i += 1000) await hub.apply(all.slice(i, i + 1000));
}, 120_000);

afterAll(async () => hub?.close());

describe('diversion clusters over generated seizures', () => {
  it(`finds every planted lot, and at most ${STATED_FALSE_PER_10K} false clusters per 10,000 background weapons`, async () => {
    const clusters = await ask('GH-POLICE', 'first: 100');
    for (const [i, lot] of planted.entries())
      expect(
        clusters.filter((c) => holds(c, lot)),
        `planted lot ${i}`,
      ).toHaveLength(1);
    const known = new Set([...planted.flat(), ...Object.values(decoys).flat()].map((s) => s.id));
    const falseClusters = clusters.filter((c) => !c.seizures.some((s) => known.has(s.id)));
    const weapons = batchItemsOf(background).length;
    const rate = (falseClusters.length / weapons) * 10_000;
    console.log(`diversion: ${falseClusters.length} false clusters among ${weapons} background weapons (${rate.toFixed(2)} per 10,000); ${planted.length} planted lots found`);
    expect(rate).toBeLessThanOrEqual(STATED_FALSE_PER_10K);
    // Without the chance test the same background gives many more (the rule that keeps the rate down bites here).
    const spreadOnly = spreadChains(batchItemsOf(background), DEFAULT_DIVERSION_RULES).length;
    expect((spreadOnly / weapons) * 10_000).toBeGreaterThan(5 * STATED_FALSE_PER_10K);
  });

  it('reports no decoy that breaks a rule (one seizure, two serials, one state within 30 days, beyond the range), and the control', async () => {
    const clusters = await ask('TG-CUSTOMS', 'filter: { manufacturer: "decoy arms" }, first: 100');
    expect(clusters.map((c) => `${c.serialFrom}–${c.serialTo}`)).toEqual(['DE100–DE130']);
    expect(clusters[0]).toMatchObject({ manufacturer: 'DECOY ARMS', model: 'D1', items: 4, serials: 4, states: ['GH'], seizureCount: 2 });
    expect(holds(clusters[0]!, decoys.control31Days!)).toBe(true);
  });

  it('answers what the rule computes from the same items, cluster for cluster', async () => {
    const all = [...background, ...planted.flat(), ...Object.values(decoys).flat()];
    const want = diversionClusters(batchItemsOf(all), DEFAULT_DIVERSION_RULES);
    const got = await ask('BF-BORDER', 'first: 100');
    expect(want.length).toBeLessThanOrEqual(100);
    const shown = (c: BatchChain) => `${c.lot} ${c.from}-${c.to}`;
    expect(new Set(got.map((c) => `${c.manufacturer} ${c.model} ${c.serialFrom}-${c.serialTo}`))).toEqual(
      new Set(
        want.map((c) => {
          const [m, model, prefix, width, suffix] = c.lot.split('\u001f');
          const k = { prefix: prefix!, width: Number(width), suffix: suffix! };
          return `${m} ${model} ${serialOf(k, c.from)}-${serialOf(k, c.to)}`;
        }),
      ),
    );
    expect(got.reduce((n, c) => n + c.items, 0)).toBe(want.reduce((n, c) => n + c.items.length, 0));
    expect(new Set(want.map(shown)).size).toBe(want.length);
  });

  it('filters by manufacturer and by period, and ranks most serials first', async () => {
    const lot = planted[0]!;
    const maker = lot[0]!.data.items[0]!.manufacturer!;
    const byMaker = await ask('GH-POLICE', `filter: { manufacturer: ${JSON.stringify(maker.toLowerCase())} }, first: 100`);
    expect(byMaker.length).toBeGreaterThan(0);
    expect(new Set(byMaker.map((c) => c.manufacturer))).toEqual(new Set([maker.toUpperCase()]));
    expect(byMaker.some((c) => holds(c, lot))).toBe(true);
    // Only the control's two seizures (days 1 and 32): a period holding one of them leaves no cluster.
    expect(await ask('GH-POLICE', `filter: { manufacturer: "Decoy Arms", from: "${day(0)}", to: "${day(10)}" }`)).toEqual([]);
    expect(await ask('GH-POLICE', `filter: { manufacturer: "Decoy Arms", from: "${day(0)}", to: "${day(40)}" }`)).toHaveLength(1);
    const ranked = await ask('GH-POLICE', 'first: 100');
    expect(ranked.map((c) => c.serials)).toEqual([...ranked.map((c) => c.serials)].sort((a, b) => b - a));
    expect(await ask('GH-POLICE', 'first: 3')).toEqual(ranked.slice(0, 3));
  });

  it('refuses bad input with BAD_USER_INPUT and the offending path, never a 5xx', async () => {
    const bad: [string, (string | number)[] | null][] = [
      [`filter: { from: "${day(10)}", to: "${day(1)}" }`, ['filter', 'to']],
      [`filter: { from: "${day(10)}", to: "${day(10)}" }`, ['filter', 'to']],
      ['first: 0', ['first']],
      ['first: 101', ['first']],
      ['first: -5', ['first']],
      ['filter: { manufacturer: "" }', ['filter', 'manufacturer']],
      [`filter: { manufacturer: "${'x'.repeat(121)}" }`, ['filter', 'manufacturer']],
      ['filter: { from: "yesterday" }', null],
      ['filter: { to: 20260101 }', null],
    ];
    for (const [args, path] of bad) {
      const r = await hub.ask('GH-POLICE', `{ diversionClusters(${args}) { id } }`);
      expect(r.status, args).toBeLessThan(500);
      expect(r.body.errors?.[0]?.extensions.code, args).toBe('BAD_USER_INPUT');
      if (path) expect(r.body.errors?.[0]?.extensions.path, args).toEqual(path);
    }
  });
});
