import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SharingAgreement } from '@tracebridge/contracts';
import { createTrustRegistry, DEMO_AGENCIES, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import type { PolicyRecord } from '@tracebridge/policy';
import { afterAll, describe, expect, it } from 'vitest';
import { createHubPolicy } from './access';
import { agreementsNamingUnknownAgencies, loadSharingAgreements } from './agreements';

const dir = mkdtempSync(join(tmpdir(), 'tb-agreements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mou = {
  id: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a12',
  effect: 'AGREEMENT' as const,
  originator: 'GH-CUSTOMS',
  parties: ['TG-POLICE'],
  families: ['SEIZURE' as const],
  tlpCeiling: 'RED' as const,
  includePersons: false,
  legalBasis: 'GH–TG memorandum of understanding, July 2026',
  validFrom: '2026-07-01T00:00:00Z',
  validUntil: '2026-08-01T00:00:00Z',
} satisfies SharingAgreement;
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('the sharing agreements file', () => {
  it('loads valid agreements, and none without a file', () => {
    const good = [
      { id: 'GH-TG', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'TG-POLICE', tlp: ['AMBER'] },
      { id: 'NO-BF', effect: 'WITHHOLD', originator: 'GH-POLICE', from: 'BF-BORDER' },
    ];
    expect(loadSharingAgreements(file('good.json', good))).toEqual(good);
    expect(loadSharingAgreements(undefined)).toEqual([]);
  });

  it('stops the hub on a bad file, naming the bad field, rather than applying half a policy', () => {
    expect(() => loadSharingAgreements(file('bad.json', [{ id: 'X1', effect: 'SHARE', originator: 'GH-CUSTOMS', with: 'tg police', tlp: ['AMBER'] }]))).toThrow(/with/);
    expect(() => loadSharingAgreements(file('self.json', [{ id: 'X2', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'GH-CUSTOMS' }]))).toThrow(/itself/);
    const twice = { id: 'X3', effect: 'WITHHOLD', originator: 'GH-CUSTOMS', from: 'TG-POLICE' };
    expect(() => loadSharingAgreements(file('twice.json', [twice, twice]))).toThrow(/unique/);
  });

  it('holds no agreement with terms: those are events of their originators', () => {
    expect(() => loadSharingAgreements(file('terms.json', [mou]))).toThrow(/effect/);
  });

  it('names the agreements that mention an agency or group the registry does not list', () => {
    const registry = createTrustRegistry([]);
    const agreements = [{ id: 'TYPO', effect: 'WITHHOLD' as const, originator: 'GH-CUSTOMS', from: 'BF-BORDRE' }];
    expect(agreementsNamingUnknownAgencies(agreements, registry)).toEqual([{ id: 'TYPO', names: ['GH-CUSTOMS', 'BF-BORDRE'] }]);
    expect(agreementsNamingUnknownAgencies([{ ...mou, parties: ['TG-POLICE', 'ECOWAS'] }], registry)).toEqual([{ id: mou.id, names: ['GH-CUSTOMS', 'TG-POLICE', 'ECOWAS'] }]);
  });
});

describe('the hub’s policy over time', () => {
  const red: PolicyRecord = { originator: { agency: 'GH-CUSTOMS', state: 'GH' }, family: 'SEIZURE', handling: { tlp: 'RED', releasableTo: [] } };

  it('applies the agreements in force when asked: a start or a lapse changes its fingerprint and its answers, with no event arriving', async () => {
    const registry = createTrustRegistry(devAgencyRecords(await generateDevKeys(DEMO_AGENCIES.filter((a) => ['GH-CUSTOMS', 'TG-POLICE'].includes(a.id)))));
    let now = new Date('2026-06-30T23:59:59.999Z');
    const policy = createHubPolicy(() => registry, [mou], { clock: () => now });
    const without = createHubPolicy(() => registry, [], { clock: () => now }).fingerprint();
    expect([policy.fingerprint(), policy.levelFor('TG-POLICE', red)]).toEqual([without, 'NONE']);
    now = new Date(mou.validFrom);
    const inForce = policy.fingerprint();
    expect(inForce).not.toBe(without);
    expect(policy.levelFor('TG-POLICE', red)).toBe('VIEW');
    now = new Date('2026-07-31T23:59:59.999Z');
    expect([policy.fingerprint(), policy.levelFor('TG-POLICE', red)]).toEqual([inForce, 'VIEW']);
    // the clock passes validUntil
    now = new Date(mou.validUntil);
    expect([policy.fingerprint(), policy.levelFor('TG-POLICE', red)]).toEqual([without, 'NONE']);
  });

  it('drops a revoked agreement at once, and refuses a malformed one when given, not at a later read', () => {
    const registry = createTrustRegistry([]);
    const now = new Date('2026-07-15T00:00:00Z');
    const policy = createHubPolicy(() => registry, [mou], { clock: () => now });
    const inForce = policy.fingerprint();
    policy.setAgreements([{ ...mou, revokedAt: '2026-07-15T00:00:00Z' }]);
    expect(policy.fingerprint()).not.toBe(inForce);
    expect(policy.fingerprint()).toBe(createHubPolicy(() => registry, [], { clock: () => now }).fingerprint());
    expect(() => policy.setAgreements([{ ...mou, validUntil: mou.validFrom }])).toThrow(/validUntil/);
  });
});
