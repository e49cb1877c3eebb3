import { createHash } from 'node:crypto';
import type { SharingAgreement, Tlp } from '@tracebridge/contracts';
import type { Officer, TrustRegistry } from '@tracebridge/identity';
import { accessPolicyText, cedarSchema, createAccessPolicy, type AccessLevel, type AccessPolicy, type PolicyRecord, type Viewer } from '@tracebridge/policy';

/** The columns every projected record keeps for the access policy. */
export interface PolicyColumns {
  originator_agency: string;
  originator_state: string;
  tlp: string;
  releasable_to: string;
  /** Agencies holding a case share grant of the record (ADR 9). @default [] */
  grantees?: readonly string[];
}

/** Bump when how the index is computed from the policy changes (levels, what is indexed): every hub recomputes once. */
const INDEX_VERSION = 2;

export const recordOf = (row: PolicyColumns): PolicyRecord => ({
  originator: { agency: row.originator_agency, state: row.originator_state },
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
   * time). The visibility index is recomputed when it changes.
   */
  fingerprint(): string;
  /** Replace the sharing agreements in force (a new policy; the index follows on its next use). */
  setAgreements(agreements: readonly SharingAgreement[]): void;
}

export function createHubPolicy(registry: () => TrustRegistry, agreements: readonly SharingAgreement[] = []): HubPolicy {
  let policy: AccessPolicy = createAccessPolicy({ agreements });
  let current = { text: accessPolicyText(agreements), registry: undefined as TrustRegistry | undefined, fingerprint: '' };
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
      return viewers().flatMap((v) => {
        const level = policy.level(record, v);
        return level === 'NONE' ? [] : [{ agency: v.agency, level }];
      });
    },
    levelFor: (agency, record) => {
      const a = registry().agency(agency);
      return a ? policy.level(record, { agency: a.id, state: a.state, groups: a.groups }) : 'NONE';
    },
    maySeePersonIdentities: (row, officer) => policy.maySeePersonIdentities(recordOf(row), viewerOf(officer)),
    fingerprint: () => {
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
      policy = createAccessPolicy({ agreements: next });
      current = { text: accessPolicyText(next), registry: undefined, fingerprint: '' };
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
