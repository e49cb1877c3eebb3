import { ErrorCodes, type AttachmentStatus, type EventDataInputOf, type Handling, type RecordFamily } from '@tracebridge/contracts';
import type { z } from 'zod';
import { sameJson, type Command, type DecidedEvent, type Decider, type Originator } from './decider';
import { DomainError } from './errors';

type HandlingInput = z.input<typeof Handling>;
type CaseEventType =
  'CaseOpened' | 'CaseInvitationSent' | 'CaseInvitationAnswered' | 'CaseLeft' | 'RecordAttachedToCase' | 'CaseNoteAdded' | 'CaseShareDecided' | 'CaseShareWithdrawn';

/** A case event as the decider emits it, and as the hub projects it: every act is its originator's. */
export type CaseEvent = { [T in CaseEventType]: DecidedEvent<T, EventDataInputOf<T>, HandlingInput> }[CaseEventType];

export type ParticipantStatus = 'INVITED' | 'ACTIVE' | 'DECLINED' | 'LEFT';

export interface CaseState {
  caseId: string | null;
  opener: Originator | null;
  handling: HandlingInput | null;
  participants: Record<string, ParticipantStatus>;
  attachments: Record<string, { recordId: string; family: RecordFamily; holder: string; status: AttachmentStatus }>;
  notes: number;
}

/**
 * The facts a command needs that only the access policy knows; the service
 * asks the policy and passes the answers in (the decider stays pure).
 */
export type CaseCommand =
  | Command<'OpenCase', { caseId: string; title: string; summary: string; handling: HandlingInput }>
  /** `inviteeMaySeeCase`: whether the case's own handling lets the invitee see it. */
  | Command<'InviteToCase', { caseId: string; agency: string; inviteeMaySeeCase: boolean }>
  | Command<'RespondToCaseInvitation', { caseId: string; accept: boolean }>
  | Command<'LeaveCase', { caseId: string }>
  /**
   * `attacherMaySee`: the attacher may see the record (else it is, to it, absent);
   * `everyParticipantMaySee`: every active participant may already see it.
   */
  | Command<
      'AttachToCase',
      {
        caseId: string;
        attachmentId: string;
        record: { id: string; family: RecordFamily; holder: string; handlingCode: string };
        attacherMaySee: boolean;
        everyParticipantMaySee: boolean;
      }
    >
  | Command<'AddCaseNote', { caseId: string; noteId: string; text: string; handling: HandlingInput }>
  | Command<'DecideShareRequest', { caseId: string; attachmentId: string; grant: boolean; reason?: string }>
  | Command<'WithdrawShare', { caseId: string; attachmentId: string }>;

const refuse = (code: keyof typeof ErrorCodes, message: string, path: (string | number)[] = []): never => {
  throw new DomainError(ErrorCodes[code], message, path);
};

function expectOpen(state: CaseState): asserts state is CaseState & { caseId: string; opener: Originator; handling: HandlingInput } {
  if (state.caseId === null) refuse('CASE_NOT_FOUND', 'no such case', ['caseId']);
}

function expectActive(state: CaseState, agency: string): void {
  expectOpen(state);
  if (state.participants[agency] !== 'ACTIVE') refuse('NOT_CASE_PARTICIPANT', 'only the case’s active participants may do this', ['caseId']);
}

function attachment(state: CaseState, attachmentId: string, holder: string) {
  expectOpen(state);
  const a = state.attachments[attachmentId];
  if (!a) return refuse('ATTACHMENT_NOT_FOUND', 'no such attachment in this case', ['attachmentId']);
  if (a.holder !== holder) refuse('NOT_RECORD_HOLDER', 'only the record’s holder decides who sees it', ['attachmentId']);
  return a;
}

/**
 * Whether an attachment is shared at once or awaits its holder's consent:
 * the holder attaching its own record is its consent; H2 (no further
 * dissemination without permission) always asks; otherwise it is shared only
 * if every active participant may see the record already.
 */
export function attachmentStatus(attacher: string, record: { holder: string; handlingCode: string }, everyParticipantMaySee: boolean): 'SHARED' | 'AWAITING_CONSENT' {
  if (attacher === record.holder) return 'SHARED';
  if (record.handlingCode === 'H2') return 'AWAITING_CONSENT';
  return everyParticipantMaySee ? 'SHARED' : 'AWAITING_CONSENT';
}

type Emit = <T extends CaseEventType>(type: T, data: EventDataInputOf<T>, handling?: HandlingInput) => CaseEvent[];

