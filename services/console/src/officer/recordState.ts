import type { ReportOutcome } from './useReportSubmit';

/** What the report form hands the new record's page: the answer to the report (its warnings, hits, shared view). */
export interface RecordLocationState {
  report?: ReportOutcome;
}

/** The report's answer from the router's state, when the page was opened by the report form. */
export function reportFromState(state: unknown, recordId: string): ReportOutcome | undefined {
  if (typeof state !== 'object' || state === null || !('report' in state)) return undefined;
  const report = (state as RecordLocationState).report;
  return report && report.seizureId === recordId ? report : undefined;
}

/** A report's idempotency key, made once per form: a UUID (crypto.randomUUID where the page is a secure context). */
export function newClientReference(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
