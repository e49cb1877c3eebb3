import type { RecordFamily, SharingAgreement, Tlp } from '@tracebridge/contracts';
import fc from 'fast-check';
import { worldCasesOf, type WorldCases } from './worldCases';

/**
 * What a generated world of the policy-worlds test is (policyWorlds.ts), and
 * how one is drawn: agencies with their states and groups, the originators'
 * sharing agreements, records with random handling and serials, the world's
 * cross-border cases, and the same world later under another registry and
 * other agreements.
 */
export const POOL_SEED = Number(process.env.TB_POLICY_POOL_SEED ?? Date.now() % 2 ** 31);
const STATES = ['GH', 'TG', 'BF'] as const;
const GROUPS = ['WA-NETWORK', 'ECOWAS-WAPIS'] as const;
const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
/** The serials the worlds' items carry (manufacturer, serial): few, so serial checks find several holders. */
export const SERIALS = [
  ['Glock', 'AB100'],
  ['Glock', 'AB200'],
  ['Norinco', 'AB100'],
] as const;

export interface WorldAgency {
  id: string;
  present: boolean;
  state: string;
  groups: string[];
}
export interface WorldRecord {
  originator: number;
  tlp: Tlp;
  releasableTo: string[];
  /** Its handling code: an H2 record attached by another than its holder always asks the holder first. */
  code: 'H0' | 'H1' | 'H2';
  serials: number[];
  template: number;
}
export interface World {
  agencies: WorldAgency[];
  agreements: SharingAgreement[];
  records: WorldRecord[];
  cases: WorldCases;
  /** The same world later: states, groups and agreements changed, the records and cases as they were. */
  later: { agencies: Omit<WorldAgency, 'present'>[]; agreements: SharingAgreement[] };
}

export function worldsOf(agencyIds: readonly string[]): fc.Arbitrary<World> {
  const agency = (id: string) => fc.record({ id: fc.constant(id), present: fc.boolean(), state: fc.constantFrom(...STATES), groups: fc.subarray([...GROUPS]) });
  const names = [...agencyIds, ...GROUPS];
  // Agreements from a pool of sixteen (drawn once per run), up to three in force per world: a few hundred policy sets,
  // so worlds revisit policies as a long-running hub does, and each one costs a Cedar parse only the first time.
  const agreement: fc.Arbitrary<SharingAgreement> = fc.oneof(
    fc.record({
      id: fc.constantFrom('A1', 'A2', 'A3'),
      effect: fc.constant('SHARE' as const),
      originator: fc.constantFrom(...agencyIds),
      with: fc.constantFrom(...names),
      tlp: fc.constantFrom<Tlp[]>(['AMBER'], ['AMBER_STRICT', 'RED'], ['RED'], ['AMBER', 'AMBER_STRICT']),
    }),
    fc
      .record({ id: fc.constantFrom('W1', 'W2'), effect: fc.constant('WITHHOLD' as const), originator: fc.constantFrom(...agencyIds), from: fc.constantFrom(...names) })
      .filter((a) => a.from !== a.originator),
    // Directory agreements (ADR 10), in force since long ago: the worlds' records are seizures, so a family list without SEIZURE
    // opens none of them; one with CASE opens an originator's cases to its parties, who may then be invited.
    fc.record({
      id: fc.constantFrom('0190a3b4-1c2d-7e8f-9a0b-00000000000d', '0190a3b4-1c2d-7e8f-9a0b-00000000000e'),
      effect: fc.constant('AGREEMENT' as const),
      originator: fc.constantFrom(...agencyIds),
      parties: fc.subarray(names, { minLength: 1, maxLength: 2 }),
      families: fc.constantFrom<RecordFamily[]>(['SEIZURE'], ['STOCKPILE_LOSS'], ['SEIZURE', 'TRACE'], ['CASE', 'SEIZURE']),
      tlpCeiling: fc.constantFrom<Tlp>('AMBER', 'AMBER_STRICT', 'RED'),
      includePersons: fc.boolean(),
      legalBasis: fc.constant('Generated protocol'),
      validFrom: fc.constant('2020-01-01T00:00:00Z'),
    }),
  );
  // A new pool each run (its seed is printed on failure; TB_POLICY_POOL_SEED replays it), with group agreements always in it.
  const groupShare = fc.record({
    id: fc.constant('A3'),
    effect: fc.constant('SHARE' as const),
    originator: fc.constantFrom(...agencyIds),
    with: fc.constantFrom(...GROUPS),
    tlp: fc.constant<Tlp[]>(['AMBER', 'AMBER_STRICT', 'RED']),
  });
  const groupWithhold = fc.record({ id: fc.constant('W2'), effect: fc.constant('WITHHOLD' as const), originator: fc.constantFrom(...agencyIds), from: fc.constantFrom(...GROUPS) });
  const seeded = (n: number, k: number) => ({ numRuns: n, seed: POOL_SEED + k });
  const pool = [...fc.sample(agreement, seeded(12, 0)), ...fc.sample(groupShare, seeded(2, 1)), ...fc.sample(groupWithhold, seeded(2, 2))];
  const record = fc.record({
    originator: fc.nat(),
    tlp: fc.constantFrom(...TLPS),
    releasableTo: fc.subarray(names, { maxLength: 3 }),
    code: fc.constantFrom('H0' as const, 'H1' as const, 'H2' as const),
    serials: fc.array(fc.nat({ max: SERIALS.length - 1 }), { maxLength: 2 }),
    template: fc.nat({ max: 19 }),
  });
  const agreements = fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 3, selector: (a) => a.id });
  return fc.record({
    agencies: fc.tuple(...agencyIds.map(agency)).filter((as) => as.filter((a) => a.present).length >= 2),
    agreements,
    records: fc.array(record, { maxLength: 6 }),
    cases: worldCasesOf(names, TLPS),
    later: fc.record({ agencies: fc.tuple(...agencyIds.map(agency)), agreements }),
  });
}
