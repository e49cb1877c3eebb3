import fc from 'fast-check';
import { RecordFamily, type SharingAgreement } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { agreementsInForce } from './agreementsInForce';
import { explainAccess } from './explainAccess';
import { mayLearnHolder, mayView, maySeePersonIdentities, type PolicyRecord, type Viewer } from './releasability';

const GH = { agency: 'GH-CUSTOMS', state: 'GH' };
const rec = (tlp: PolicyRecord['handling']['tlp'], more: Partial<PolicyRecord> = {}): PolicyRecord => ({
  originator: GH,
  family: 'SEIZURE',
  handling: { tlp, releasableTo: [] },
  ...more,
});
const tg: Viewer = { agency: 'TG-POLICE', state: 'TG', groups: ['ECOWAS'] };
const a12 = {
  id: '0190a3b4-1c2d-7e8f-9a0b-000000000012',
  effect: 'AGREEMENT' as const,
  originator: 'GH-CUSTOMS',
  parties: ['ECOWAS'],
  families: ['SEIZURE' as const],
  tlpCeiling: 'AMBER' as const,
  includePersons: true,
  legalBasis: 'ECOWAS Convention, art. 7',
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
};
const A12 = `agreement ${a12.id} (legal basis: ECOWAS Convention, art. 7) shares SEIZURE records up to TLP:AMBER with ECOWAS, person identities included`;
const NO_PERSONS = 'person identities stay with GH-CUSTOMS: no agreement in force with includePersons covers TG-POLICE for this record';