/** The rules of each command: refuse, or the events it leads to. */
function decideCase(command: CaseCommand, state: CaseState, emit: Emit, actor: string): CaseEvent[] {
  const d = command.data;
  switch (command.type) {
    case 'OpenCase':
      if (state.caseId !== null) refuse('CASE_ALREADY_OPEN', 'this case is already open', ['caseId']);
      return emit('CaseOpened', { caseId: command.data.caseId, title: command.data.title, summary: command.data.summary }, command.data.handling);
    case 'InviteToCase': {
      expectOpen(state);
      const { agency, inviteeMaySeeCase } = command.data;
      if (state.opener.agency !== actor) refuse('NOT_CASE_OPENER', 'only the agency that opened the case invites to it');
      const now = state.participants[agency];
      if (now === 'ACTIVE' || now === 'INVITED') refuse('ALREADY_IN_CASE', `${agency} is already ${now.toLowerCase()}`, ['agencyId']);
      if (!inviteeMaySeeCase) refuse('CASE_HANDLING_EXCLUDES', `the case's handling does not let ${agency} see it`, ['agencyId']);
      return emit('CaseInvitationSent', { caseId: d.caseId, agency });
    }
    case 'RespondToCaseInvitation':
      expectOpen(state);
      if (state.participants[actor] !== 'INVITED') refuse('NOT_INVITED', 'there is no open invitation for your agency');
      return emit('CaseInvitationAnswered', { caseId: d.caseId, accept: command.data.accept });
    case 'LeaveCase':
      expectActive(state, actor);
      if (state.opener!.agency === actor) refuse('OPENER_CANNOT_LEAVE', 'the agency that opened the case cannot leave it');
      return emit('CaseLeft', { caseId: d.caseId });
    case 'AttachToCase': {
      expectActive(state, actor);
      const { record, attachmentId } = command.data;
      // A record the attacher may not see is, to it, a record that does not exist.
      if (!command.data.attacherMaySee) refuse('SEIZURE_NOT_FOUND', 'no such record', ['recordId']);
      // An attachment id names one attachment for good (a partner's event reusing one would rewrite another's).
      if (state.attachments[attachmentId]) refuse('RECORD_ALREADY_ATTACHED', 'this attachment id is taken', ['attachmentId']);
      if (Object.values(state.attachments).some((a) => a.recordId === record.id && a.status !== 'WITHDRAWN' && a.status !== 'REFUSED'))
        refuse('RECORD_ALREADY_ATTACHED', 'this record is already attached to the case', ['recordId']);
      const status = attachmentStatus(actor, record, command.data.everyParticipantMaySee);
      return emit('RecordAttachedToCase', { caseId: d.caseId, attachmentId, record: { id: record.id, family: record.family, holder: record.holder }, status });
    }
    case 'AddCaseNote':
      expectActive(state, actor);
      return emit('CaseNoteAdded', { caseId: d.caseId, noteId: command.data.noteId, text: command.data.text }, command.data.handling);
    case 'DecideShareRequest': {
      const a = attachment(state, command.data.attachmentId, actor);
      if (a.status !== 'AWAITING_CONSENT') refuse('SHARE_NOT_PENDING', `this attachment is ${a.status.toLowerCase()}, not awaiting consent`, ['attachmentId']);
      const { grant, reason } = command.data;
      return emit('CaseShareDecided', { caseId: d.caseId, attachmentId: command.data.attachmentId, grant, ...(reason ? { reason } : {}) });
    }
    case 'WithdrawShare': {
      const a = attachment(state, command.data.attachmentId, actor);
      if (a.status !== 'SHARED') refuse('SHARE_NOT_SHARED', `this attachment is ${a.status.toLowerCase()}, not shared`, ['attachmentId']);
      return emit('CaseShareWithdrawn', { caseId: d.caseId, attachmentId: command.data.attachmentId });
    }
  }
}

