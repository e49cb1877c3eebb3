import type { ReportFacts, ReportWarningDto } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';

/**
 * A check the hub runs on a new report's facts (issue 9: broker registry,
 * diversion clusters), as the reporting officer: it may read only what the
 * policy lets that officer's agency see, and answers warnings. Each check is
 * independent; one that throws costs its own warnings only.
 */
export type ReportCheck = (viewer: Officer, report: ReportFacts, reportedRecordId: string) => ReportWarningDto[];

/** A warning's message at most this long, and at most this many warnings (the serial-check reply's schema bounds: one over would cost the officer every hit). */
const MAX_MESSAGE = 1000;
const MAX_WARNINGS = 200;

const bounded = (w: ReportWarningDto): ReportWarningDto => (w.message.length <= MAX_MESSAGE ? w : { ...w, message: `${w.message.slice(0, MAX_MESSAGE - 1)}…` });

/** Every check's warnings, bounded; a check that fails is logged and reported as unavailable, never failing the report's answer. */
export function runReportChecks(
  checks: readonly { name: string; check: ReportCheck }[],
  viewer: Officer,
  report: ReportFacts | undefined,
  reportedRecordId: string,
  logger?: { warn: (obj: object, msg: string) => void },
): ReportWarningDto[] {
  if (!report) return [];
  const all = checks.flatMap(({ name, check }) => {
    try {
      return check(viewer, report, reportedRecordId);
    } catch (err) {
      logger?.warn({ check: name, err: (err as Error).message }, 'report check failed');
      return [{ code: 'CHECK_UNAVAILABLE', message: `the ${name} check could not run; the report is stored` }];
    }
  });
  const kept = all.slice(0, all.length > MAX_WARNINGS ? MAX_WARNINGS - 1 : MAX_WARNINGS).map(bounded);
  return all.length > MAX_WARNINGS ? [...kept, { code: 'MORE_WARNINGS', message: `${all.length - kept.length} more warnings not shown` }] : kept;
}
