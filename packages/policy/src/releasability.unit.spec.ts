import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayView, maySeePersonIdentities, type Viewer } from './releasability';

const gh = { state: 'GH', agency: 'GH-CUSTOMS' };
const v = (agency: string, state: string, groups: string[] = []): Viewer => ({ agency, state, groups });
const rec = (tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED', releasableTo: string[] = []) => ({ originator: gh, handling: { tlp, releasableTo } });

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
});