/** How each event changes the case (the hub projects the same way, from every participant's events). */
function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  const by = event.originator.agency;
  switch (event.type) {
    case 'CaseOpened':
      return { ...state, caseId: event.data.caseId, opener: event.originator, handling: event.handling, participants: { [by]: 'ACTIVE' } };
    case 'CaseInvitationSent':
      return { ...state, participants: { ...state.participants, [event.data.agency]: 'INVITED' } };
    case 'CaseInvitationAnswered':
      return { ...state, participants: { ...state.participants, [by]: event.data.accept ? 'ACTIVE' : 'DECLINED' } };
    case 'CaseLeft':
      return { ...state, participants: { ...state.participants, [by]: 'LEFT' } };
    case 'RecordAttachedToCase': {
      const { attachmentId, record, status } = event.data;
      return { ...state, attachments: { ...state.attachments, [attachmentId]: { recordId: record.id, family: record.family, holder: record.holder, status } } };
    }
    case 'CaseNoteAdded':
      return { ...state, notes: state.notes + 1 };
    case 'CaseShareDecided':
    case 'CaseShareWithdrawn': {
      const a = state.attachments[event.data.attachmentId]!;
      const status: AttachmentStatus = event.type === 'CaseShareWithdrawn' ? 'WITHDRAWN' : event.data.grant ? 'SHARED' : 'REFUSED';
      return { ...state, attachments: { ...state.attachments, [event.data.attachmentId]: { ...a, status } } };
    }
  }
}

/**
 * A cross-border case (ADR 9): opened by one agency, joined by invitation,
 * carrying records only as their holders allow. Commands are decided against
 * the case as the hub has projected it from every participant's events.
 */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: () => ({ caseId: null, opener: null, handling: null, participants: {}, attachments: {}, notes: 0 }),
  decide(command, state) {
    const { actor, now } = command.metadata;
    const emit: Emit = (type, data, handling) => [
      // A case's acts carry the case's handling unless they have their own (a note).
      { type, data, occurredAt: now, handling: handling ?? state.handling ?? { tlp: 'RED' }, originator: { agency: actor.agency, state: actor.state } } as CaseEvent,
    ];
    return decideCase(command, state, emit, actor.agency);
  },
  evolve: evolveCase,
};

/** What the hub knows, from its own policy and read model, when an event arrives (the facts a command carried). */
export interface CaseEventFacts {
  /** Whether the case's handling lets an invited agency see the case. @default false */
  inviteeMaySeeCase?: boolean;
  /** Whether every active participant may see an attached record already. @default false */
  everyParticipantMaySee?: boolean;
  /** The attached record's handling code. @default 'H2' (the strictest) */
  recordHandlingCode?: string;
}

/** The command an arriving event claims to be the outcome of, with the facts the hub knows. */
function commandOf(event: CaseEvent, facts: CaseEventFacts): CaseCommand {
  const metadata = { now: event.occurredAt, actor: event.originator };
  switch (event.type) {
    case 'CaseOpened':
      return { type: 'OpenCase', metadata, data: { ...event.data, handling: event.handling } };
    case 'CaseInvitationSent':
      return { type: 'InviteToCase', metadata, data: { ...event.data, inviteeMaySeeCase: facts.inviteeMaySeeCase ?? false } };
    case 'CaseInvitationAnswered':
      return { type: 'RespondToCaseInvitation', metadata, data: event.data };
    case 'CaseLeft':
      return { type: 'LeaveCase', metadata, data: event.data };
    case 'RecordAttachedToCase': {
      const { caseId, attachmentId, record } = event.data;
      const data = { caseId, attachmentId, attacherMaySee: true, everyParticipantMaySee: facts.everyParticipantMaySee ?? false };
      return { type: 'AttachToCase', metadata, data: { ...data, record: { ...record, handlingCode: facts.recordHandlingCode ?? 'H2' } } };
    }
    case 'CaseNoteAdded':
      return { type: 'AddCaseNote', metadata, data: { ...event.data, handling: event.handling } };
    case 'CaseShareDecided':
      return { type: 'DecideShareRequest', metadata, data: event.data };
    case 'CaseShareWithdrawn':
      return { type: 'WithdrawShare', metadata, data: event.data };
  }
}

/**
 * May the hub apply this arriving event to the case? The same rules, checked
 * on the event, its originator the actor: it is accepted only if deciding
 * the command it claims to come from, on the hub's state and with the
 * hub's facts, gives the same event. An attachment may claim less than the
 * rules allow (AWAITING_CONSENT where SHARED would do), never more. Throws
 * the rule's DomainError otherwise.
 */
export function checkCaseEvent(state: CaseState, event: CaseEvent, facts: CaseEventFacts = {}): void {
  const [decided] = caseDecider.decide(commandOf(event, facts), state);
  let claimed: unknown = event.data;
  if (event.type === 'RecordAttachedToCase' && event.data.status === 'AWAITING_CONSENT') claimed = { ...event.data, status: (decided!.data as { status: string }).status };
  if (!sameJson(decided!.data, claimed)) {
    throw new DomainError(ErrorCodes.INVALID_EVENT, `${event.type} from ${event.originator.agency} is not what the case's rules give`);
  }
}
