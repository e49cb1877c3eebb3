import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy } from './cedarPolicy';
import { mayView, maySeePersonIdentities, type Viewer } from './releasability';

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
});
const viewer: fc.Arbitrary<Viewer> = fc
  .record({
    agency: fc.constantFrom(...agencies.map((a) => a.agency)),
    groups: fc.subarray(groups),
  })
  .map((v) => ({ ...v, state: agencies.find((a) => a.agency === v.agency)!.state }));

describe('access policy in Cedar', () => {
  it('decides exactly as the reference model, on 5,000 generated records and viewers', () => {
    fc.assert(
      fc.property(record, viewer, (r, v) => {
        expect(policy.mayView(r, v)).toBe(mayView(r, v));
        expect(policy.maySeePersonIdentities(r, v)).toBe(maySeePersonIdentities(r, v));
      }),
      { numRuns: 5000 },
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

  it('takes an agency’s own additional policies, e.g. a sharing agreement', () => {
    const p = createAccessPolicy({
      extraPolicies: `
        // Agreement GH–TG: Togolese police may see Ghana Customs' AMBER records.
        @id("agreement-gh-tg")
        permit (principal == Agency::"TG-POLICE", action == Action::"view", resource)
        when { resource.originator == Agency::"GH-CUSTOMS" && resource.tlp == "AMBER" };
      `,
    });
    const amber = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'AMBER' as const, releasableTo: [] } };
    expect(p.mayView(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(true);
    expect(p.mayView(amber, { agency: 'BF-BORDER', state: 'BF', groups: [] })).toBe(false);
    expect(p.maySeePersonIdentities(amber, { agency: 'TG-POLICE', state: 'TG', groups: [] })).toBe(false);
  });

  it('refuses a policy set that does not parse or does not fit the schema', () => {
    expect(() => createAccessPolicy({ extraPolicies: 'permit (principal, action, resource' })).toThrow(/parse/);
    expect(() => createAccessPolicy({ extraPolicies: 'permit (principal, action == Action::"view", resource) when { resource.nope == 1 };' })).toThrow(/validate/);
  });
});
