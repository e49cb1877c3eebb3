import { normaliseManufacturer } from '@tracebridge/contracts';
import type { DiversionRules } from './diversionRules';

/*
 * Serial-batch diversion detection (issue 9; rules and reasons in
 * docs/diversion.md). Weapons of one lot leave the factory with serials that
 * share a pattern and count up: ABC100100, ABC100101, … A lot diverted from
 * a stockpile or a licensed transfer surfaces in seizures months apart and
 * states apart with serials close together. These functions find such
 * chains in a set of items; the hub keeps the same chains incrementally and
 * runs these on each viewer's visible items.
 */

/** A normalised serial split into what a lot shares (prefix, width, suffix) and what counts up (the number). */
export interface SerialPattern {
  /** Everything before the last run of digits ("A12B" of "A12B3456"). */
  prefix: string;
  /** The last run of digits, as a number. */
  number: number;
  /** How many digits it has, leading zeros included; 0 when the serial starts with it (normalisation stripped its leading zeros, so its width is unknown). */
  width: number;
  /** Everything after it ("X" of "123456X"). */
  suffix: string;
}

/** Digits beyond this stay in the prefix: numbers are exact in a double up to 2^53, and lots differ in their last digits. */
const MAX_NUMBER_DIGITS = 15;
/** The last run of digits: a lazy prefix stops where only digits and then non-digits remain. */
const LAST_DIGIT_RUN = /^(.*?)(\d+)(\D*)$/;

/** The pattern of a normalised serial (`normaliseSerial`), or null when it holds no digit. */
export function serialPattern(normalised: string): SerialPattern | null {
  const m = LAST_DIGIT_RUN.exec(normalised);
  if (!m) return null;
  let [, prefix = '', digits = ''] = m;
  const suffix = m[3] ?? '';
  if (digits.length > MAX_NUMBER_DIGITS) {
    prefix += digits.slice(0, digits.length - MAX_NUMBER_DIGITS);
    digits = digits.slice(-MAX_NUMBER_DIGITS);
  }
  return { prefix, number: Number(digits), width: prefix === '' ? 0 : digits.length, suffix };
}

/** The serial of `number` in a pattern, as normalised ("ABC" 6 "" 100 → "ABC000100"). */
export const serialOf = (p: Omit<SerialPattern, 'number'>, number: number): string =>
  `${p.prefix}${p.width > 0 ? String(number).padStart(p.width, '0') : String(number)}${p.suffix}`;

/** A model as matched: case, spaces, dashes, dots and slashes ignored ("Type 56-1" = "TYPE 561"). */
export const normaliseModel = (model: string): string => model.toUpperCase().replace(/[\s\-‐‑–—_./\\]+/g, '');

/** What one lot shares: the maker, the model and the serial's pattern. */
export interface LotKey {
  manufacturer: string;
  model: string;
  prefix: string;
  width: number;
  suffix: string;
}

/** An item as the rule reads it: a weapon with a manufacturer, a model and a serial with a digit in it. */
export interface LotItemInput {
  kind: string;
  manufacturer?: string | undefined;
  model?: string | undefined;
  serialNormalised?: string | null | undefined;
}

/** The lot key and number of an item, or null when it is not a candidate (not a weapon; no manufacturer, model or serial with a digit). */
export function lotOf(item: LotItemInput): { key: LotKey; number: number } | null {
  if (item.kind !== 'WEAPON' || !item.manufacturer || !item.model || !item.serialNormalised) return null;
  const manufacturer = normaliseManufacturer(item.manufacturer);
  const model = normaliseModel(item.model);
  const p = serialPattern(item.serialNormalised);
  if (!p || manufacturer === '' || model === '') return null;
  return { key: { manufacturer, model, prefix: p.prefix, width: p.width, suffix: p.suffix }, number: p.number };
}

/** The key as one string (unit separators: no normalised part contains one). */
export const lotKeyText = (k: LotKey): string => [k.manufacturer, k.model, k.prefix, String(k.width), k.suffix].join('\u001f');

