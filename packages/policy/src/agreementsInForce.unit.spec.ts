import type { SharingAgreement } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { agreementStatusAt, agreementsInForce, nextAgreementChange } from './agreementsInForce';

const directory = (id: string, validity: { validFrom: string; validUntil?: string; revokedAt?: string }): SharingAgreement => ({
  id: `0190a3b4-1c2d-7e8f-9a0b-0000000000${id}`,
  effect: 'AGREEMENT',
  originator: 'GH-CUSTOMS',
  parties: ['TG-POLICE'],
  families: ['SEIZURE'],
  tlpCeiling: 'AMBER',
  includePersons: false,
  legalBasis: 'GH–TG MoU',
  ...validity,
});
const q1 = directory('01', { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-04-01T00:00:00Z' });
const fromMarch = directory('02', { validFrom: '2026-03-01T00:00:00Z' });
const revoked = directory('03', { validFrom: '2026-01-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' });
const withhold: SharingAgreement = { id: 'W1', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'BF-BORDER' };
const all = [q1, fromMarch, revoked, withhold];

describe('agreements in force', () => {
  it('are those from validFrom (included) to validUntil (excluded), not revoked; the file’s WITHHOLD and SHARE always', () => {
    expect(agreementsInForce(all, '2025-12-31T23:59:59.999Z')).toEqual([withhold]);
    expect(agreementsInForce(all, '2026-01-01T00:00:00Z')).toEqual([q1, withhold]);
    expect(agreementsInForce(all, new Date('2026-03-15T00:00:00Z'))).toEqual([q1, fromMarch, withhold]);
    expect(agreementsInForce(all, '2026-04-01T00:00:00Z')).toEqual([fromMarch, withhold]);
  });

  it('says where each stands, a revocation taking effect whatever its time', () => {
    expect([q1, fromMarch, revoked, withhold].map((a) => agreementStatusAt(a, '2026-01-15T00:00:00Z'))).toEqual(['IN_FORCE', 'NOT_YET_IN_FORCE', 'REVOKED', 'IN_FORCE']);
    expect(agreementStatusAt(q1, '2026-05-01T00:00:00Z')).toBe('EXPIRED');
    expect(agreementStatusAt(revoked, '2025-06-01T00:00:00Z')).toBe('REVOKED');
  });

  it('names the next instant the set in force changes by time alone, ignoring revoked agreements', () => {
    expect(nextAgreementChange(all, '2025-06-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(nextAgreementChange(all, new Date('2026-01-01T00:00:00Z'))).toBe('2026-03-01T00:00:00Z');
    expect(nextAgreementChange(all, '2026-03-01T00:00:00Z')).toBe('2026-04-01T00:00:00Z');
    expect(nextAgreementChange(all, '2026-04-01T00:00:00Z')).toBeUndefined();
  });
});
