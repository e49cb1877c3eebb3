import { isoMillis, type SharingAgreement } from '@tracebridge/contracts';

/** Where an agreement stands at an instant. The operator file's SHARE and WITHHOLD have no validity: always in force. */
export type AgreementStatus = 'IN_FORCE' | 'NOT_YET_IN_FORCE' | 'EXPIRED' | 'REVOKED';

const millisOf = (now: Date | string): number => (typeof now === 'string' ? isoMillis(now) : now.getTime());

/**
 * Where `agreement` stands at `now`: a directory agreement is in force from
 * `validFrom` (included) to `validUntil` (excluded), unless revoked; a
 * revocation takes effect when it is known, whatever its time.
 */
export function agreementStatusAt(agreement: SharingAgreement, now: Date | string): AgreementStatus {
  if (agreement.effect !== 'AGREEMENT') return 'IN_FORCE';
  if (agreement.revokedAt !== undefined) return 'REVOKED';
  const t = millisOf(now);
  if (t < isoMillis(agreement.validFrom)) return 'NOT_YET_IN_FORCE';
  if (agreement.validUntil !== undefined && t >= isoMillis(agreement.validUntil)) return 'EXPIRED';
  return 'IN_FORCE';
}

/**
 * The agreements in force at `now` (validFrom ≤ now < validUntil, not
 * revoked; the file's SHARE and WITHHOLD always): what the access policy
 * evaluates. The policy itself reads no clock; whoever holds the agreements
 * asks this with its own.
 */
export const agreementsInForce = <A extends SharingAgreement>(agreements: readonly A[], now: Date | string): A[] =>
  agreements.filter((a) => agreementStatusAt(a, now) === 'IN_FORCE');

/**
 * The first instant after `now` at which the agreements in force change by
 * time alone (one starts or lapses), as the agreement states it (its
 * `validFrom` or `validUntil`); undefined when none will. A holder of a policy
 * recomputes it then, with no event arriving.
 */
export function nextAgreementChange(agreements: readonly SharingAgreement[], now: Date | string): string | undefined {
  const t = millisOf(now);
  let next: { at: number; iso: string } | undefined;
  for (const a of agreements) {
    if (a.effect !== 'AGREEMENT' || a.revokedAt !== undefined) continue;
    for (const iso of [a.validFrom, a.validUntil]) {
      const at = iso === undefined ? NaN : isoMillis(iso);
      if (at > t && (next === undefined || at < next.at)) next = { at, iso: iso! };
    }
  }
  return next?.iso;
}
