import { describe, expect, it } from 'vitest';
import { traceDeadlines } from './traceDeadlines';

const HOUR = 3_600_000;

/** The error traceDeadlines throws for this environment. */
const failure = (env: Record<string, string>): { code?: string; message?: string } => {
  try {
    traceDeadlines(env);
  } catch (err) {
    return err as { code?: string; message?: string };
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
};

describe('tracing deadlines from the environment', () => {
  it('are 24 hours for urgent traces and 5 days for routine ones unless configured', () => {
    expect(traceDeadlines({})).toEqual({ URGENT: 24 * HOUR, ROUTINE: 5 * 24 * HOUR });
  });

  it('read TB_TRACE_DEADLINE_URGENT and TB_TRACE_DEADLINE_ROUTINE as ISO 8601 durations, a day being 24 hours', () => {
    expect(traceDeadlines({ TB_TRACE_DEADLINE_URGENT: 'PT12H', TB_TRACE_DEADLINE_ROUTINE: 'P1DT12H' })).toEqual({ URGENT: 12 * HOUR, ROUTINE: 36 * HOUR });
    expect(traceDeadlines({ TB_TRACE_DEADLINE_URGENT: 'PT90M', TB_TRACE_DEADLINE_ROUTINE: 'P2W' })).toEqual({ URGENT: 1.5 * HOUR, ROUTINE: 14 * 24 * HOUR });
  });

  it('refuse a value that is not an ISO 8601 duration, naming the variable (and only that one)', () => {
    const err = failure({ TB_TRACE_DEADLINE_ROUTINE: '5 days' });
    expect(err.code).toBe('TB_ERR_CONFIG_INVALID');
    expect(err.message).toContain('TB_TRACE_DEADLINE_ROUTINE="5 days"');
    expect(err.message).not.toContain('TB_TRACE_DEADLINE_URGENT');
    // the whole value must be a duration, not merely contain one
    expect(failure({ TB_TRACE_DEADLINE_URGENT: 'xPT24H' }).message).toContain('TB_TRACE_DEADLINE_URGENT');
    const both = failure({ TB_TRACE_DEADLINE_URGENT: '24h', TB_TRACE_DEADLINE_ROUTINE: '' }).message;
    expect([both?.includes('TB_TRACE_DEADLINE_URGENT'), both?.includes('TB_TRACE_DEADLINE_ROUTINE')]).toEqual([true, true]);
  });

  it('refuse months and years, whose length depends on the start date, and a duration of no time', () => {
    expect(failure({ TB_TRACE_DEADLINE_ROUTINE: 'P1M' })).toMatchObject({ code: 'TB_ERR_CONFIG_INVALID', message: expect.stringContaining('years or months') as string });
    expect(failure({ TB_TRACE_DEADLINE_ROUTINE: 'P1Y' }).code).toBe('TB_ERR_CONFIG_INVALID');
    expect(failure({ TB_TRACE_DEADLINE_URGENT: 'PT0S' })).toMatchObject({ code: 'TB_ERR_CONFIG_INVALID', message: expect.stringContaining('TB_TRACE_DEADLINE_URGENT') as string });
  });
});
