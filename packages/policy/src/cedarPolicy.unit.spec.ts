import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy } from './cedarPolicy';
import type { SharingAgreement } from '@tracebridge/contracts';
import { mayLearnHolder, mayView, maySeePersonIdentities, type Viewer } from './releasability';

const policy = createAccessPolicy();
const agencies = [
  { agency: 'GH-CUSTOMS', state: 'GH' },
  { agency: 'GH-POLICE', state: 'GH' },
  { agency: 'TG-POLICE', state: 'TG' },
  { agency: 'BF-BORDER', state: 'BF' },
  { agency: 'WA-LIAISON', state: 'GH' },
];
const groups = ['ECOWAS-WAPIS', 'WA-LIAISON-NET'];

const record = fc.record({
  originator: fc.constantFrom(...agencies).map((a) => ({ agency: a.agency, state: a.state })),
  handling: fc.record({
    tlp: fc.constantFrom('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED' as const),
    releasableTo: fc.subarray([...agencies.map((a) => a.agency), ...groups]),
  }),
  grantees: fc.subarray(agencies.map((a) => a.agency)),
});
const viewer: fc.Arbitrary<Viewer> = fc
  .record({
    agency: fc.constantFrom(...agencies.map((a) => a.agency)),
    groups: fc.subarray(groups),
  })
  .map((v) => ({ ...v, state: agencies.find((a) => a.agency === v.agency)!.state }));

const agencyIds = agencies.map((a) => a.agency);
const tlps = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export const agreement: fc.Arbitrary<SharingAgreement> = fc.oneof(
  fc.record({
    id: fc.constantFrom('A1', 'A2', 'A3'),
    effect: fc.constant('SHARE' as const),
    originator: fc.constantFrom(...agencyIds),
    with: fc.constantFrom(...agencyIds, ...groups),
    tlp: fc.subarray([...tlps], { minLength: 1 }),
  }),
  fc
    .record({
      id: fc.constantFrom('W1', 'W2'),
      effect: fc.constant('WITHHOLD' as const),
      originator: fc.constantFrom(...agencyIds),
      from: fc.constantFrom(...agencyIds, ...groups),
    })
    .filter((a) => a.from !== a.originator),
);

describe('access policy in Cedar', () => {
  it('decides exactly as the reference model, on 5,000 generated records and viewers', () => {
    fc.assert(
      fc.property(record, viewer, (r, v) => {
        expect(policy.mayView(r, v)).toBe(mayView(r, v));
        expect(policy.maySeePersonIdentities(r, v)).toBe(maySeePersonIdentities(r, v));
        expect(policy.mayLearnHolder(r, v)).toBe(mayLearnHolder(r, v));
      }),
      { numRuns: 5000 },
    );
  });

  it('decides exactly as the reference model with generated sharing agreements (300 policy sets × 20 questions)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(agreement, { maxLength: 4, selector: (a) => a.id }), fc.array(fc.tuple(record, viewer), { minLength: 20, maxLength: 20 }), (agreements, cases) => {
        const p = createAccessPolicy({ agreements });
        for (const [r, v] of cases) {
          expect(p.mayView(r, v)).toBe(mayView(r, v, agreements));
          expect(p.mayLearnHolder(r, v)).toBe(mayLearnHolder(r, v, agreements));
          expect(p.maySeePersonIdentities(r, v)).toBe(maySeePersonIdentities(r, v));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers repeated questions from its cache, keyed by what the policies read', () => {
    const p = createAccessPolicy();
    const r = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'AMBER' as const, releasableTo: ['BF-BORDER', 'TG-POLICE'] } };
    const v = { agency: 'TG-POLICE', state: 'TG', groups: [] };
    expect(p.mayView(r, v)).toBe(true);
    expect(p.mayView({ ...r, handling: { ...r.handling, releasableTo: ['TG-POLICE', 'BF-BORDER'] } }, v)).toBe(true);
    expect(p.stats()).toEqual({ evaluated: 1, cached: 1 });
    // a different question is evaluated, not answered from the cache
    expect(p.mayView({ ...r, handling: { ...r.handling, releasableTo: [] } }, v)).toBe(false);
    expect(p.stats().evaluated).toBe(2);
  });

  it('takes an originator’s sharing agreements: a SHARE widens, a WITHHOLD forbids whatever else allows', () => {
    const p = createAccessPolicy({
      agreements: [
        // Agreement GH–TG: Togolese police may see Ghana Customs' AMBER records.
        { id: 'GH-TG', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE', tlp: ['AMBER'] },
        { id: 'NOT-GH-POLICE', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'GH-POLICE' },
      ],
    });
    const amber = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'AMBER' as const, releasableTo: ['GH-POLICE'] } };
    expect(p.mayView(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(true);
    expect(p.mayView(amber, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe(false);
    expect(p.maySeePersonIdentities(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(false);
    // same state and named in releasableTo, yet withheld: not even a hit names the holder
    expect(p.level(amber, { agency: 'GH-POLICE', state: 'GH', groups: [] })).toBe('NONE');
    expect(p.level(amber, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe('HOLDER');
  });

  it('lets a case share grant widen any level for the agencies it names, never to person identities, and never past a WITHHOLD', () => {
    const p = createAccessPolicy({ agreements: [{ id: 'W1', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'BF-BORDER' }] });
    const red = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'RED' as const, releasableTo: [] }, grantees: ['TG-POLICE', 'BF-BORDER'] };
    const tg = { agency: 'TG-POLICE', state: 'TG', groups: [] };
    expect(p.mayView(red, tg)).toBe(true);
    expect(p.mayView({ ...red, grantees: [] }, tg)).toBe(false);
    expect(p.maySeePersonIdentities(red, tg)).toBe(false);
    expect(p.mayView(red, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe(false);
  });

  it('refuses an agreement the contract does not allow, so nothing can be written into the policy text', () => {
    const injected = { id: 'X', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE" || true || "', tlp: ['RED'] } as unknown as SharingAgreement;
    expect(() => createAccessPolicy({ agreements: [injected] })).toThrow(/upper-case/);
    expect(() => createAccessPolicy({ agreements: [{ id: 'W', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'GH-CUSTOMS' }] })).toThrow(/itself/);
  });

  it('keeps each policy deciding by its own agreements when more policies exist than Cedar slots (64)', () => {
    const amber = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'AMBER' as const, releasableTo: [] } };
    const policies = Array.from({ length: 80 }, (_, i) =>
      createAccessPolicy({ agreements: [{ id: 'SH', effect: 'SHARE', originator: 'GH-CUSTOMS', with: `AG-${i}`, tlp: ['AMBER'] }] }),
    );
    for (const round of ['TG', 'BF']) {
      policies.forEach((p, i) => {
        expect(p.mayView(amber, { agency: `AG-${i}`, state: round, groups: [] })).toBe(true);
        expect(p.mayView(amber, { agency: `AG-${(i + 1) % 80}`, state: round, groups: [] })).toBe(false);
      });
    }
  });
});
