import { createHash } from 'node:crypto';
import { SharingAgreement, type DirectoryAgreement, type RecordFamily, type Tlp } from '@tracebridge/contracts';
import type { Officer, TrustRegistry } from '@tracebridge/identity';
import {
  accessPolicyText,
  agreementsInForce,
  cedarSchema,
  createAccessPolicy,
  explainAccess,
  nextAgreementChange,
  type AccessExplanation,
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
   * Replace the operator file's agreements (SHARE, WITHHOLD): every one known.
   * The policy applies those in force at each question, with the directory's
   * (a new policy whenever that set changes); the index follows on its next use.
   */
  setAgreements(agreements: readonly SharingAgreement[]): void;
  /** Replace the directory's agreements (ADR 11) as projected from their originators' events, revoked and lapsed ones included. */
  setDirectoryAgreements(agreements: readonly DirectoryAgreement[]): void;
  /** Every agreement the policy knows (the file's and the directory's, revoked and lapsed ones too). */
  agreements(): readonly SharingAgreement[];
  /** The ids of an originator's directory agreements in force now that open person identities: its service decides with them. */
  personsAgreementIds(originator: string): string[];
  /** Why an agency can or cannot see a record, and which parts of it, in plain words (for the record's originator). */
  explain(row: PolicyColumns, agency: string): AccessExplanation | null;
}

export interface HubPolicyOptions {
  /** When agreements start and lapse is read from it. @default () => new Date() */
  clock?: () => Date;
}

/**
 * The agreements the policy knows — the operator file's and the
 * directory's, in force or not — and the policy of those in force now.
 */
class AgreementBook {
  private file: readonly SharingAgreement[];
  private directory: readonly SharingAgreement[] = [];
  known: readonly SharingAgreement[];
  /** The policy text of the agreements in force, as last computed. */
  text = '';
  private policy: AccessPolicy = createAccessPolicy();
  /** The instants between which the agreements in force stay as they are: until the next start or lapse (or the clock going back). */
  private steady = { from: Infinity, until: -Infinity };

  constructor(
    agreements: readonly SharingAgreement[],
    readonly clock: () => Date,
  ) {
    // Checked when given, in force or not: a bad agreement stops its loader, not a later read.
    this.file = agreements.map((a) => SharingAgreement.parse(a));
    this.known = this.file;
  }

  set(kind: 'file' | 'directory', agreements: readonly SharingAgreement[]): void {
    const parsed = agreements.map((a) => SharingAgreement.parse(a));
    if (kind === 'file') this.file = parsed;
    else this.directory = parsed;
    this.known = [...this.file, ...this.directory];
    this.steady = { from: Infinity, until: -Infinity };
    this.inForce();
  }

  /**
   * The policy of the agreements in force now. A start or lapse during a
   * recompute of the index leaves it computed from the newer policy under the
   * older fingerprint, which its next use finds stale and recomputes again.
   */
  inForce(): AccessPolicy {
    const now = this.clock();
    const t = now.getTime();
    if (t >= this.steady.from && t < this.steady.until) return this.policy;
    const agreementsNow = agreementsInForce(this.known, now);
    const text = accessPolicyText(agreementsNow);
    if (text !== this.text) {
      this.policy = createAccessPolicy({ agreements: agreementsNow });
      this.text = text;
    }
    const next = nextAgreementChange(this.known, now);
    this.steady = { from: t, until: next === undefined ? Infinity : Date.parse(next) };
    return this.policy;
  }
}

export function createHubPolicy(registry: () => TrustRegistry, agreements: readonly SharingAgreement[] = [], options: HubPolicyOptions = {}): HubPolicy {
  const book = new AgreementBook(agreements, options.clock ?? (() => new Date()));
  let cached = { text: '', registry: undefined as TrustRegistry | undefined, fingerprint: '' };
  const viewers = (): Viewer[] =>
    registry()
      .agencies()
      .map((a) => ({ agency: a.id, state: a.state, groups: a.groups }));
  const viewerOf = (o: Officer): Viewer => ({ agency: o.agency, state: o.state, groups: registry().agency(o.agency)?.groups ?? [] });
  const viewerNamed = (agency: string): Viewer | undefined => {
    const a = registry().agency(agency);
    return a ? { agency: a.id, state: a.state, groups: a.groups } : undefined;
  };
  return {
    registry,
    viewerOf,
    audience: (row) => {
      const record = recordOf(row);
      const p = book.inForce();
      return viewers().flatMap((v) => {
        const level = p.level(record, v);
        return level === 'NONE' ? [] : [{ agency: v.agency, level }];
      });
    },
    levelFor: (agency, record) => {
      const v = viewerNamed(agency);
      return v ? book.inForce().level(record, v) : 'NONE';
    },
    maySeePersonIdentities: (row, officer) => book.inForce().maySeePersonIdentities(recordOf(row), viewerOf(officer)),
    fingerprint: () => {
      book.inForce();
      const r = registry();
      if (r !== cached.registry || book.text !== cached.text) {
        const agencies = viewers()
          .map((v) => [v.agency, v.state, [...v.groups].sort()] as const)
          .sort((a, b) => a[0].localeCompare(b[0]));
        const text = JSON.stringify([INDEX_VERSION, cedarSchema, book.text, agencies]);
        cached = { text: book.text, registry: r, fingerprint: createHash('sha256').update(text).digest('base64url') };
      }
      return cached.fingerprint;
    },
    setAgreements: (next) => book.set('file', next),
    setDirectoryAgreements: (next) => book.set('directory', next),
    agreements: () => book.known,
    personsAgreementIds: (originator) =>
      agreementsInForce(book.known, book.clock()).flatMap((a) => (a.effect === 'AGREEMENT' && a.originator === originator && a.includePersons ? [a.id] : [])),
    explain: (row, agency) => {
      const v = viewerNamed(agency);
      return v ? explainAccess(recordOf(row), v, book.known, book.clock()) : null;
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
