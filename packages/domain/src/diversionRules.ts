import { ErrorCodes, TracebridgeError } from '@tracebridge/contracts';
import { z } from 'zod';

/**
 * When weapons seized apart are flagged as probably one diverted lot
 * (docs/diversion.md gives each threshold its reason and its measured
 * false-positive rate). Every service that computes clusters must read the
 * same values: the hub's index is built with them, and is rebuilt when they
 * change.
 */
export interface DiversionRules {
  /** Consecutive serial numbers of one lot at most this far apart belong to one chain. @default 100 */
  range: number;
  /** A chain is a probable lot from this many distinct serial numbers. @default 3 */
  minSerials: number;
  /** …seized by at least this many seizures (fixed: one seizure of consecutive serials is one consignment, not a diversion). */
  minSeizures: 2;
  /** …in at least two states, or with more than this many days between the first and the last. @default 30 */
  daysApart: number;
  /** …and tighter than chance: kept when the expected number of chance clusters as tight, among the serials around it, is at most this (diversionChance.ts). @default 0.01 */
  maxChance: number;
}

export const DEFAULT_DIVERSION_RULES: DiversionRules = { range: 100, minSerials: 3, minSeizures: 2, daysApart: 30, maxChance: 0.01 };

const positiveInt = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).prefault(String(dflt));

const DiversionEnv = z.object({
  /** @default 100; at most 100,000 (a wider range joins unrelated weapons of any serial space) */
  TB_DIVERSION_RANGE: positiveInt(1, 100_000, DEFAULT_DIVERSION_RULES.range),
  /** @default 3; two serials close by chance are common (docs/diversion.md) */
  TB_DIVERSION_MIN_SERIALS: positiveInt(2, 1000, DEFAULT_DIVERSION_RULES.minSerials),
  /** @default 30 */
  TB_DIVERSION_DAYS_APART: positiveInt(0, 3650, DEFAULT_DIVERSION_RULES.daysApart),
  /** @default 0.01; 1 keeps nearly every spread chain, even in crowded serial spaces */
  TB_DIVERSION_MAX_CHANCE: z.coerce.number().min(0).max(1000).prefault(String(DEFAULT_DIVERSION_RULES.maxChance)),
});

/**
 * The diversion rules from the environment (`TB_DIVERSION_RANGE`,
 * `TB_DIVERSION_MIN_SERIALS`, `TB_DIVERSION_DAYS_APART`: whole numbers; `TB_DIVERSION_MAX_CHANCE`).
 *
 * @param env e.g. `process.env` (passed in: this package reads no globals)
 * @throws TracebridgeError `TB_ERR_CONFIG_INVALID`, naming each bad variable and why
 */
export function diversionRules(env: Readonly<Record<string, string | undefined>>): DiversionRules {
  const r = DiversionEnv.safeParse({
    TB_DIVERSION_RANGE: env.TB_DIVERSION_RANGE,
    TB_DIVERSION_MIN_SERIALS: env.TB_DIVERSION_MIN_SERIALS,
    TB_DIVERSION_DAYS_APART: env.TB_DIVERSION_DAYS_APART,
    TB_DIVERSION_MAX_CHANCE: env.TB_DIVERSION_MAX_CHANCE,
  });
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message }));
    const text = issues.map((i) => `${i.variable}=${JSON.stringify(env[i.variable])}: ${i.message}`).join('; ');
    throw new TracebridgeError(ErrorCodes.CONFIG_INVALID, `invalid diversion rule configuration: ${text}`, { details: { issues } });
  }
  return {
    range: r.data.TB_DIVERSION_RANGE,
    minSerials: r.data.TB_DIVERSION_MIN_SERIALS,
    minSeizures: 2,
    daysApart: r.data.TB_DIVERSION_DAYS_APART,
    maxChance: r.data.TB_DIVERSION_MAX_CHANCE,
  };
}
