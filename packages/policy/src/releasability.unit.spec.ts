import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SharingAgreement } from '@tracebridge/contracts';
import { mayLearnHolder, mayView, maySeePersonIdentities, type PolicyRecord, type Viewer } from './releasability';

const gh = { state: 'GH', agency: 'GH-CUSTOMS' };
const v = (agency: string, state: string, groups: string[] = []): Viewer => ({ agency, state, groups });
const rec = (tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED', releasableTo: string[] = []): PolicyRecord => ({
  originator: gh,
  family: 'SEIZURE',
  handling: { tlp, releasableTo },
});
const agreement = (terms: Partial<Extract<SharingAgreement, { effect: 'AGREEMENT' }>> = {}): SharingAgreement => ({
  id: '0190a3b4-1c2d-7e8f-9a0b-000000000012',
  effect: 'AGREEMENT',
  originator: 'GH-CUSTOMS',
  parties: ['ECOWAS'],
  families: ['SEIZURE'],
  tlpCeiling: 'AMBER',
  includePersons: false,
  legalBasis: 'ECOWAS Convention, art. 7',
  validFrom: '2026-01-01T00:00:00Z',
  ...terms,
});

describe('access policy v1 reference model', () => {
  it('follows TLP 2.0 per level', () => {
    const police = v('GH-POLICE', 'GH');
    const tg = v('TG-POLICE', 'TG');
    expect([mayView(rec('CLEAR'), tg), mayView(rec('GREEN'), tg)]).toEqual([true, true]);
    expect([mayView(rec('AMBER'), police), mayView(rec('AMBER'), tg)]).toEqual([true, false]);
    expect([mayView(rec('AMBER_STRICT'), police), mayView(rec('RED'), police)]).toEqual([false, false]);
  });

  it('widens by releasableTo, for agencies and groups', () => {
    expect(mayView(rec('RED', ['TG-POLICE']), v('TG-POLICE', 'TG'))).toBe(true);
    expect(mayView(rec('RED', ['WA-LIAISON']), v('BF-BORDER', 'BF', ['WA-LIAISON']))).toBe(true);
    expect(mayView(rec('RED', ['TG-POLICE']), v('BF-BORDER', 'BF'))).toBe(false);
  });

  it('always lets the originator see its own records and persons, and nobody else the persons (property)', () => {
    const tlp = fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED' as const);
    const agency = fc.constantFrom('GH-CUSTOMS', 'GH-POLICE', 'TG-POLICE', 'BF-BORDER');
    fc.assert(
      fc.property(tlp, fc.array(agency), agency, fc.constantFrom('GH', 'TG', 'BF'), (t, released, viewerAgency, state) => {
        const r = rec(t, released);
        expect(mayView(r, v('GH-CUSTOMS', 'GH'))).toBe(true);
        expect(maySeePersonIdentities(r, v(viewerAgency, state))).toBe(viewerAgency === 'GH-CUSTOMS');
        // a stricter level never shows more than a looser one
        const order = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
        const i = order.indexOf(t);
        if (i > 0 && mayView(r, v(viewerAgency, state))) expect(mayView(rec(order[i - 1]!, released), v(viewerAgency, state))).toBe(true);
      }),
    );
  });

  it('opens, by a directory agreement, the named families at or below the ceiling, to the parties (agencies, or members of groups)', () => {
    const tg = v('TG-POLICE', 'TG', ['ECOWAS']);
    const a = [agreement()];
    expect([mayView(rec('GREEN'), tg, a), mayView(rec('AMBER'), tg, a), mayView(rec('AMBER_STRICT'), tg, a), mayView(rec('RED'), tg, a)]).toEqual([true, true, false, false]);
    expect(mayView({ ...rec('AMBER'), family: 'STOCKPILE_LOSS' }, tg, a)).toBe(false);
    expect(mayView(rec('AMBER'), v('TG-POLICE', 'TG'), a)).toBe(false);
    expect(mayView(rec('AMBER'), v('TG-POLICE', 'TG'), [agreement({ parties: ['TG-POLICE'] })])).toBe(true);
    // another originator's agreement opens nothing of GH-CUSTOMS's
    expect(mayView(rec('AMBER'), tg, [agreement({ originator: 'GH-POLICE' })])).toBe(false);
  });

  it('lets person identities reach another agency only through an agreement with includePersons that opens the record, never past a WITHHOLD', () => {
    const tg = v('TG-POLICE', 'TG', ['ECOWAS']);
    const amber = rec('AMBER', ['TG-POLICE']);
    expect(maySeePersonIdentities(amber, tg, [agreement()])).toBe(false);
    expect(maySeePersonIdentities(amber, tg, [agreement({ includePersons: true })])).toBe(true);
    expect(maySeePersonIdentities(rec('RED', ['TG-POLICE']), tg, [agreement({ includePersons: true })])).toBe(false);
    const withhold: SharingAgreement = { id: 'W1', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'ECOWAS' };
    expect(maySeePersonIdentities(amber, tg, [agreement({ includePersons: true }), withhold])).toBe(false);
    expect(mayLearnHolder(amber, tg, [withhold])).toBe(false);
  });
});
