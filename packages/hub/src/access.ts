import { createHash } from 'node:crypto';
import { SharingAgreement, type RecordFamily, type Tlp } from '@tracebridge/contracts';
import type { Officer, TrustRegistry } from '@tracebridge/identity';
import {
  accessPolicyText,
  agreementsInForce,
  cedarSchema,
  createAccessPolicy,
  nextAgreementChange,
  type AccessLevel,
  type AccessPolicy,
  type PolicyRecord,
  type Viewer,
} from '@tracebridge/policy';

/** The columns every projected record keeps for the access policy. */
export interface PolicyColumns {
  originator_agency: string;
  originator_state: string;
  tlp: string;
  releasable_to: string;
  /** Agencies holding a case share grant of the record (ADR 9). @default [] */
  grantees?: readonly string[];
  /** What kind of record the row is; none: a seizure (the seizures table). A stockpile loss's row says so. */
  family?: RecordFamily;
}

/** Bump when how the index is computed from the policy changes (levels, what is indexed): every hub recomputes once. */
const INDEX_VERSION = 3;

export const recordOf = (row: PolicyColumns): PolicyRecord => ({
  originator: { agency: row.originator_agency, state: row.originator_state },
  family: row.family ?? 'SEIZURE',
  handling: { tlp: row.tlp as Tlp, releasableTo: JSON.parse(row.releasable_to) as string[] },
  ...(row.grantees?.length ? { grantees: row.grantees } : {}),
});

/**
 * The access policy as the hub applies it: one Cedar policy (the defaults
 * and the originators' sharing agreements, packages/policy) over the
 * registry's agencies, states and groups. Every read path asks it, through
 * the visibility index it feeds (visibility.ts) or directly (person
 * identities); there is no second copy of the rules.
 */
export interface HubPolicy {
  /** The trust registry the policy reads agencies, states and groups from. */
  registry: () => TrustRegistry;
  viewerOf(officer: Officer): Viewer;
  /** Every agency of the registry that may know something of the record, and how much. */
  audience(row: PolicyColumns): { agency: string; level: Exclude<AccessLevel, 'NONE'> }[];
  /** What one agency of the registry may know of a record (NONE for an agency the registry does not list). */
  levelFor(agency: string, record: PolicyRecord): AccessLevel;
  maySeePersonIdentities(row: PolicyColumns, officer: Officer): boolean;
  /**
   * Changes whenever a decision could: the policy text Cedar parses (the
   * defaults and the agreements), the schema, how the index is computed, and
   * the registry's agencies, states and groups (not its keys or its signature
   * time). The agreements are those in force at the time asked (the clock):
   * one that starts or lapses changes it with no event arriving. The
   * visibility index is recomputed when it changes.
   */
  fingerprint(): string;
  /**
   * Replace the sharing agreements: every one known, in force or not (the
   * file's, and the directory's with their validity and revocations). The
   * policy applies those in force at each question (a new policy whenever that
   * set changes); the index follows on its next use.
   */
  setAgreements(agreements: readonly SharingAgreement[]): void;
}

export interface HubPolicyOptions {
  /** When agreements start and lapse is read from it. @default () => new Date() */
  clock?: () => Date;
}

export function createHubPolicy(registry: () => TrustRegistry, agreements: readonly SharingAgreement[] = [], options: HubPolicyOptions = {}): HubPolicy {
  const clock = options.clock ?? (() => new Date());
  // Checked when given, in force or not: a bad agreement stops its loader, not a later read.
  let known: readonly SharingAgreement[] = agreements.map((a) => SharingAgreement.parse(a));
  let policy: AccessPolicy = createAccessPolicy();
  let current = { text: '', registry: undefined as TrustRegistry | undefined, fingerprint: '' };
  /** The instants between which the agreements in force stay as they are: until the next start or lapse (or the clock going back). */
  let steady = { from: Infinity, until: -Infinity };
  /**
   * The policy of the agreements in force now. A start or lapse during a
   * recompute of the index leaves it computed from the newer policy under the
   * older fingerprint, which its next use finds stale and recomputes again.
   */
  const inForce = (): AccessPolicy => {
    const now = clock();
    const t = now.getTime();
    if (t >= steady.from && t < steady.until) return policy;
    const agreementsNow = agreementsInForce(known, now);
    const text = accessPolicyText(agreementsNow);
    if (text !== current.text) {
      policy = createAccessPolicy({ agreements: agreementsNow });
      current = { text, registry: undefined, fingerprint: '' };
    }
    const next = nextAgreementChange(known, now);
    steady = { from: t, until: next === undefined ? Infinity : Date.parse(next) };
    return policy;
  };
  const viewers = (): Viewer[] =>
    registry()
      .agencies()
      .map((a) => ({ agency: a.id, state: a.state, groups: a.groups }));
  const viewerOf = (o: Officer): Viewer => ({ agency: o.agency, state: o.state, groups: registry().agency(o.agency)?.groups ?? [] });
  return {
    registry,
    viewerOf,
    audience: (row) => {
      const record = recordOf(row);
      const p = inForce();
      return viewers().flatMap((v) => {
        const level = p.level(record, v);
        return level === 'NONE' ? [] : [{ agency: v.agency, level }];
      });
    },
    levelFor: (agency, record) => {
      const a = registry().agency(agency);
      return a ? inForce().level(record, { agency: a.id, state: a.state, groups: a.groups }) : 'NONE';
    },
    maySeePersonIdentities: (row, officer) => inForce().maySeePersonIdentities(recordOf(row), viewerOf(officer)),
    fingerprint: () => {
      inForce();
      const r = registry();
      if (r !== current.registry) {
        const agencies = viewers()
          .map((v) => [v.agency, v.state, [...v.groups].sort()] as const)
          .sort((a, b) => a[0].localeCompare(b[0]));
        const text = JSON.stringify([INDEX_VERSION, cedarSchema, current.text, agencies]);
        current = { ...current, registry: r, fingerprint: createHash('sha256').update(text).digest('base64url') };
      }
      return current.fingerprint;
    },
    setAgreements: (next) => {
      known = next.map((a) => SharingAgreement.parse(a));
      steady = { from: Infinity, until: -Infinity };
      inForce();
    },
  };
}

/** How the hub presents agencies (from the registry): who holds a record, who read it. */
export function createAgencyDirectory(registry: () => TrustRegistry) {
  const agencyDto = (id: string) => {
    const a = registry().agency(id);
    return { id, country: a?.state ?? '', kind: a?.kind ?? '', name: a?.name ?? id };
  };
  return {
    agencyDto,
    holderDto: (id: string) => {
      const a = agencyDto(id);
      return { id: a.id, country: a.country, kind: a.kind };
    },
  };
}
export type AgencyDirectory = ReturnType<typeof createAgencyDirectory>;
