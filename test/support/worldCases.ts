import type { AttachmentStatus, SharingAgreement, Tlp } from '@tracebridge/contracts';
import { mayView, type PolicyRecord, type Viewer } from '@tracebridge/policy';
import fc from 'fast-check';

/**
 * The cross-border cases of a generated world (ADR 9), as the policy-worlds
 * test plays them: scripts of case acts, the case rules written out again as
 * plain code (which acts the hub must accept), and who a record's case share
 * grants reach — derived here from the acts alone, never from the hub's
 * tables, so the hub's `record_grants` and visibility index are checked
 * against an independent answer.
 */

type HandlingOfCase = { tlp: Tlp; releasableTo: string[] };

/** One case of a world: indices are resolved against the world as it stands when each act is played (modulo its lists). */
export interface CaseScript {
  /** Opens it: a present agency. */
  opener: number;
  /** The case's own handling: it limits who may be invited. */
  handling: HandlingOfCase;
  /**
   * Invited by the opener (an agency not in the case yet); each answers before the records are attached (EARLY), after
   * them (LATE: a grant must then reach it), or never.
   */
  invitees: { agency: number; answer: 'ACCEPT' | 'DECLINE' | 'NONE'; when: 'EARLY' | 'LATE' }[];
  /**
   * Records attached by an active participant who may see them (refused attachments are the stray acts' business), mostly
   * (`narrow`) one that some participant may not see, where a grant widens. `claim`: RULE is the status the rules give;
   * ASK asks the holder's consent where sharing at once would do (allowed: claiming less); MORE claims SHARED whatever
   * the rules give (refused where consent is due). An attachment awaiting consent is then granted, refused or left
   * pending by the record's holder.
   */
  attachments: { record: number; narrow: boolean; by: number; claim: 'RULE' | 'ASK' | 'MORE'; decision: 'GRANT' | 'REFUSE' | 'NONE' }[];
}

/** An act by any present agency on any case of the world (or one never opened), mostly refused by the rules (a partner acting out of turn). */
export interface StrayAct {
  kind: 'invite' | 'answer' | 'leave' | 'attach' | 'decide' | 'withdraw';
  by: number;
  case: number;
  target: number;
  flag: boolean;
}

/** The cases of a world, and what happens to them in the middle of the run: a holder withdraws a grant, a participant leaves. */
export interface WorldCases {
  scripts: CaseScript[];
  stray: StrayAct[];
  /**
   * `beforeNewPolicy`: the withdrawal and the leaving happen before the directory and the agreements change (the index is
   * then recomputed with the grants as they are left), else after the recompute (each reindexes only the records it touches).
   */
  later: { withdraw: number; leave: number; beforeNewPolicy: boolean };
}

export function worldCasesOf(names: readonly string[], tlps: readonly Tlp[]): fc.Arbitrary<WorldCases> {
  const script: fc.Arbitrary<CaseScript> = fc.record({
    opener: fc.nat(),
    // Mostly a handling that lets some agencies be invited; RED and AMBER+STRICT cases invite only whom they release to.
    handling: fc.record({
      tlp: fc.oneof(
        { arbitrary: fc.constantFrom(...tlps.filter((t) => t === 'CLEAR' || t === 'GREEN')), weight: 3 },
        { arbitrary: fc.constant<Tlp>('AMBER'), weight: 1 },
        { arbitrary: fc.constantFrom(...tlps), weight: 1 },
      ),
      releasableTo: fc.subarray([...names], { maxLength: 2 }),
    }),
    invitees: fc.array(
      fc.record({
        agency: fc.nat(),
        answer: fc.oneof({ arbitrary: fc.constant('ACCEPT' as const), weight: 4 }, { arbitrary: fc.constantFrom('DECLINE' as const, 'NONE' as const), weight: 2 }),
        when: fc.constantFrom('EARLY' as const, 'LATE' as const),
      }),
      { minLength: 1, maxLength: 3, size: 'max' },
    ),
    attachments: fc.array(
      fc.record({
        record: fc.nat(),
        narrow: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
        by: fc.nat(),
        claim: fc.oneof(
          { arbitrary: fc.constant('RULE' as const), weight: 6 },
          { arbitrary: fc.constant('ASK' as const), weight: 2 },
          { arbitrary: fc.constant('MORE' as const), weight: 1 },
        ),
        decision: fc.oneof(
          { arbitrary: fc.constant('GRANT' as const), weight: 4 },
          { arbitrary: fc.constant('REFUSE' as const), weight: 1 },
          { arbitrary: fc.constant('NONE' as const), weight: 1 },
        ),
      }),
      { minLength: 1, maxLength: 3, size: 'max' },
    ),
  });
  const stray: fc.Arbitrary<StrayAct> = fc.record({
    kind: fc.constantFrom('invite' as const, 'answer' as const, 'leave' as const, 'attach' as const, 'decide' as const, 'withdraw' as const),
    by: fc.nat(),
    case: fc.nat(),
    target: fc.nat(),
    flag: fc.boolean(),
  });
  // Half the worlds have cases: their acts and grants make such a world cost about a fifth more, so the run stays within
  // its time; the others check the policy without any grant.
  return fc.record({
    scripts: fc.oneof({ arbitrary: fc.constant<CaseScript[]>([]), weight: 1 }, { arbitrary: fc.array(script, { minLength: 1, maxLength: 2 }), weight: 1 }),
    stray: fc.array(stray, { maxLength: 2 }),
    later: fc.record({ withdraw: fc.nat(), leave: fc.nat(), beforeNewPolicy: fc.boolean() }),
  });
}

