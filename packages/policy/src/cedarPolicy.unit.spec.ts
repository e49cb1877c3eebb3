import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy } from './cedarPolicy';
import { RecordFamily, type SharingAgreement } from '@tracebridge/contracts';
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
  family: fc.constantFrom(...RecordFamily.options),
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
  // Directory agreements (ADR 11): parties, families, a ceiling, with or without person identities.
  fc.record({
    id: fc.constantFrom(...['d1', 'd2', 'd3'].map((n) => `0190a3b4-1c2d-7e8f-9a0b-0000000000${n}`)),
    effect: fc.constant('AGREEMENT' as const),
    originator: fc.constantFrom(...agencyIds),
    parties: fc.subarray([...agencyIds, ...groups], { minLength: 1 }),
    families: fc.subarray([...RecordFamily.options], { minLength: 1 }),
    tlpCeiling: fc.constantFrom(...tlps),
    includePersons: fc.boolean(),
    legalBasis: fc.constant('ECOWAS Convention on Small Arms, art. 7'),
    validFrom: fc.constant('2026-01-01T00:00:00Z'),
  }),
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
    // Thousands of Cedar decisions: seconds on a quiet machine, more when CI shares its cores.
  }, 60_000);

  it('decides exactly as the reference model with generated sharing agreements of every kind (400 policy sets × 25 questions)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(agreement, { maxLength: 5, selector: (a) => a.id }), fc.array(fc.tuple(record, viewer), { minLength: 25, maxLength: 25 }), (agreements, cases) => {
        const p = createAccessPolicy({ agreements });
        for (const [r, v] of cases) {
          expect(p.mayView(r, v)).toBe(mayView(r, v, agreements));
          expect(p.mayLearnHolder(r, v)).toBe(mayLearnHolder(r, v, agreements));
          expect(p.maySeePersonIdentities(r, v)).toBe(maySeePersonIdentities(r, v, agreements));
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('answers repeated questions from its cache, keyed by what the policies read', () => {
    const p = createAccessPolicy();
    const r = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE' as const, handling: { tlp: 'AMBER' as const, releasableTo: ['BF-BORDER', 'TG-POLICE'] } };
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
    const amber = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE' as const, handling: { tlp: 'AMBER' as const, releasableTo: ['GH-POLICE'] } };
    expect(p.mayView(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(true);
    expect(p.mayView(amber, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe(false);
    expect(p.maySeePersonIdentities(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(false);
    // same state and named in releasableTo, yet withheld: not even a hit names the holder
    expect(p.level(amber, { agency: 'GH-POLICE', state: 'GH', groups: [] })).toBe('NONE');
    expect(p.level(amber, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe('HOLDER');
  });

  it('lets a case share grant widen any level for the agencies it names, never to person identities, and never past a WITHHOLD', () => {
    const p = createAccessPolicy({ agreements: [{ id: 'W1', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'BF-BORDER' }] });
    const red = {
      originator: { agency: 'GH-CUSTOMS', state: 'GH' },
      family: 'SEIZURE' as const,
      handling: { tlp: 'RED' as const, releasableTo: [] },
      grantees: ['TG-POLICE', 'BF-BORDER'],
    };
    const tg = { agency: 'TG-POLICE', state: 'TG', groups: [] };
    expect(p.mayView(red, tg)).toBe(true);
    expect(p.mayView({ ...red, grantees: [] }, tg)).toBe(false);
    expect(p.maySeePersonIdentities(red, tg)).toBe(false);
    expect(p.mayView(red, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe(false);
  });

  it('takes a directory agreement: its parties see its families at or below its ceiling, person identities only with includePersons, never past a WITHHOLD', () => {
    const terms = { effect: 'AGREEMENT' as const, originator: 'GH-CUSTOMS', legalBasis: 'GH–TG MoU 2025', validFrom: '2026-01-01T00:00:00Z' };
    const p = createAccessPolicy({
      agreements: [
        { ...terms, id: '0190a3b4-1c2d-7e8f-9a0b-000000000001', parties: ['ECOWAS-WAPIS'], families: ['SEIZURE'], tlpCeiling: 'AMBER', includePersons: true },
        { ...terms, id: '0190a3b4-1c2d-7e8f-9a0b-000000000002', parties: ['BF-BORDER'], families: ['SEIZURE', 'STOCKPILE_LOSS'], tlpCeiling: 'RED', includePersons: false },
        { id: 'NO-BF', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'BF-BORDER' },
      ],
    });
    const seizure = (tlp: 'AMBER' | 'AMBER_STRICT') => ({ originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE' as const, handling: { tlp, releasableTo: [] } });
    const tgInGroup = { agency: 'TG-POLICE', state: 'TG', groups: ['ECOWAS-WAPIS'] };
    expect([p.mayView(seizure('AMBER'), tgInGroup), p.maySeePersonIdentities(seizure('AMBER'), tgInGroup)]).toEqual([true, true]);
    // above the ceiling, another family, or not a party: nothing
    expect(p.mayView(seizure('AMBER_STRICT'), tgInGroup)).toBe(false);
    expect(p.mayView({ ...seizure('AMBER'), family: 'STOCKPILE_LOSS' }, tgInGroup)).toBe(false);
    expect(p.mayView(seizure('AMBER'), { ...tgInGroup, groups: [] })).toBe(false);
    // the WITHHOLD of the same originator wins over its agreement, person identities included
    const bf = { agency: 'BF-BORDER', state: 'BF', groups: ['ECOWAS-WAPIS'] };
    expect([p.mayView(seizure('AMBER'), bf), p.maySeePersonIdentities(seizure('AMBER'), bf)]).toEqual([false, false]);
  });

  it('refuses a revoked agreement: it is given the agreements in force, and a revoked one never is', () => {
    const revoked = {
      id: '0190a3b4-1c2d-7e8f-9a0b-000000000009',
      effect: 'AGREEMENT' as const,
      originator: 'GH-CUSTOMS',
      parties: ['TG-POLICE'],
      families: ['SEIZURE' as const],
      tlpCeiling: 'RED' as const,
      includePersons: true,
      legalBasis: 'MoU',
      validFrom: '2026-01-01T00:00:00Z',
      revokedAt: '2026-03-01T00:00:00Z',
    };
    expect(() => createAccessPolicy({ agreements: [revoked] })).toThrow(/revoked/);
    const { revokedAt: _, ...live } = revoked;
    expect(
      createAccessPolicy({ agreements: [live] }).mayView(
        { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE', handling: { tlp: 'RED', releasableTo: [] } },
        { agency: 'TG-POLICE', state: 'TG', groups: [] },
      ),
    ).toBe(true);
  });

  it('refuses an agreement the contract does not allow, so nothing can be written into the policy text', () => {
    const injected = { id: 'X', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE" || true || "', tlp: ['RED'] } as unknown as SharingAgreement;
    expect(() => createAccessPolicy({ agreements: [injected] })).toThrow(/upper-case/);
    expect(() => createAccessPolicy({ agreements: [{ id: 'W', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'GH-CUSTOMS' }] })).toThrow(/itself/);
    const party = { id: '0190a3b4-1c2d-7e8f-9a0b-000000000003', effect: 'AGREEMENT', originator: 'GH-CUSTOMS', parties: ['TG-POLICE"] || true || ["'] };
    const terms = { families: ['SEIZURE'], tlpCeiling: 'AMBER', includePersons: false, legalBasis: 'x', validFrom: '2026-01-01T00:00:00Z' };
    expect(() => createAccessPolicy({ agreements: [{ ...party, ...terms } as unknown as SharingAgreement] })).toThrow(/upper-case/);
    expect(() =>
      createAccessPolicy({ agreements: [{ ...party, ...terms, parties: ['TG-POLICE'], families: ['SEIZURE"] || true || ["'] } as unknown as SharingAgreement] }),
    ).toThrow();
  });

  it('keeps each policy deciding by its own agreements when more policies exist than Cedar slots (64)', () => {
    const amber = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE' as const, handling: { tlp: 'AMBER' as const, releasableTo: [] } };
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