describe('explaining access to the originator', () => {
  it('says the originator sees everything of its own', () => {
    expect(explainAccess(rec('RED'), { ...GH, groups: [] }, [])).toEqual({
      allowed: true,
      fields: ['record', 'person identities'],
      reasons: ['GH-CUSTOMS is the originator: it sees all of its records, person identities included'],
    });
  });

  it('says what the TLP level allows, and what a refused agency still gets', () => {
    expect(explainAccess(rec('GREEN'), tg, [])).toEqual({ allowed: true, fields: ['record'], reasons: ['TLP:GREEN is shared with every agency in the network', NO_PERSONS] });
    expect(explainAccess(rec('AMBER'), tg, [])).toEqual({
      allowed: false,
      fields: ['holder only'],
      reasons: ['TLP:AMBER is shared with every agency of GH; TG-POLICE is in TG', 'a serial check may name GH-CUSTOMS as the holder of a matching record, so the two can talk'],
    });
    expect(explainAccess(rec('RED'), tg, [])).toEqual({
      allowed: false,
      fields: [],
      reasons: ['TLP:RED is for the originator alone, unless released further', 'TLP:RED: a serial check does not even name GH-CUSTOMS as the holder'],
    });
    expect(explainAccess(rec('AMBER_STRICT'), tg, []).reasons[0]).toBe("TLP:AMBER+STRICT is for the originator's agency alone, unless released further");
  });

  it('names the record’s own release, and a case grant', () => {
    expect(explainAccess(rec('RED', { handling: { tlp: 'RED', releasableTo: ['ECOWAS'] } }), tg, []).reasons[0]).toBe(
      "released to ECOWAS by the record's handling; TG-POLICE is in ECOWAS",
    );
    expect(explainAccess(rec('RED', { handling: { tlp: 'RED', releasableTo: ['TG-POLICE'] } }), tg, []).reasons[0]).toBe("released to TG-POLICE by the record's handling");
    const granted = explainAccess(rec('RED', { grantees: ['TG-POLICE'] }), tg, []);
    expect(granted.allowed).toBe(true);
    expect(granted.reasons[0]).toBe('case grant: TG-POLICE is an active participant of a case the originator shared this record in');
  });

  it('names the agreement that opens the record, its legal basis and terms, and whether person identities come with it', () => {
    expect(explainAccess(rec('AMBER'), tg, [a12], '2026-06-01T00:00:00Z')).toEqual({
      allowed: true,
      fields: ['record', 'person identities'],
      reasons: [`${A12}; TG-POLICE is in ECOWAS`, 'TLP:AMBER is shared with every agency of GH; TG-POLICE is in TG'],
    });
    const share: SharingAgreement = { id: 'GH-TG', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE', tlp: ['AMBER', 'RED'] };
    expect(explainAccess(rec('RED'), tg, [share]).reasons[0]).toBe("agreement GH-TG shares GH-CUSTOMS's TLP:AMBER, TLP:RED records with TG-POLICE");
  });

  it('names the WITHHOLD that keeps the record from the agency, whatever else would allow it', () => {
    const withhold: SharingAgreement = { id: 'W1', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'ECOWAS' };
    expect(explainAccess(rec('GREEN'), tg, [a12, withhold], '2026-06-01T00:00:00Z')).toEqual({
      allowed: false,
      fields: [],
      reasons: [
        'withheld from ECOWAS (TG-POLICE is in ECOWAS) by agreement W1: not the record, its persons, nor even a serial hit naming its holder, whatever else would allow it',
      ],
    });
    expect(explainAccess(rec('GREEN'), tg, [{ ...withhold, from: 'TG-POLICE' }]).reasons[0]).toMatch(/^withheld from TG-POLICE by agreement W1:/);
  });

  it('names an agreement that would open the record but is not in force, and decides without it', () => {
    const lapsed = explainAccess(rec('AMBER'), tg, [a12], '2027-02-01T00:00:00Z');
    expect(lapsed.allowed).toBe(false);
    expect(lapsed.reasons).toContain(`${A12}, but is not in force: it lapsed on 2027-01-01T00:00:00Z`);
    expect(explainAccess(rec('AMBER'), tg, [a12], '2025-12-01T00:00:00Z').reasons).toContain(`${A12}, but is not in force: it comes into force on 2026-01-01T00:00:00Z`);
    const revoked = { ...a12, revokedAt: '2026-03-01T00:00:00Z' };
    for (const now of ['2026-06-01T00:00:00Z', undefined]) {
      const e = explainAccess(rec('AMBER'), tg, [revoked], now);
      expect(e.allowed).toBe(false);
      expect(e.reasons).toContain(`${A12}, but is not in force: it was revoked on 2026-03-01T00:00:00Z`);
    }
  });

  it('always answers as the reference model decides: allowed, holder only, person identities (generated cases)', () => {
    const names = ['GH-CUSTOMS', 'GH-POLICE', 'TG-POLICE', 'BF-BORDER', 'ECOWAS'];
    const agencies = fc.constantFrom(...names.slice(0, 4));
    const agreement: fc.Arbitrary<SharingAgreement> = fc.oneof(
      fc.record({ id: fc.constantFrom('W1', 'W2'), effect: fc.constant('WITHHOLD' as const), originator: fc.constant('GH-CUSTOMS'), from: fc.constantFrom(...names.slice(1)) }),
      fc.record({
        ...Object.fromEntries(Object.entries(a12).map(([k, v]) => [k, fc.constant(v)])),
        id: fc.constantFrom('0190a3b4-1c2d-7e8f-9a0b-000000000001', '0190a3b4-1c2d-7e8f-9a0b-000000000002'),
        parties: fc.subarray(names, { minLength: 1 }),
        families: fc.subarray([...RecordFamily.options], { minLength: 1 }),
        tlpCeiling: fc.constantFrom('GREEN', 'AMBER', 'RED'),
        includePersons: fc.boolean(),
        validFrom: fc.constantFrom('2026-01-01T00:00:00Z', '2026-09-01T00:00:00Z'),
      }) as fc.Arbitrary<SharingAgreement>,
    );
    const record = fc.record({
      originator: fc.constant(GH),
      family: fc.constantFrom(...RecordFamily.options),
      handling: fc.record({ tlp: fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED' as const), releasableTo: fc.subarray(names) }),
      grantees: fc.subarray(names.slice(0, 4)),
    });
    const viewer = fc.record({ agency: agencies, state: fc.constantFrom('GH', 'TG'), groups: fc.subarray(['ECOWAS']) });
    fc.assert(
      fc.property(record, viewer, fc.uniqueArray(agreement, { maxLength: 3, selector: (a) => a.id }), (r, v, all) => {
        const now = '2026-06-01T00:00:00Z';
        const inForce = agreementsInForce(all, now);
        const e = explainAccess(r, v, all, now);
        expect(e.allowed).toBe(mayView(r, v, inForce));
        const holderOnly = !e.allowed && mayLearnHolder(r, v, inForce);
        expect(e.fields).toEqual(e.allowed ? ['record', ...(maySeePersonIdentities(r, v, inForce) ? ['person identities'] : [])] : holderOnly ? ['holder only'] : []);
        expect(e.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
