import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrustRegistry } from '@tracebridge/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { agreementsNamingUnknownAgencies, loadSharingAgreements } from './agreements';

const dir = mkdtempSync(join(tmpdir(), 'tb-agreements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
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

  it('names the agreements that mention an agency or group the registry does not list', () => {
    const registry = createTrustRegistry([]);
    const agreements = [{ id: 'TYPO', effect: 'WITHHOLD' as const, originator: 'GH-CUSTOMS', from: 'BF-BORDRE' }];
    expect(agreementsNamingUnknownAgencies(agreements, registry)).toEqual([{ id: 'TYPO', names: ['GH-CUSTOMS', 'BF-BORDRE'] }]);
  });
});
