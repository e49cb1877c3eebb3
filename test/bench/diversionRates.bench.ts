/**
 * How often the diversion rule is wrong, and how often it finds a lot
 * (docs/diversion.md): the pure rule over the demo data's generated seizures
 * (its models and serial formats; several crowd at this size) with lots
 * planted in the background's own lots: 200 lots of 3 to 6 serials at most
 * `gap` apart, each over two seizures of two states. False clusters are those
 * holding no planted weapon; a lot is found when one cluster holds all its
 * weapons. No hub: what is measured is the rule, which the hub applies per
 * viewer (test/diversion/ proves the hub answers what the rule computes).
 *
 * `bash scripts/pnpm.sh exec tsx test/bench/diversionRates.bench.ts` (TB_BENCH_SCALE=0.2 for a fifth of the seizures)
 */
import { DEFAULT_DIVERSION_RULES, diversionClusters, lotKeyText, lotOf, spreadChains, type BatchItem, type DiversionRules } from '@tracebridge/domain';
import { createSeizureGenerator } from '@tracebridge/testkit';
import { machine, runBench, scale } from './hubBench';

const SIZES = [20_000, 100_000].map((n) => Math.round(n * scale));
const GAPS = [5, 25, 100];
const CHANCES = [0.01, 0.001];
const PLANTS = 200;
const DAY = 86_400_000;

function background(seizures: number): BatchItem[] {
  const g = createSeizureGenerator(5);
  const items: BatchItem[] = [];
  for (let i = 0; i < seizures; i++) {
    const s = g.next();
    for (const it of s.data.items) {
      const l = lotOf({ kind: it.kind, manufacturer: it.manufacturer, model: it.model, serialNormalised: it.serial?.normalised });
      if (l)
        items.push({ recordId: s.data.seizureId, lot: lotKeyText(l.key), width: l.key.width, number: l.number, state: s.originator.state, occurredAt: Date.parse(s.occurredAt) });
    }
  }
  return items;
}

/** Lots planted in the lots of randomly drawn background weapons, at a random place of the lot's numbers. */
function plant(items: readonly BatchItem[], gap: number, seed: number): BatchItem[][] {
  let x = seed;
  const draw = (n: number) => Math.floor(((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) * n);
  const states = ['GH', 'TG', 'BF'];
  return Array.from({ length: PLANTS }, (_, p) => {
    const anchor = items[draw(items.length)]!;
    const digits = anchor.width || String(anchor.number).length;
    const lowest = anchor.width ? 0 : 10 ** (digits - 1);
    let n = lowest + draw(10 ** digits - lowest - 1000);
    return Array.from({ length: 3 + draw(4) }, (_, j) => {
      const item = {
        recordId: `planted-${p}-${j % 2}`,
        lot: anchor.lot,
        width: anchor.width,
        number: n,
        state: states[(p + (j % 2)) % 3]!,
        occurredAt: Date.UTC(2026, 0, 1) + j * DAY,
      };
      n += 1 + draw(gap);
      return item;
    });
  });
}

function measure(items: readonly BatchItem[], planted: BatchItem[][], rules: DiversionRules) {
  const clusters = diversionClusters([...items, ...planted.flat()], rules);
  const falseOnes = clusters.filter((c) => !c.records.some((r) => r.startsWith('planted-'))).length;
  const found = (lot: BatchItem[]) => clusters.some((c) => lot.every((i) => c.items.includes(i)));
  const bySize = [3, 4, 5, 6].map((k) => {
    const lots = planted.filter((l) => l.length === k);
    return `${k}: ${lots.filter(found).length}/${lots.length}`;
  });
  return { falseOnes, found: planted.filter(found).length, bySize: bySize.join(', ') };
}

async function main(): Promise<void> {
  console.log(`diversion rule rates; ${machine()}`);
  await Promise.resolve();
  for (const size of SIZES) {
    const items = background(size);
    const spread = spreadChains(items, DEFAULT_DIVERSION_RULES).length;
    console.log(`\n${size} seizures, ${items.length} candidate weapons: spread rule alone ${spread} false clusters (${((spread / items.length) * 10_000).toFixed(1)} per 10,000)`);
    for (const maxChance of CHANCES) {
      for (const gap of GAPS) {
        const m = measure(items, plant(items, gap, 99 + gap), { ...DEFAULT_DIVERSION_RULES, maxChance });
        const rate = ((m.falseOnes / items.length) * 10_000).toFixed(2);
        console.log(`  maxChance ${maxChance}, planted gaps ≤ ${gap}: ${m.falseOnes} false (${rate} per 10,000), found ${m.found}/${PLANTS} (by serials ${m.bySize})`);
      }
    }
  }
}

runBench(main);
