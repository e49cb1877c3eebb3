import { readFileSync } from 'node:fs';
import { FileAgreement, type SharingAgreement } from '@tracebridge/contracts';
import type { TrustRegistry } from '@tracebridge/identity';
import { z } from 'zod';

/**
 * The operator's agreements, from its file (a JSON array of `FileAgreement`):
 * each an originator's WITHHOLD, or a SHARE as the interim design had it,
 * beyond its records' handling. Agreements with terms and a legal basis are
 * events of their originators (ADR 11), never entries of this file. A file
 * that does not parse stops the hub with the path of the first bad field: a
 * policy half-read would show or hide the wrong records. No file: no
 * agreements.
 */
export function loadSharingAgreements(file: string | undefined): FileAgreement[] {
  if (!file) return [];
  const parsed = z
    .array(FileAgreement)
    .max(1000)
    .refine((list) => new Set(list.map((a) => a.id)).size === list.length, { message: 'agreement ids must be unique' })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`sharing agreements in ${file} are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Agreements that name an agency (originator) or an agency or group (`with`,
 * `from`, `parties`) the registry does not list: most likely a typing error,
 * and an agreement that silently does nothing. The hub warns of each.
 */
export function agreementsNamingUnknownAgencies(agreements: readonly SharingAgreement[], registry: TrustRegistry): { id: string; names: string[] }[] {
  const agencies = new Set(registry.agencies().map((a) => a.id));
  const known = new Set([...agencies, ...registry.agencies().flatMap((a) => a.groups)]);
  return agreements.flatMap((a) => {
    const named = a.effect === 'SHARE' ? [a.with] : a.effect === 'WITHHOLD' ? [a.from] : a.parties;
    const names = [...(agencies.has(a.originator) ? [] : [a.originator]), ...named.filter((n) => !known.has(n))];
    return names.length > 0 ? [{ id: a.id, names }] : [];
  });
}
