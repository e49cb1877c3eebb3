import { ErrorCodes, TracebridgeError, type TracePriority } from '@tracebridge/contracts';
import { parse } from 'iso8601-duration';
import { z } from 'zod';

/** How long the addressed state has to answer, per priority, in milliseconds. */
export type TraceDeadlines = Readonly<Record<TracePriority, number>>;

/** Urgent traces are answered within 24 hours, routine ones within about 5 days (domain.md, "Scale to design for"). */
export const DEFAULT_TRACE_DEADLINES = { URGENT: 'PT24H', ROUTINE: 'P5D' } as const satisfies Record<TracePriority, string>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * An ISO 8601 duration of fixed length, in milliseconds. zod checks the form
 * (anchored: `iso8601-duration`'s own pattern would find `P1D` inside
 * `xP1D`), the library reads the parts. Years and months are refused: their
 * length depends on the date they start from, and a deadline must mean the
 * same to both states. A day is 24 hours (deadlines are kept in UTC).
 */
export const FixedIsoDuration = z.iso.duration({ error: 'must be an ISO 8601 duration, e.g. PT24H or P5D' }).transform((text, ctx) => {
  const d = parse(text);
  if (d.years || d.months) {
    ctx.addIssue({ code: 'custom', message: `${text} counts years or months, whose length varies; use weeks, days or hours` });
    return z.NEVER;
  }
  const ms = Math.round(((d.weeks ?? 0) * 7 + (d.days ?? 0)) * DAY + (d.hours ?? 0) * HOUR + (d.minutes ?? 0) * 60_000 + (d.seconds ?? 0) * 1000);
  if (ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `${text} is no time at all; a deadline lies ahead` });
    return z.NEVER;
  }
  return ms;
});

const TraceDeadlineEnv = z.object({
  /** Time to answer an URGENT trace. @default PT24H */
  TB_TRACE_DEADLINE_URGENT: FixedIsoDuration.prefault(DEFAULT_TRACE_DEADLINES.URGENT),
  /** Time to answer a ROUTINE trace. @default P5D */
  TB_TRACE_DEADLINE_ROUTINE: FixedIsoDuration.prefault(DEFAULT_TRACE_DEADLINES.ROUTINE),
});

/**
 * The tracing deadlines from the environment (`TB_TRACE_DEADLINE_URGENT`,
 * `TB_TRACE_DEADLINE_ROUTINE`, ISO 8601 durations). Every service that
 * decides or checks trace events must read the same values: the hub
 * recomputes each request's deadline to check it.
 *
 * @param env e.g. `process.env` (passed in: this package reads no globals)
 * @throws TracebridgeError `TB_ERR_CONFIG_INVALID`, naming each bad variable and why
 */
export function traceDeadlines(env: Readonly<Record<string, string | undefined>>): TraceDeadlines {
  const r = TraceDeadlineEnv.safeParse({ TB_TRACE_DEADLINE_URGENT: env.TB_TRACE_DEADLINE_URGENT, TB_TRACE_DEADLINE_ROUTINE: env.TB_TRACE_DEADLINE_ROUTINE });
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message }));
    const text = issues.map((i) => `${i.variable}=${JSON.stringify(env[i.variable])}: ${i.message}`).join('; ');
    throw new TracebridgeError(ErrorCodes.CONFIG_INVALID, `invalid tracing deadline configuration: ${text}`, { details: { issues } });
  }
  return { URGENT: r.data.TB_TRACE_DEADLINE_URGENT, ROUTINE: r.data.TB_TRACE_DEADLINE_ROUTINE };
}
