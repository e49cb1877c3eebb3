import { describe, expect, it } from 'vitest';
import { AgreementTerms, SharingAgreementCreated } from './events/agreement';
import { eventTypes } from './eventTypes';
import { tlpLevelsUpTo } from './handling';
import { FileAgreement, SharingAgreement } from './sharingAgreements';
import { subjectFor } from './subjects';

const terms = {
  parties: ['ECOWAS-WAPIS', 'TG-POLICE'],
  families: ['SEIZURE', 'STOCKPILE_LOSS'],
  tlpCeiling: 'AMBER',
  includePersons: false,
  legalBasis: 'ECOWAS Convention, art. 7',
  validFrom: '2026-12-01T00:00:00Z',
  validUntil: '2027-12-01T00:00:00Z',
};
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('sharing agreement terms', () => {
  it('take 1 to 50 parties and the record families once each, a ceiling, a legal basis and a validity that ends after it starts', () => {
    expect(AgreementTerms.parse(terms)).toEqual(terms);
    const { validUntil: _, ...openEnded } = terms;
    expect(AgreementTerms.safeParse(openEnded).success).toBe(true);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, parties: [] }))).toEqual(['parties']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, parties: Array.from({ length: 51 }, (_, i) => `AG-${i}`) }))).toEqual(['parties']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, parties: ['TG-POLICE', 'TG-POLICE'] }))).toEqual(['parties']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, families: ['SEIZURE', 'SEIZURE'] }))).toEqual(['families']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, families: ['WEAPON'] }))).toEqual(['families.0']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, legalBasis: '  ' }))).toEqual(['legalBasis']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, validUntil: terms.validFrom }))).toEqual(['validUntil']);
    expect(issuesOf(AgreementTerms.safeParse({ ...terms, validFrom: '1 December' }))).toEqual(['validFrom']);
  });

  it('travel as events of a new family, on the agreement’s stream', () => {
    expect(eventTypes.SharingAgreementCreated.family).toBe('agreement');
    expect(subjectFor('GH-CUSTOMS', 'SharingAgreementRevoked')).toBe('tb.v1.GH-CUSTOMS.agreement.SharingAgreementRevoked');
    expect(SharingAgreementCreated.safeParse({ agreementId: 'A-12', ...terms }).success).toBe(false);
  });

  it('open the TLP levels up to the ceiling, in TLP 2.0 order', () => {
    expect(tlpLevelsUpTo('CLEAR')).toEqual(['CLEAR']);
    expect(tlpLevelsUpTo('AMBER')).toEqual(['CLEAR', 'GREEN', 'AMBER']);
    expect(tlpLevelsUpTo('RED')).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
  });
});

describe('what the policy reads', () => {
  const share = { id: 'GH-TG', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE', tlp: ['AMBER'] };
  const withhold = { id: 'NO-BF', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'BF-BORDER' };
  const directory = { id: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a12', effect: 'AGREEMENT', originator: 'GH-CUSTOMS', ...terms };

  it('reads the file’s SHARE and WITHHOLD as they are, and the directory’s agreements', () => {
    expect([share, withhold, directory].map((a) => SharingAgreement.parse(a))).toEqual([share, withhold, directory]);
    expect(SharingAgreement.safeParse({ ...directory, revokedAt: '2027-01-01T00:00:00Z' }).success).toBe(true);
    expect(issuesOf(SharingAgreement.safeParse({ ...directory, validUntil: '2026-01-01T00:00:00Z' }))).toEqual(['validUntil']);
  });

  it('keeps agreements with terms out of the operator’s file: they are events of their originators', () => {
    expect(FileAgreement.safeParse(share).success).toBe(true);
    expect(FileAgreement.safeParse(withhold).success).toBe(true);
    expect(FileAgreement.safeParse(directory).success).toBe(false);
  });
});
