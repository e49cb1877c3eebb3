import { SerialCheckReply, type ReportFacts } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';
import { describe, expect, it } from 'vitest';
import { runReportChecks } from './reportChecks';

const officer = { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS', roles: ['REPORTING_OFFICER'], subject: 'o' } as unknown as Officer;
const report: ReportFacts = { occurredAt: '2026-11-20T09:30:00Z', state: 'GH', items: [], brokers: [] };

describe("the hub's report checks", () => {
  it('keep their answer within what the reply may carry: long messages cut, at most 200 warnings, so the officer never loses the hits', () => {
    const long = { name: 'long', check: () => [{ code: 'BROKER_REVOKED', message: 'x'.repeat(5000) }] };
    const many = { name: 'many', check: () => Array.from({ length: 500 }, (_, i) => ({ code: 'DIVERSION_CLUSTER', message: `lot ${i}` })) };
    const warnings = runReportChecks([long, many], officer, report, 'r-1');
    expect(warnings).toHaveLength(200);
    expect(warnings[0]!.message).toHaveLength(1000);
    expect(warnings.at(-1)).toEqual({ code: 'MORE_WARNINGS', message: '302 more warnings not shown' });
    expect(() => SerialCheckReply.parse({ hits: [], warnings })).not.toThrow();
  });

  it('cost a failing check its own warnings only', () => {
    const broken = {
      name: 'broker registry',
      check: () => {
        throw new Error('boom');
      },
    };
    const fine = { name: 'diversion clusters', check: () => [{ code: 'DIVERSION_CLUSTER', message: 'lot' }] };
    expect(runReportChecks([broken, fine], officer, report, 'r-1')).toEqual([
      { code: 'CHECK_UNAVAILABLE', message: 'the broker registry check could not run; the report is stored' },
      { code: 'DIVERSION_CLUSTER', message: 'lot' },
    ]);
    expect(runReportChecks([fine], officer, undefined, 'r-1')).toEqual([]);
  });
});