type ParticipantStatus = 'INVITED' | 'ACTIVE' | 'DECLINED' | 'LEFT';

export interface RefRecord {
  id: string;
  originator: { agency: string; state: string };
  tlp: Tlp;
  releasableTo: string[];
  /** Its handling code: H2 always asks its holder before a case shows it. */
  code: string;
}

export interface RefAttachment {
  id: string;
  /** The record's index in the world. */
  record: number;
  holder: string;
  by: string;
  /** Attached as a share request (AWAITING_CONSENT): a later grant is its holder's consent. */
  requested: boolean;
  status: AttachmentStatus;
}

export interface RefCase {
  id: string;
  opener: { agency: string; state: string };
  handling: HandlingOfCase;
  participants: Map<string, ParticipantStatus>;
  attachments: RefAttachment[];
}

/** A world's cases as the reference follows them, with the policy they are decided under. */
export interface RefWorld {
  /** The present agencies as the registry lists them now. */
  viewers: Map<string, Viewer>;
  agreements: readonly SharingAgreement[];
  records: RefRecord[];
  cases: Map<string, RefCase>;
}

export type CaseAct =
  | { type: 'CaseOpened'; by: string; caseId: string; handling: HandlingOfCase }
  | { type: 'CaseInvitationSent'; by: string; caseId: string; agency: string }
  | { type: 'CaseInvitationAnswered'; by: string; caseId: string; accept: boolean }
  | { type: 'CaseLeft'; by: string; caseId: string }
  | { type: 'RecordAttachedToCase'; by: string; caseId: string; attachmentId: string; record: number; status: 'SHARED' | 'AWAITING_CONSENT' }
  | { type: 'CaseShareDecided'; by: string; caseId: string; attachmentId: string; grant: boolean }
  | { type: 'CaseShareWithdrawn'; by: string; caseId: string; attachmentId: string };

/**
 * The agencies a record's case share grants reach: the active participants
 * of every case in which the record is shared with its holder's consent —
 * attached by its holder, or asked for and granted — and not withdrawn.
 */
export function granteesOf(ref: Pick<RefWorld, 'cases'>, record: number): string[] {
  const grantees = new Set<string>();
  for (const c of ref.cases.values()) {
    if (!c.attachments.some((a) => a.record === record && a.status === 'SHARED' && (a.by === a.holder || a.requested))) continue;
    for (const [agency, status] of c.participants) if (status === 'ACTIVE') grantees.add(agency);
  }
  return [...grantees].sort();
}

/** The record as the policy reads it, with its grants. */
export const policyRecordOf = (ref: Pick<RefWorld, 'records' | 'cases'>, i: number): PolicyRecord => {
  const r = ref.records[i]!;
  return { originator: r.originator, family: 'SEIZURE', handling: { tlp: r.tlp, releasableTo: r.releasableTo }, grantees: granteesOf(ref, i) };
};

const sees = (ref: RefWorld, agency: string, record: PolicyRecord): boolean => {
  const viewer = ref.viewers.get(agency);
  return viewer !== undefined && mayView(record, viewer, ref.agreements);
};

/** The status the rules give an attachment: the holder's own is shared; H2 always asks; else shared only if every active participant may see it already. */
function statusDue(ref: RefWorld, c: RefCase, by: string, i: number): 'SHARED' | 'AWAITING_CONSENT' {
  const r = ref.records[i]!;
  if (by === r.originator.agency) return 'SHARED';
  if (r.code === 'H2') return 'AWAITING_CONSENT';
  const record = policyRecordOf(ref, i);
  return [...c.participants].every(([agency, s]) => s !== 'ACTIVE' || sees(ref, agency, record)) ? 'SHARED' : 'AWAITING_CONSENT';
}

