import { spreadChains, type BatchChain, type BatchItem } from './diversion';
import type { DiversionRules } from './diversionRules';

/*
 * The chance test (docs/diversion.md, "Crowded serial spaces"). Where a
 * model's serials are crowded (tens of thousands seized from a space of a
 * million numbers) serials fall within the range of each other by chance,
 * and the spread rule alone flags thousands of chains that are no lot. A
 * chain of k serials within a span s is kept only when so tight a cluster
 * would be unlikely anywhere in its lot, were the lot's serials spread
 * uniformly at the density d seen around the chain: the expected number of
 * such clusters is E = N · P(Poisson(d · s) ≥ k − 1), N the serials the lot
 * would hold at that density, and the chain is kept when E ≤ rules.maxChance
 * and it is at least DENSITY_RATIO times as dense as its background.
 * Otherwise it is split at half the range and each part that still meets the
 * spread rule is tested again, down to a range of 1, so a tight lot inside a
 * crowded serial space is still found without the chance neighbours the
 * wide range joined to it. Everything is read from a window around the chain
 * (its own serials included), so a viewer's test reads only the viewer's
 * serials near the chain.
 */

/** The window is this many ranges wide on each side of the chain. */
export const WINDOW_RANGES = 50;
/** A lot's serials are at least this many times as dense as the background around it. */
export const DENSITY_RATIO = 4;

/** The numbers around a chain whose serials give the background: ±WINDOW_RANGES × range, within the lot's numbers. */
export function chanceWindow(chain: Pick<BatchChain, 'from' | 'to'>, width: number, rules: Pick<DiversionRules, 'range'>): { lo: number; hi: number } {
  const w = WINDOW_RANGES * rules.range;
  const top = width > 0 ? 10 ** width - 1 : Number.MAX_SAFE_INTEGER;
  return { lo: Math.max(0, chain.from - w), hi: Math.min(top, chain.to + w) };
}

/** ln(n!): exact sums for small n, Stirling's series beyond (error below 1e-10). */
function lnFactorial(n: number): number {
  if (n < 20) {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    return sum;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/** P(X ≥ j) for X ~ Poisson(λ), accurate in both tails and for large λ (terms summed in log space from the largest). */
export function poissonTail(lambda: number, j: number): number {
  if (j <= 0) return 1;
  if (lambda <= 0) return 0;
  const lnTerm = (i: number) => -lambda + i * Math.log(lambda) - lnFactorial(i);
  if (j > lambda) {
    // The upper tail, from its largest term (i = j) down: each next term is λ / i times the last.
    let ratio = 1;
    let sum = 0;
    for (let i = j; ratio > sum * 1e-16;) {
      sum += ratio;
      i += 1;
      ratio *= lambda / i;
    }
    return Math.min(1, Math.exp(lnTerm(j)) * sum);
  }
  // The head below j, from its largest term (i = j − 1) down; the tail is what is left.
  let ratio = 1;
  let sum = 0;
  for (let i = j - 1; i >= 0 && ratio > sum * 1e-16; i -= 1) {
    sum += ratio;
    ratio *= i / lambda;
  }
  return Math.max(0, 1 - Math.exp(lnTerm(j - 1)) * sum);
}

/** How many numbers a lot can hold: 10^width, or when the width is unknown (serials of digits only), 10^(digits of `number`). */
export const lotSpace = (width: number, number: number): number => 10 ** (width > 0 ? width : String(number).length);

/**
 * The expected number of chance clusters as tight as `chain` in its lot,
 * with `around` distinct serials of the lot in `window` (the chain's own
 * included); Infinity when the window leaves less room than the chain is
 * wide, or the chain is less than DENSITY_RATIO times as dense as its
 * background. The density is at least the window's own, chain included:
 * three serials alone in a 1,000-number prefix are weak evidence of a sparse
 * space. `lot`: its serial width, and the range the window was drawn with.
 */
export function chanceClusters(
  chain: Pick<BatchChain, 'from' | 'to' | 'serials'>,
  around: number,
  window: { lo: number; hi: number },
  lot: { width: number; range: number },
): number {
  const span = chain.to - chain.from;
  const room = window.hi - window.lo + 1;
  const area = room - (span + 1);
  if (area < span + 1) return Infinity;
  const background = (around - chain.serials) / area;
  // The window's own density, over the room a window has in this lot (cut short by the lot's bounds only if the lot is that small).
  const density = Math.max(background, around / Math.max(room, Math.min(lotSpace(lot.width, chain.to), 2 * WINDOW_RANGES * lot.range + span + 1)));
  // Chains of a crowded space are cut where gaps happen to be wide, so their borders sit in thin stretches and their
  // own density is selected upwards: a chain only a little denser than its background is no lot, however long it is.
  if ((chain.serials - 1) / Math.max(span, 1) < DENSITY_RATIO * density) return Infinity;
  const lotSerials = Math.max(around, background * lotSpace(lot.width, chain.to));
  return lotSerials * poissonTail(density * span, chain.serials - 1);
}

/** A lot's distinct serial numbers in ascending order, as one viewer may see them (at least those around the chains asked about). */
export type LotNumbers = (lot: string) => readonly number[];

/** Numbers by lot, from the items themselves. */
export function lotNumbersOf(items: readonly BatchItem[]): LotNumbers {
  const byLot = new Map<string, number[]>();
  for (const i of items) {
    const ns = byLot.get(i.lot);
    if (ns) ns.push(i.number);
    else byLot.set(i.lot, [i.number]);
  }
  for (const [lot, ns] of byLot)
    byLot.set(
      lot,
      [...new Set(ns)].sort((a, b) => a - b),
    );
  return (lot) => byLot.get(lot) ?? [];
}

/** The index of the first of the ascending `xs` that is at least `x`. */
export function firstAtLeast(xs: readonly number[], x: number): number {
  let [a, b] = [0, xs.length];
  while (a < b) {
    const m = (a + b) >>> 1;
    if (xs[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}

/** Whether the chain stands out of the serials around it (`numbersOf` holds the chain's own). */
export function beyondChance(chain: BatchChain, numbersOf: LotNumbers, rules: DiversionRules): boolean {
  const width = chain.items[0]!.width;
  const window = chanceWindow(chain, width, rules);
  const ns = numbersOf(chain.lot);
  const around = Math.max(chain.serials, firstAtLeast(ns, window.hi + 1) - firstAtLeast(ns, window.lo));
  return chanceClusters(chain, around, window, { width, range: rules.range }) <= rules.maxChance;
}

/** The chain if it stands out; else its parts at half the range that meet the spread rule and stand out (recursively, down to range 1). */
export function refineByChance(chain: BatchChain, numbersOf: LotNumbers, rules: DiversionRules, range = rules.range): BatchChain[] {
  if (beyondChance(chain, numbersOf, rules)) return [chain];
  if (range <= 1) return [];
  const half = Math.floor(range / 2);
  return spreadChains(chain.items, { ...rules, range: half }).flatMap((c) => refineByChance(c, numbersOf, rules, half));
}

/**
 * The probable diverted lots among `items`: chains of one lot within the
 * range, spread over seizures and states or time (the spread rule), and
 * tighter than chance among the serials around them (split finer where they
 * are not). `numbersOf` gives a lot's serials around the chains when not all
 * of them are in `items` (the hub reads them from its index).
 */
export function diversionClusters(items: readonly BatchItem[], rules: DiversionRules, numbersOf: LotNumbers = lotNumbersOf(items)): BatchChain[] {
  return spreadChains(items, rules).flatMap((c) => refineByChance(c, numbersOf, rules));
}