/** One weapon as chains are computed from it. */
export interface BatchItem {
  /** The seizure it belongs to. */
  recordId: string;
  /** `lotKeyText` of its lot. */
  lot: string;
  /** Its lot's serial width (`SerialPattern.width`; 0 unknown): the numbers a lot can hold. */
  width: number;
  number: number;
  /** The seizing agency's state. */
  state: string;
  /** When it was seized (epoch ms). */
  occurredAt: number;
}

/** Items of one lot whose numbers follow each other at most `range` apart: a connected component. */
export interface BatchChain {
  lot: string;
  /** Its items, by number (then as given). */
  items: BatchItem[];
  from: number;
  to: number;
  /** Distinct serial numbers (one weapon reported twice is one serial). */
  serials: number;
  /** Distinct seizures, sorted. */
  records: string[];
  /** Distinct states, sorted. */
  states: string[];
  firstSeen: number;
  lastSeen: number;
}

/** Whether each lot's items are together and in ascending numbers already (the hub reads them so; a chain's parts are so). */
function grouped(items: readonly BatchItem[]): boolean {
  const done = new Set<string>();
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!];
    if (a.lot === b.lot ? b.number < a.number : done.has(b.lot) || !done.add(a.lot)) return false;
  }
  return true;
}

/** The chains of a set of items: per lot, sorted by number, cut wherever two consecutive numbers are more than `range` apart. */
export function batchChains(items: readonly BatchItem[], range: number): BatchChain[] {
  const sorted = grouped(items)
    ? items
    : items
        .map((item, i) => ({ item, i }))
        .sort((a, b) => (a.item.lot < b.item.lot ? -1 : a.item.lot > b.item.lot ? 1 : a.item.number - b.item.number || a.i - b.i))
        .map((x) => x.item);
  const chains: BatchChain[] = [];
  let run: BatchItem[] = [];
  for (const item of sorted) {
    const last = run.at(-1);
    if (last && (last.lot !== item.lot || item.number - last.number > range)) {
      chains.push(chainOf(run));
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) chains.push(chainOf(run));
  return chains;
}

/** A chain's aggregates (its items sorted by number). */
export function chainOf(items: BatchItem[]): BatchChain {
  const first = items[0]!;
  let serials = 0;
  let previous: number | undefined;
  let firstSeen = first.occurredAt;
  let lastSeen = first.occurredAt;
  for (const i of items) {
    if (i.number !== previous) serials += 1;
    previous = i.number;
    firstSeen = Math.min(firstSeen, i.occurredAt);
    lastSeen = Math.max(lastSeen, i.occurredAt);
  }
  const distinct = (xs: string[]) => [...new Set(xs)].sort();
  return {
    lot: first.lot,
    items,
    from: first.number,
    to: items.at(-1)!.number,
    serials,
    records: distinct(items.map((i) => i.recordId)),
    states: distinct(items.map((i) => i.state)),
    firstSeen,
    lastSeen,
  };
}

const DAY_MS = 86_400_000;

/** What the rule reads of a chain: how many distinct serials, seizures and states, and when it was first and last seen (epoch ms). */
export interface ChainFacts {
  serials: number;
  seizures: number;
  states: number;
  firstSeen: number;
  lastSeen: number;
}

export const chainFacts = (c: BatchChain): ChainFacts => ({
  serials: c.serials,
  seizures: c.records.length,
  states: c.states.length,
  firstSeen: c.firstSeen,
  lastSeen: c.lastSeen,
});

/** The rule: enough serials, from several seizures, spread over states or time. */
export function isProbableDiversion(chain: ChainFacts, rules: DiversionRules): boolean {
  return chain.serials >= rules.minSerials && chain.seizures >= rules.minSeizures && (chain.states >= 2 || chain.lastSeen - chain.firstSeen > rules.daysApart * DAY_MS);
}

/** The lot-and-spread rule on the chains of `items` (no chance test): what the hub's index flags, and every viewer's candidates. */
export const spreadChains = (items: readonly BatchItem[], rules: DiversionRules): BatchChain[] =>
  batchChains(items, rules.range).filter((c) => isProbableDiversion(chainFacts(c), rules));
