import { readFileSync } from 'node:fs';
import { SharingAgreement } from '@tracebridge/contracts';
import { z } from 'zod';

/**
 * The sharing agreements in force, from the operator's file (a JSON array of
 * `SharingAgreement`): each an originator's SHARE or WITHHOLD beyond its
 * records' handling. A file that does not parse stops the hub with the
 * path of the first bad field: a policy half-read would show or hide the
 * wrong records. No file: no agreements.
 */
export function loadSharingAgreements(file: string | undefined): SharingAgreement[] {
  if (!file) return [];
  const parsed = z
    .array(SharingAgreement)
    .max(1000)
    .refine((list) => new Set(list.map((a) => a.id)).size === list.length, { message: 'agreement ids must be unique' })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`sharing agreements in ${file} are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
