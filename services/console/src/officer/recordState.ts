import type { ReportOutcome } from './useReportSubmit';

const reportKey = (recordId: string): string => `report:${recordId}`;

/**
 * The report form hands the new record's page the answer to the report (its warnings, hits, shared view) through
 * the sign-in's memory, not the browser history's state: history outlives a sign-out, and the next officer on
 * the same tab must not be shown the last one's report.
 */
export function rememberReport(memory: Map<string, unknown>, report: ReportOutcome): void {
  memory.set(reportKey(report.seizureId), report);
}

/** The report's answer, when the page was opened by the report form during this sign-in. */
export function rememberedReport(memory: Map<string, unknown>, recordId: string): ReportOutcome | undefined {
  return memory.get(reportKey(recordId)) as ReportOutcome | undefined;
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
