import { ErrorCodes, isoMillis, type DirectoryAgreement, type EventDataInputOf, type Handling } from '@tracebridge/contracts';
import type { z } from 'zod';
import { sameJson, type Command, type DecidedEvent, type Decider } from './decider';
import { DomainError } from './errors';

type HandlingInput = z.input<typeof Handling>;
type AgreementEventType = 'SharingAgreementCreated' | 'SharingAgreementRevoked';

/** A sharing agreement's event as the decider emits it and the hub projects it: an act of the agreement's originator. */
export type SharingAgreementEvent = { [T in AgreementEventType]: DecidedEvent<T, EventDataInputOf<T>, HandlingInput> }[AgreementEventType];

export interface SharingAgreementState {
  /** The agreement as the policy and the views read it (revokedAt once revoked); null before it is created. */
  agreement: DirectoryAgreement | null;
  /** Its events' handling: known to its originator and its parties. */
  handling: HandlingInput | null;
}

/**
 * The commands on one agreement (ADR 11). `originator` of a creation is the
 * agency whose records it opens, which must be the acting agency's own.
 */
export type SharingAgreementCommand =
  | Command<'CreateSharingAgreement', EventDataInputOf<'SharingAgreementCreated'> & { originator: string }>
  | Command<'RevokeSharingAgreement', EventDataInputOf<'SharingAgreementRevoked'>>;

const refuse = (code: keyof typeof ErrorCodes, message: string, path: (string | number)[] = []): never => {
  throw new DomainError(ErrorCodes[code], message, path);
};

type Create = Extract<SharingAgreementCommand, { type: 'CreateSharingAgreement' }>;

/** An agency opens its own records, to someone other than itself, for a time that has not already passed. */
function checkCreation(command: Create, state: SharingAgreementState): void {
  const { data, metadata } = command;
  const actor = metadata.actor.agency;
  if (state.agreement !== null) refuse('AGREEMENT_ALREADY_CREATED', 'this agreement already exists', ['agreementId']);
  if (data.originator !== actor) refuse('NOT_AGREEMENT_ORIGINATOR', `an agency makes agreements for its own records, not for those of ${data.originator}`, ['originator']);
  if (!data.parties.some((p) => p !== actor)) refuse('AGREEMENT_PARTIES_INVALID', 'an agreement names at least one party besides its originator', ['parties']);
  const from = isoMillis(data.validFrom);
  if (Number.isNaN(from)) refuse('AGREEMENT_VALIDITY_INVALID', 'validFrom is not a date and time', ['validFrom']);
  if (data.validUntil !== undefined) {
    const until = isoMillis(data.validUntil);
    if (!(until > from)) refuse('AGREEMENT_VALIDITY_INVALID', 'validUntil must be after validFrom', ['validUntil']);
    if (!(until > isoMillis(metadata.now))) refuse('AGREEMENT_VALIDITY_INVALID', 'this agreement would have lapsed already', ['validUntil']);
  }
}

/** The rules of each command: refuse, or the event it leads to. */
function decideAgreement(command: SharingAgreementCommand, state: SharingAgreementState): SharingAgreementEvent[] {
  const { now, actor } = command.metadata;
  const originator = { agency: actor.agency, state: actor.state };
  if (command.type === 'CreateSharingAgreement') {
    checkCreation(command, state);
    const { originator: _, validUntil, ...terms } = command.data;
    const data = { ...terms, ...(validUntil === undefined ? {} : { validUntil }) };
    // The agreement itself is for its originator and its parties to know.
    return [{ type: 'SharingAgreementCreated', data, occurredAt: now, handling: { tlp: 'RED', releasableTo: [...terms.parties] }, originator }];
  }
  const { agreement } = state;
  if (agreement === null) return refuse('AGREEMENT_NOT_FOUND', 'no such agreement', ['agreementId']);
  if (agreement.originator !== actor.agency) refuse('NOT_AGREEMENT_ORIGINATOR', 'only the agency whose records an agreement opens revokes it', ['agreementId']);
  if (agreement.revokedAt !== undefined) refuse('AGREEMENT_ALREADY_REVOKED', `this agreement was revoked on ${agreement.revokedAt}`, ['agreementId']);
  const { agreementId, reason } = command.data;
  return [{ type: 'SharingAgreementRevoked', data: { agreementId, ...(reason ? { reason } : {}) }, occurredAt: now, handling: state.handling!, originator }];
}

function evolveAgreement(state: SharingAgreementState, event: SharingAgreementEvent): SharingAgreementState {
  if (event.type === 'SharingAgreementRevoked') return state.agreement ? { ...state, agreement: { ...state.agreement, revokedAt: event.occurredAt } } : state;
  const { agreementId, validUntil, ...terms } = event.data;
  const agreement: DirectoryAgreement = {
    id: agreementId,
    effect: 'AGREEMENT',
    originator: event.originator.agency,
    ...terms,
    ...(validUntil === undefined ? {} : { validUntil }),
  };
  return { agreement, handling: event.handling };
}

/**
 * A sharing agreement of the directory (ADR 11): created by the agency whose
 * records it opens, revoked by it once. Its state is the agreement as the
 * policy reads it (`state.agreement`, a `DirectoryAgreement`): the hub's
 * projection replays an agreement's events into it and hands the policy
 * every agreement, which applies those in force.
 */
export const sharingAgreementDecider: Decider<SharingAgreementCommand, SharingAgreementEvent, SharingAgreementState> = {
  initialState: () => ({ agreement: null, handling: null }),
  decide: decideAgreement,
  evolve: evolveAgreement,
};

/**
 * May the hub apply this arriving event to the agreement? The same rules,
 * checked on the event with its originator as the actor (so a revocation
 * from any agency but the originator, or a second one, is refused): deciding
 * the command it claims to come from, on the hub's state, must give the
 * same data. Throws the rule's DomainError otherwise.
 */
export function checkSharingAgreementEvent(state: SharingAgreementState, event: SharingAgreementEvent): void {
  const metadata = { now: event.occurredAt, actor: event.originator };
  const command: SharingAgreementCommand =
    event.type === 'SharingAgreementCreated'
      ? { type: 'CreateSharingAgreement', metadata, data: { ...event.data, originator: event.originator.agency } }
      : { type: 'RevokeSharingAgreement', metadata, data: event.data };
  const [decided] = sharingAgreementDecider.decide(command, state);
  if (!sameJson(decided!.data, event.data)) throw new DomainError(ErrorCodes.INVALID_EVENT, `${event.type} from ${event.originator.agency} is not what the agreement's rules give`);
}
