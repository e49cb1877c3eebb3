import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentStatus, caseDecider, checkCaseEvent, type CaseCommand, type CaseEvent } from './case';
import { replay } from './decider';
import { deciderSpec } from './deciderSpecification';

const caseId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5b01';
const attachmentId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5b02';
const noteId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5b03';
const now = '2026-11-28T10:00:00.000Z';
const LIAISON = { agency: 'WA-LIAISON', state: 'GH' };
const GH = { agency: 'GH-CUSTOMS', state: 'GH' };
const TG = { agency: 'TG-POLICE', state: 'TG' };
const BF = { agency: 'BF-BORDER', state: 'BF' };
const amber = { tlp: 'AMBER' as const, releasableTo: ['TG-POLICE', 'GH-CUSTOMS'] };

const as = <T extends CaseCommand['type']>(actor: { agency: string; state: string }, type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
  ({ type, data, metadata: { now, actor } }) as Extract<CaseCommand, { type: T }>;
const event = <T extends CaseEvent['type']>(by: { agency: string; state: string }, type: T, data: Extract<CaseEvent, { type: T }>['data'], handling: object = amber): CaseEvent =>
  ({ type, data, occurredAt: now, handling, originator: by }) as CaseEvent;

const title = 'Tema – Lomé pistols';
const summary = 'Glock pistols seized on both sides of the border';
const opened = event(LIAISON, 'CaseOpened', { caseId, title, summary });
const invited = (who: { agency: string }) => event(LIAISON, 'CaseInvitationSent', { caseId, agency: who.agency });
const accepted = (who: { agency: string; state: string }) => event(who, 'CaseInvitationAnswered', { caseId, accept: true });
const record = { id: 'seizure-1', family: 'SEIZURE' as const, holder: 'GH-CUSTOMS', handlingCode: 'H0' };
const attach = (by: { agency: string; state: string }, facts: { everyParticipantMaySee: boolean; attacherMaySee?: boolean }, r = record) =>
  as(by, 'AttachToCase', { caseId, attachmentId, record: r, attacherMaySee: facts.attacherMaySee ?? true, everyParticipantMaySee: facts.everyParticipantMaySee });
const attached = (by: { agency: string; state: string }, status: 'SHARED' | 'AWAITING_CONSENT') =>
  event(by, 'RecordAttachedToCase', { caseId, attachmentId, record: { id: record.id, family: record.family, holder: record.holder }, status });

const spec = deciderSpec(caseDecider);

describe('a cross-border case (decider)', () => {
  it('is opened once, by the acting agency, with its own handling', () => {
    spec
      .given([])
      .when(as(LIAISON, 'OpenCase', { caseId, title, summary, handling: amber }))
      .then([opened]);
    spec
      .given([opened])
      .when(as(GH, 'OpenCase', { caseId, title: 'again', summary: 'again', handling: amber }))
      .thenRefuses({ code: 'TB_ERR_CASE_ALREADY_OPEN', path: ['caseId'] });
  });

  it('is joined by invitation of its opener, within what the case’s handling allows', () => {
    spec
      .given([opened])
      .when(as(LIAISON, 'InviteToCase', { caseId, agency: 'TG-POLICE', inviteeMaySeeCase: true }))
      .then([invited(TG)]);
    spec
      .given([opened])
      .when(as(GH, 'InviteToCase', { caseId, agency: 'TG-POLICE', inviteeMaySeeCase: true }))
      .thenRefuses({ code: 'TB_ERR_NOT_CASE_OPENER' });
    spec
      .given([opened])
      .when(as(LIAISON, 'InviteToCase', { caseId, agency: 'BF-BORDER', inviteeMaySeeCase: false }))
      .thenRefuses({ code: 'TB_ERR_CASE_HANDLING_EXCLUDES', path: ['agencyId'] });
    spec
      .given([opened, invited(TG)])
      .when(as(LIAISON, 'InviteToCase', { caseId, agency: 'TG-POLICE', inviteeMaySeeCase: true }))
      .thenRefuses({ code: 'TB_ERR_ALREADY_IN_CASE' });
    spec
      .given([])
      .when(as(LIAISON, 'InviteToCase', { caseId, agency: 'TG-POLICE', inviteeMaySeeCase: true }))
      .thenRefuses({ code: 'TB_ERR_CASE_NOT_FOUND' });
  });

  it('takes an answer only from an invited agency, and lets a participant other than the opener leave', () => {
    spec
      .given([opened, invited(TG)])
      .when(as(TG, 'RespondToCaseInvitation', { caseId, accept: true }))
      .then([accepted(TG)]);
    spec
      .given([opened, invited(TG)])
      .when(as(TG, 'RespondToCaseInvitation', { caseId, accept: false }))
      .then([event(TG, 'CaseInvitationAnswered', { caseId, accept: false })]);
    spec
      .given([opened, invited(TG)])
      .when(as(BF, 'RespondToCaseInvitation', { caseId, accept: true }))
      .thenRefuses({ code: 'TB_ERR_NOT_INVITED' });
    spec
      .given([opened, invited(TG), accepted(TG)])
      .when(as(TG, 'RespondToCaseInvitation', { caseId, accept: true }))
      .thenRefuses({ code: 'TB_ERR_NOT_INVITED' });
    spec
      .given([opened, invited(TG), accepted(TG)])
      .when(as(TG, 'LeaveCase', { caseId }))
      .then([event(TG, 'CaseLeft', { caseId })]);
    spec
      .given([opened])
      .when(as(LIAISON, 'LeaveCase', { caseId }))
      .thenRefuses({ code: 'TB_ERR_OPENER_CANNOT_LEAVE' });
    spec
      .given([opened, invited(TG)])
      .when(as(TG, 'LeaveCase', { caseId }))
      .thenRefuses({ code: 'TB_ERR_NOT_CASE_PARTICIPANT' });
  });

  it('never widens access by attaching: the holder’s own attach is consent, anything else some participant may not see awaits consent', () => {
    const members = [opened, invited(GH), accepted(GH), invited(TG), accepted(TG)];
    spec
      .given(members)
      .when(attach(GH, { everyParticipantMaySee: false }))
      .then([attached(GH, 'SHARED')]);
    spec
      .given(members)
      .when(attach(TG, { everyParticipantMaySee: false }))
      .then([attached(TG, 'AWAITING_CONSENT')]);
    spec
      .given(members)
      .when(attach(TG, { everyParticipantMaySee: true }))
      .then([attached(TG, 'SHARED')]);
    // H2: no further dissemination without permission, even where everyone could see it
    spec
      .given(members)
      .when(attach(TG, { everyParticipantMaySee: true }, { ...record, handlingCode: 'H2' }))
      .then([attached(TG, 'AWAITING_CONSENT')]);
    // a record the attacher may not see does not exist, to it
    spec
      .given(members)
      .when(attach(TG, { everyParticipantMaySee: false, attacherMaySee: false }))
      .thenRefuses({ code: 'TB_ERR_SEIZURE_NOT_FOUND', path: ['recordId'] });
    spec
      .given([opened, invited(BF)])
      .when(attach(BF, { everyParticipantMaySee: true }))
      .thenRefuses({ code: 'TB_ERR_NOT_CASE_PARTICIPANT' });
    spec
      .given([...members, attached(TG, 'SHARED')])
      .when(attach(GH, { everyParticipantMaySee: true }))
      .thenRefuses({ code: 'TB_ERR_RECORD_ALREADY_ATTACHED' });
    // a refused attachment may be attached again under a new id, never by reusing the old one
    const refused = [...members, attached(TG, 'AWAITING_CONSENT'), event(GH, 'CaseShareDecided', { caseId, attachmentId, grant: false })];
    spec
      .given(refused)
      .when(attach(GH, { everyParticipantMaySee: false }))
      .thenRefuses({ code: 'TB_ERR_RECORD_ALREADY_ATTACHED', path: ['attachmentId'] });
    const retry = attach(GH, { everyParticipantMaySee: false });
    const shared = attached(GH, 'SHARED');
    spec
      .given(refused)
      .when({ ...retry, data: { ...retry.data, attachmentId: noteId } })
      .then([{ ...shared, data: { ...shared.data, attachmentId: noteId } } as CaseEvent]);
  });

  it('lets only the holder grant, refuse or withdraw, each once it is its turn', () => {
    const awaiting = [opened, invited(GH), accepted(GH), invited(TG), accepted(TG), attached(TG, 'AWAITING_CONSENT')];
    const decide = (by: typeof GH, grant: boolean) => as(by, 'DecideShareRequest', { caseId, attachmentId, grant, ...(grant ? {} : { reason: 'ongoing investigation' }) });
    spec
      .given(awaiting)
      .when(decide(GH, true))
      .then([event(GH, 'CaseShareDecided', { caseId, attachmentId, grant: true })]);
    spec
      .given(awaiting)
      .when(decide(GH, false))
      .then([event(GH, 'CaseShareDecided', { caseId, attachmentId, grant: false, reason: 'ongoing investigation' })]);
    spec.given(awaiting).when(decide(TG, true)).thenRefuses({ code: 'TB_ERR_NOT_RECORD_HOLDER' });
    const granted = [...awaiting, event(GH, 'CaseShareDecided', { caseId, attachmentId, grant: true })];
    spec.given(granted).when(decide(GH, true)).thenRefuses({ code: 'TB_ERR_SHARE_NOT_PENDING' });
    spec
      .given(granted)
      .when(as(GH, 'WithdrawShare', { caseId, attachmentId }))
      .then([event(GH, 'CaseShareWithdrawn', { caseId, attachmentId })]);
    spec
      .given(awaiting)
      .when(as(GH, 'WithdrawShare', { caseId, attachmentId }))
      .thenRefuses({ code: 'TB_ERR_SHARE_NOT_SHARED' });
    spec
      .given([...granted, event(GH, 'CaseShareWithdrawn', { caseId, attachmentId })])
      .when(as(GH, 'WithdrawShare', { caseId, attachmentId }))
      .thenRefuses({ code: 'TB_ERR_SHARE_NOT_SHARED' });
    spec
      .given([opened])
      .when(decide(GH, true))
      .thenRefuses({ code: 'TB_ERR_ATTACHMENT_NOT_FOUND', path: ['attachmentId'] });
  });

  it('takes notes from active participants, with the note’s own handling', () => {
    const red = { tlp: 'RED' as const, releasableTo: [] };
    spec
      .given([opened, invited(TG), accepted(TG)])
      .when(as(TG, 'AddCaseNote', { caseId, noteId, text: 'Same batch as our Aflao seizure', handling: red }))
      .then([event(TG, 'CaseNoteAdded', { caseId, noteId, text: 'Same batch as our Aflao seizure' }, red)]);
    spec
      .given([opened, invited(TG)])
      .when(as(TG, 'AddCaseNote', { caseId, noteId, text: 'x', handling: red }))
      .thenRefuses({ code: 'TB_ERR_NOT_CASE_PARTICIPANT' });
  });

  it('asks for consent exactly when the attacher is not the holder and the record is H2 or some participant may not see it (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('GH-CUSTOMS', 'TG-POLICE'), fc.constantFrom('H0', 'H1', 'H2', 'H3'), fc.boolean(), (attacher, code, everyone) => {
        const consent = attachmentStatus(attacher, { holder: 'GH-CUSTOMS', handlingCode: code }, everyone) === 'AWAITING_CONSENT';
        expect(consent).toBe(attacher !== 'GH-CUSTOMS' && (code === 'H2' || !everyone));
      }),
    );
  });

  describe('the hub’s check of an arriving event (the same rules, its originator the actor)', () => {
    const members = [opened, invited(GH), accepted(GH), invited(TG), accepted(TG)];
    const state = (events: CaseEvent[]) => replay(caseDecider, events);
    const refusal = (run: () => void): string | undefined => {
      try {
        run();
        return undefined;
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };

    it('accepts what the rules give, and refuses a partner acting out of turn', () => {
      expect(refusal(() => checkCaseEvent(state([opened]), invited(TG), { inviteeMaySeeCase: true }))).toBeUndefined();
      expect(refusal(() => checkCaseEvent(state([opened]), invited(TG), { inviteeMaySeeCase: false }))).toBe('TB_ERR_CASE_HANDLING_EXCLUDES');
      expect(refusal(() => checkCaseEvent(state([opened]), event(GH, 'CaseInvitationSent', { caseId, agency: 'TG-POLICE' }), { inviteeMaySeeCase: true }))).toBe(
        'TB_ERR_NOT_CASE_OPENER',
      );
      // an agency that was never invited cannot join by answering
      expect(refusal(() => checkCaseEvent(state([opened]), accepted(BF)))).toBe('TB_ERR_NOT_INVITED');
      expect(refusal(() => checkCaseEvent(state(members), event(TG, 'CaseNoteAdded', { caseId, noteId, text: 'seen at Aflao' })))).toBeUndefined();
      expect(refusal(() => checkCaseEvent(state([opened, invited(BF)]), event(BF, 'CaseNoteAdded', { caseId, noteId, text: 'x' })))).toBe('TB_ERR_NOT_CASE_PARTICIPANT');
      expect(refusal(() => checkCaseEvent(state(members), event(TG, 'CaseShareDecided', { caseId, attachmentId, grant: true })))).toBe('TB_ERR_ATTACHMENT_NOT_FOUND');
    });

    it('never lets an attacher share for the holder: SHARED is accepted from the holder, or where the hub finds every participant may see it', () => {
      expect(refusal(() => checkCaseEvent(state(members), attached(TG, 'SHARED')))).toBe('TB_ERR_INVALID_EVENT');
      expect(refusal(() => checkCaseEvent(state(members), attached(TG, 'SHARED'), { everyParticipantMaySee: true, recordHandlingCode: 'H2' }))).toBe('TB_ERR_INVALID_EVENT');
      expect(refusal(() => checkCaseEvent(state(members), attached(TG, 'SHARED'), { everyParticipantMaySee: true, recordHandlingCode: 'H0' }))).toBeUndefined();
      expect(refusal(() => checkCaseEvent(state(members), attached(TG, 'AWAITING_CONSENT')))).toBeUndefined();
      expect(refusal(() => checkCaseEvent(state(members), attached(GH, 'SHARED')))).toBeUndefined();
      // claiming less than the rules allow is accepted
      expect(refusal(() => checkCaseEvent(state(members), attached(GH, 'AWAITING_CONSENT')))).toBeUndefined();
    });
  });
});
