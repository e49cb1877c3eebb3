import { readFileSync } from 'node:fs';
import { SharingAgreement } from '@tracebridge/contracts';
import type { TrustRegistry } from '@tracebridge/identity';
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

/**
 * Agreements that name an agency (originator, `from`) or an agency or group
 * (`with`, `from`) the registry does not list: most likely a typing error,
 * and an agreement that silently does nothing. The hub warns of each.
 */
export function agreementsNamingUnknownAgencies(agreements: readonly SharingAgreement[], registry: TrustRegistry): { id: string; names: string[] }[] {
  const agencies = new Set(registry.agencies().map((a) => a.id));
  const known = new Set([...agencies, ...registry.agencies().flatMap((a) => a.groups)]);
  return agreements.flatMap((a) => {
    const names = [...(agencies.has(a.originator) ? [] : [a.originator]), ...[a.effect === 'SHARE' ? a.with : a.from].filter((n) => !known.has(n))];
    return names.length > 0 ? [{ id: a.id, names }] : [];
  });
}
