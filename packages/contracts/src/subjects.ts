import { eventTypes, type EventType, type Family } from './eventTypes';

/**
 * NATS subject naming: `tb.v1.<agency>.<family>.<type>`. The version token
 * lets a future subject layout run beside this one. Agency ids are validated
 * to be subject-safe (no dots, spaces or wildcards).
 */
export const SUBJECT_ROOT = 'tb.v1';

export function subjectFor(agency: string, type: EventType): string {
  return `${SUBJECT_ROOT}.${agency}.${eventTypes[type].family}.${type}`;
}

/** A subject filter; an omitted token matches everything (`*`). */
export function subjectFilter(f: { agency?: string; family?: Family; type?: EventType } = {}): string {
  if (f.agency === undefined && f.family === undefined && f.type === undefined) return `${SUBJECT_ROOT}.>`;
  return `${SUBJECT_ROOT}.${f.agency ?? '*'}.${f.family ?? (f.type ? eventTypes[f.type].family : '*')}.${f.type ?? '*'}`;
}

/** Dead letters live outside `tb.v1.>` so the main stream never captures them. */
export const deadLetterSubject = (consumer: string): string => `tb.dlq.${consumer}`;
