import type { ReportFacts, ReportWarningDto } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';

/**
 * A check the hub runs on a new report's facts (issue 9: broker registry,
 * diversion clusters), as the reporting officer: it may read only what the
 * policy lets that officer's agency see, and answers warnings. Each check is
 * independent; one that throws costs its own warnings only.
 */
export type ReportCheck = (viewer: Officer, report: ReportFacts, reportedRecordId: string) => ReportWarningDto[];

/** Every check's warnings; a check that fails is logged and reported as unavailable, never failing the report's answer. */
export function runReportChecks(
  checks: readonly { name: string; check: ReportCheck }[],
  viewer: Officer,
  report: ReportFacts | undefined,
  reportedRecordId: string,
  logger?: { warn: (obj: object, msg: string) => void },
): ReportWarningDto[] {
  if (!report) return [];
  return checks.flatMap(({ name, check }) => {
    try {
      return check(viewer, report, reportedRecordId);
    } catch (err) {
      logger?.warn({ check: name, err: (err as Error).message }, 'report check failed');
      return [{ code: 'CHECK_UNAVAILABLE', message: `the ${name} check could not run; the report is stored` }];
    }
  });
}
