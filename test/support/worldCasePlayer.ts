import { randomUUID } from 'node:crypto';
import { RejectedEvent } from '@tracebridge/bus';
import { createUnsignedEnvelope, decodeEvent, type NewEventInput } from '@tracebridge/contracts';
import type { LiaisonProjection } from '@tracebridge/hub';
import { signEvent, type AgencyKeys } from '@tracebridge/identity';
import {
  activeIn,
  attachable,
  claimedStatus,
  evolve,
  mayAttach,
  refusal,
  type CaseAct,
  type CaseScript,
  type RefAttachment,
  type RefWorld,
  type StrayAct,
  type WorldCases,
} from './worldCases';

/** When the worlds' case acts happen: nothing in the case rules or the policy reads it. */
const ACTED_AT = '2026-11-20T09:30:00Z';

/** The data of a case act's event. */
function eventDataOf(ref: RefWorld, act: CaseAct): NewEventInput<CaseAct['type']>['data'] {
  const { caseId } = act;
  switch (act.type) {
    case 'CaseOpened':
      return { caseId, title: 'Generated case', summary: 'A case of a generated world' };
    case 'CaseInvitationSent':
      return { caseId, agency: act.agency };
    case 'CaseInvitationAnswered':
      return { caseId, accept: act.accept };
    case 'CaseLeft':
      return { caseId };
    case 'RecordAttachedToCase': {
      const r = ref.records[act.record]!;
      return { caseId, attachmentId: act.attachmentId, record: { id: r.id, family: 'SEIZURE', holder: r.originator.agency }, status: act.status };
    }
    case 'CaseShareDecided':
      return { caseId, attachmentId: act.attachmentId, grant: act.grant };
    case 'CaseShareWithdrawn':
      return { caseId, attachmentId: act.attachmentId };
  }
}

/** A stray act as the world stands: any present agency, on any of its cases or one never opened, at any target. */
function strayAct(ref: RefWorld, s: StrayAct, present: string[]): CaseAct {
  const by = present[s.by % present.length]!;
  const cases = [...ref.cases.values()];
  const c = cases[s.case % (cases.length + 1)];
  const caseId = c?.id ?? randomUUID();
  const attachments = c?.attachments ?? [];
  const attachmentId = attachments.length > 0 ? attachments[s.target % attachments.length]!.id : randomUUID();
  switch (s.kind) {
    case 'invite':
      return { type: 'CaseInvitationSent', by, caseId, agency: present[s.target % present.length]! };
    case 'answer':
      return { type: 'CaseInvitationAnswered', by, caseId, accept: s.flag };
    case 'attach':
      if (ref.records.length > 0) {
        return { type: 'RecordAttachedToCase', by, caseId, attachmentId: randomUUID(), record: s.target % ref.records.length, status: s.flag ? 'SHARED' : 'AWAITING_CONSENT' };
      }
      return { type: 'CaseLeft', by, caseId };
    case 'leave':
      return { type: 'CaseLeft', by, caseId };
    case 'decide':
      return { type: 'CaseShareDecided', by, caseId, attachmentId, grant: s.flag };
    case 'withdraw':
      return { type: 'CaseShareWithdrawn', by, caseId, attachmentId };
  }
}

/**
 * Plays the case acts of generated worlds against the hub: each act signed
 * with its agency's key and given to the hub's projection the way the
 * worlds' seizures arrive (`inbox.applyOnce` around `apply`), judged first by
 * the reference rules (worldCases.ts), which then follow what was accepted.
 */