/** Why the case rules refuse the act, or undefined when they accept it. */
export function refusal(ref: RefWorld, act: CaseAct): string | undefined {
  const c = ref.cases.get(act.caseId);
  if (act.type === 'CaseOpened') return c ? 'the case is open already' : undefined;
  if (!c) return 'no such case';
  const status = c.participants.get(act.by);
  switch (act.type) {
    case 'CaseInvitationSent': {
      if (act.by !== c.opener.agency) return 'only the opener invites';
      const now = c.participants.get(act.agency);
      if (now === 'ACTIVE' || now === 'INVITED') return `${act.agency} is ${now} already`;
      const caseRecord: PolicyRecord = { originator: c.opener, family: 'CASE', handling: c.handling };
      return sees(ref, act.agency, caseRecord) ? undefined : `the case's handling does not let ${act.agency} see it`;
    }
    case 'CaseInvitationAnswered':
      return status === 'INVITED' ? undefined : 'no open invitation';
    case 'CaseLeft':
      if (status !== 'ACTIVE') return 'not an active participant';
      return act.by === c.opener.agency ? 'the opener cannot leave' : undefined;
    case 'RecordAttachedToCase': {
      if (status !== 'ACTIVE') return 'not an active participant';
      if (!sees(ref, act.by, policyRecordOf(ref, act.record))) return 'the attacher may not see the record';
      if (c.attachments.some((a) => a.record === act.record && (a.status === 'SHARED' || a.status === 'AWAITING_CONSENT'))) return 'the record is attached already';
      return act.status === 'SHARED' && statusDue(ref, c, act.by, act.record) !== 'SHARED' ? 'claims SHARED where the holder’s consent is due' : undefined;
    }
    case 'CaseShareDecided':
    case 'CaseShareWithdrawn': {
      const a = c.attachments.find((x) => x.id === act.attachmentId);
      if (!a) return 'no such attachment';
      if (a.holder !== act.by) return 'only the holder decides';
      const pending = act.type === 'CaseShareDecided' ? 'AWAITING_CONSENT' : 'SHARED';
      return a.status === pending ? undefined : `the attachment is ${a.status}`;
    }
  }
}

/** The reference follows an accepted act. */
export function evolve(ref: RefWorld, act: CaseAct): void {
  if (act.type === 'CaseOpened') {
    const opener = ref.viewers.get(act.by)!;
    ref.cases.set(act.caseId, {
      id: act.caseId,
      opener: { agency: opener.agency, state: opener.state },
      handling: act.handling,
      participants: new Map([[act.by, 'ACTIVE']]),
      attachments: [],
    });
    return;
  }
  const c = ref.cases.get(act.caseId)!;
  switch (act.type) {
    case 'CaseInvitationSent':
      c.participants.set(act.agency, 'INVITED');
      break;
    case 'CaseInvitationAnswered':
      c.participants.set(act.by, act.accept ? 'ACTIVE' : 'DECLINED');
      break;
    case 'CaseLeft':
      c.participants.set(act.by, 'LEFT');
      break;
    case 'RecordAttachedToCase': {
      const holder = ref.records[act.record]!.originator.agency;
      c.attachments.push({ id: act.attachmentId, record: act.record, holder, by: act.by, requested: act.status === 'AWAITING_CONSENT', status: act.status });
      break;
    }
    case 'CaseShareDecided':
      c.attachments.find((a) => a.id === act.attachmentId)!.status = act.grant ? 'SHARED' : 'REFUSED';
      break;
    case 'CaseShareWithdrawn':
      c.attachments.find((a) => a.id === act.attachmentId)!.status = 'WITHDRAWN';
      break;
  }
}

/** The status an attacher claims under a script's `claim`. */
export function claimedStatus(ref: RefWorld, c: RefCase, by: string, record: number, claim: CaseScript['attachments'][number]['claim']): 'SHARED' | 'AWAITING_CONSENT' {
  if (claim === 'ASK') return 'AWAITING_CONSENT';
  if (claim === 'MORE') return 'SHARED';
  return statusDue(ref, c, by, record);
}

/** The active participants of a case, the opener first. */
export const activeIn = (c: RefCase): string[] => [...c.participants].filter(([, s]) => s === 'ACTIVE').map(([agency]) => agency);

/** The active participants who may see the record now, with its grants. */
export function mayAttach(ref: RefWorld, c: RefCase, record: number): string[] {
  const policyRecord = policyRecordOf(ref, record);
  return activeIn(c).filter((agency) => sees(ref, agency, policyRecord));
}

/**
 * The records a script may attach to the case: not in it already (shared or asked for), and some active participant
 * may see them; `narrow`: of those, the ones an active or invited participant may not see without a grant, if any.
 */
export function attachable(ref: RefWorld, c: RefCase, narrow: boolean): number[] {
  const free = ref.records
    .map((_, i) => i)
    .filter((i) => !c.attachments.some((a) => a.record === i && (a.status === 'SHARED' || a.status === 'AWAITING_CONSENT')) && mayAttach(ref, c, i).length > 0);
  const unseen = (i: number) => [...c.participants].some(([agency, s]) => (s === 'ACTIVE' || s === 'INVITED') && !sees(ref, agency, { ...policyRecordOf(ref, i), grantees: [] }));
  const narrowed = narrow ? free.filter(unseen) : [];
  return narrowed.length > 0 ? narrowed : free;
}