export function createCasePlayer(hub: { projection: () => LiaisonProjection; eventKeyOf: (agency: string) => AgencyKeys['eventKey'] }) {
  /** What was played, over the run: printed at its end, so a generator that stopped producing cases shows. */
  const tally = { worldsWithCases: 0, acts: 0, refused: 0, withdrawals: 0, leaves: 0 };

  /**
   * The hub must accept exactly the acts the reference rules accept, and leave no trace of one it refuses (a
   * RejectedEvent; the case as it was, the event not applied). Returns whether the act was accepted.
   */
  async function play(ref: RefWorld, act: CaseAct): Promise<boolean> {
    const projection = hub.projection();
    const by = ref.viewers.get(act.by)!;
    const handling = act.type === 'CaseOpened' ? act.handling : (ref.cases.get(act.caseId)?.handling ?? { tlp: 'RED' as const, releasableTo: [] });
    const envelope = { type: act.type, streamId: `case-${act.caseId}`, originator: { agency: by.agency, state: by.state }, handling, occurredAt: ACTED_AT, recordedAt: ACTED_AT };
    const event = decodeEvent(await signEvent(createUnsignedEnvelope({ ...envelope, data: eventDataOf(ref, act) }), hub.eventKeyOf(act.by)));
    const apply = () => projection.inbox.applyOnce(event.id, () => projection.apply(event));
    const refused = refusal(ref, act);
    const what = `${act.type} by ${act.by} (${JSON.stringify(act)})`;
    if (refused === undefined) {
      try {
        apply();
      } catch (err) {
        throw new Error(`the hub refused ${what}, which the case rules accept: ${(err as Error).message}`, { cause: err });
      }
      evolve(ref, act);
      tally.acts += 1;
      return true;
    }
    const before = JSON.stringify(projection.cases.state(act.caseId));
    let error: unknown;
    try {
      apply();
    } catch (err) {
      error = err;
    }
    if (!(error instanceof RejectedEvent)) throw new Error(`the hub ${error ? 'failed on' : 'accepted'} ${what}, which the case rules refuse: ${refused}`, { cause: error });
    if (projection.hasApplied(event.id) || JSON.stringify(projection.cases.state(act.caseId)) !== before) throw new Error(`the hub refused ${what} but kept a trace of it`);
    tally.refused += 1;
    return false;
  }

  /**
   * Play a world's case scripts: each case opened, its invitations sent to agencies not in it yet and answered (some
   * before the records are attached, some after, when a grant must reach the newcomer), records attached by active
   * participants who may see them and share requests decided by their holders; then the stray acts.
   */
  async function playCases(cases: WorldCases, ref: RefWorld): Promise<void> {
    if (cases.scripts.length === 0) return;
    const present = [...ref.viewers.keys()];
    for (const script of cases.scripts) {
      const caseId = randomUUID();
      const opener = present[script.opener % present.length]!;
      await play(ref, { type: 'CaseOpened', by: opener, caseId, handling: script.handling });
      const c = ref.cases.get(caseId)!;
      const invited: { agency: string; invitee: CaseScript['invitees'][number] }[] = [];
      for (const invitee of script.invitees) {
        const outside = present.filter((a) => !c.participants.has(a));
        if (outside.length === 0) break;
        const agency = outside[invitee.agency % outside.length]!;
        if (await play(ref, { type: 'CaseInvitationSent', by: opener, caseId, agency })) invited.push({ agency, invitee });
      }
      const answer = async (when: 'EARLY' | 'LATE') => {
        for (const { agency, invitee } of invited.filter((i) => i.invitee.when === when && i.invitee.answer !== 'NONE')) {
          await play(ref, { type: 'CaseInvitationAnswered', by: agency, caseId, accept: invitee.answer === 'ACCEPT' });
        }
      };
      await answer('EARLY');
      for (const a of script.attachments) {
        const records = attachable(ref, c, a.narrow);
        if (records.length === 0) break;
        const record = records[a.record % records.length]!;
        const attachers = mayAttach(ref, c, record);
        const by = attachers[a.by % attachers.length]!;
        const attachmentId = randomUUID();
        if (!(await play(ref, { type: 'RecordAttachedToCase', by, caseId, attachmentId, record, status: claimedStatus(ref, c, by, record, a.claim) }))) continue;
        const attached = c.attachments.find((x) => x.id === attachmentId)!;
        if (attached.status === 'AWAITING_CONSENT' && a.decision !== 'NONE') {
          await play(ref, { type: 'CaseShareDecided', by: attached.holder, caseId, attachmentId, grant: a.decision === 'GRANT' });
        }
      }
      await answer('LATE');
    }
    for (const s of cases.stray) await play(ref, strayAct(ref, s, present));
    if (ref.cases.size > 0) tally.worldsWithCases += 1;
  }

  /**
   * In the middle of the run: a holder withdraws a consented share (any shared attachment if none is), and an active
   * participant other than the opener leaves, one of a case still sharing with consent if there is one.
   */
  async function playMidRun(cases: WorldCases, ref: RefWorld): Promise<void> {
    const open = [...ref.cases.values()];
    const consented = (a: RefAttachment) => a.status === 'SHARED' && (a.by === a.holder || a.requested);
    const shared = open.flatMap((c) => c.attachments.filter((a) => a.status === 'SHARED').map((a) => ({ c, a })));
    const withdrawable = shared.some(({ a }) => consented(a)) ? shared.filter(({ a }) => consented(a)) : shared;
    if (withdrawable.length > 0) {
      const { c, a } = withdrawable[cases.later.withdraw % withdrawable.length]!;
      if (await play(ref, { type: 'CaseShareWithdrawn', by: a.holder, caseId: c.id, attachmentId: a.id })) tally.withdrawals += 1;
    }
    const members = (cs: typeof open) => cs.flatMap((c) => activeIn(c).flatMap((agency) => (agency === c.opener.agency ? [] : [{ c, agency }])));
    const granting = members(open.filter((c) => c.attachments.some(consented)));
    const leavers = granting.length > 0 ? granting : members(open);
    if (leavers.length > 0) {
      const { c, agency } = leavers[cases.later.leave % leavers.length]!;
      if (await play(ref, { type: 'CaseLeft', by: agency, caseId: c.id })) tally.leaves += 1;
    }
  }

  return { tally, playCases, playMidRun };
}
