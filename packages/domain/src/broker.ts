import { BROKER_LIST_LIMIT, ErrorCodes, isoMillis, type BrokerActivity, type EventDataInputOf, type Handling, type WeaponCategory } from '@tracebridge/contracts';
import type { z } from 'zod';
import { sameJson, type Command, type DecidedEvent, type Decider } from './decider';
import { DomainError } from './errors';

type HandlingInput = z.input<typeof Handling>;
type BrokerEventType = 'BrokerRegistered' | 'BrokerLicenceGranted' | 'BrokerSuspended' | 'BrokerRevoked' | 'BrokerActivityFlagged';

/** A broker registry event as the decider emits it and the hub projects it: an act of the broker's registering authority. */
export type BrokerEvent = { [T in BrokerEventType]: DecidedEvent<T, EventDataInputOf<T>, HandlingInput> }[BrokerEventType];

/** A licence for one brokering transaction (PoA II.14), as granted. */
export interface BrokeringLicence {
  id: string;
  quantity: number;
  category: WeaponCategory;
  exportingState: string;
  importingState: string;
  transitStates: string[];
  endUser: string;
  validUntil: string;
  grantedAt: string;
}

export interface BrokerFlag {
  id: string;
  reason: string;
  seizureId?: string;
  flaggedAt: string;
}

/** What the authority has decided of the registration; EXPIRED is not a decision but a date passing (views compute it). */
export type BrokerRegistrationStatus = 'REGISTERED' | 'SUSPENDED' | 'REVOKED';

/** A broker as its register holds it. */
export interface BrokerRecord {
  id: string;
  name: string;
  registrationNumber: string;
  /** The registration state: the registering authority's. */
  state: string;
  /** The licensing authority that registered it: the only agency that acts on it. */
  authority: string;
  nationality?: string;
  residence?: string;
  activities: BrokerActivity[];
  validUntil: string;
  conditions?: string;
  registeredAt: string;
  status: BrokerRegistrationStatus;
  /** Why it was suspended or revoked, and when. */
  statusReason?: string;
  statusChangedAt?: string;
  licences: BrokeringLicence[];
  flags: BrokerFlag[];
}

export interface BrokerState {
  broker: BrokerRecord | null;
  /** The registration's handling; every later act on the broker is handled alike. */
  handling: HandlingInput | null;
}

export type BrokerCommand =
  | Command<'RegisterBroker', EventDataInputOf<'BrokerRegistered'> & { handling: HandlingInput }>
  | Command<'GrantBrokeringLicence', EventDataInputOf<'BrokerLicenceGranted'>>
  | Command<'SuspendBroker', EventDataInputOf<'BrokerSuspended'>>
  | Command<'RevokeBroker', EventDataInputOf<'BrokerRevoked'>>
  | Command<'FlagBrokerActivity', EventDataInputOf<'BrokerActivityFlagged'>>;

type Of<T extends BrokerCommand['type']> = Extract<BrokerCommand, { type: T }>;

const refuse = (code: keyof typeof ErrorCodes, message: string, path: (string | number)[] = []): never => {
  throw new DomainError(ErrorCodes[code], message, path);
};

/** The broker, if the acting agency is the authority that registered it. */
function ownBroker(state: BrokerState, actor: string): BrokerRecord {
  const { broker } = state;
  if (broker === null) return refuse('BROKER_NOT_FOUND', 'no such broker in your register', ['brokerId']);
  if (broker.authority !== actor) refuse('NOT_BROKER_AUTHORITY', `only ${broker.authority}, which registered this broker, acts on it`, ['brokerId']);
  return broker;
}

/** A registration ends after it is made. */
function decideRegistration(command: Of<'RegisterBroker'>, state: BrokerState): BrokerEvent[] {
  const { now, actor } = command.metadata;
  if (state.broker !== null) refuse('BROKER_ALREADY_REGISTERED', 'this broker is registered already', ['brokerId']);
  if (!(isoMillis(command.data.validUntil) > isoMillis(now))) refuse('BROKER_VALIDITY_INVALID', 'the registration would have lapsed already', ['validUntil']);
  const { handling, ...data } = command.data;
  return [{ type: 'BrokerRegistered', data, occurredAt: now, handling, originator: { agency: actor.agency, state: actor.state } }];
}

/**
 * A licence is granted only on a registration that stands (not suspended,
 * revoked or lapsed), for a time that has not passed and that the
 * registration covers: a licence never outlives the registration it rests on.
 */
function decideLicence(command: Of<'GrantBrokeringLicence'>, broker: BrokerRecord): void {
  const now = isoMillis(command.metadata.now);
  const until = isoMillis(command.data.validUntil);
  if (broker.status === 'REVOKED') refuse('BROKER_REVOKED', `the registration was revoked on ${broker.statusChangedAt}`, ['brokerId']);
  if (broker.status === 'SUSPENDED') refuse('BROKER_SUSPENDED', `the registration is suspended since ${broker.statusChangedAt}`, ['brokerId']);
  if (!(isoMillis(broker.validUntil) > now)) refuse('BROKER_EXPIRED', `the registration lapsed on ${broker.validUntil}`, ['brokerId']);
  if (!(until > now)) refuse('BROKER_VALIDITY_INVALID', 'the licence would have lapsed already', ['validUntil']);
  if (until > isoMillis(broker.validUntil)) refuse('BROKER_VALIDITY_INVALID', `a licence may not outlast the registration (valid until ${broker.validUntil})`, ['validUntil']);
  if (broker.licences.some((l) => l.id === command.data.licenceId)) refuse('BAD_USER_INPUT', 'this licence is granted already', ['licenceId']);
  if (broker.licences.length >= BROKER_LIST_LIMIT) refuse('BROKER_LIMIT_REACHED', `a broker holds at most ${BROKER_LIST_LIMIT} licences`, []);
}

/** The rules of the acts on a registered broker: only its authority acts; a revocation is final; activity may be flagged whatever the status. */
function decideAct(command: Exclude<BrokerCommand, Of<'RegisterBroker'>>, state: BrokerState): BrokerEvent[] {
  const { now, actor } = command.metadata;
  const broker = ownBroker(state, actor.agency);
  const meta = { occurredAt: now, handling: state.handling!, originator: { agency: actor.agency, state: actor.state } };
  switch (command.type) {
    case 'GrantBrokeringLicence':
      decideLicence(command, broker);
      return [{ type: 'BrokerLicenceGranted', data: command.data, ...meta }];
    case 'SuspendBroker':
      if (broker.status === 'REVOKED') refuse('BROKER_REVOKED', `the registration was revoked on ${broker.statusChangedAt}`, ['brokerId']);
      if (broker.status === 'SUSPENDED') refuse('BROKER_SUSPENDED', `the registration is suspended already, since ${broker.statusChangedAt}`, ['brokerId']);
      return [{ type: 'BrokerSuspended', data: command.data, ...meta }];
    case 'RevokeBroker':
      if (broker.status === 'REVOKED') refuse('BROKER_REVOKED', `the registration was revoked already, on ${broker.statusChangedAt}`, ['brokerId']);
      return [{ type: 'BrokerRevoked', data: command.data, ...meta }];
    case 'FlagBrokerActivity':
      if (broker.flags.some((f) => f.id === command.data.flagId)) refuse('BAD_USER_INPUT', 'this flag is raised already', ['flagId']);
      if (broker.flags.length >= BROKER_LIST_LIMIT) refuse('BROKER_LIMIT_REACHED', `a broker carries at most ${BROKER_LIST_LIMIT} flags`, []);
      return [{ type: 'BrokerActivityFlagged', data: command.data, ...meta }];
  }
}

function evolveBroker(state: BrokerState, event: BrokerEvent): BrokerState {
  if (event.type === 'BrokerRegistered') {
    const { brokerId, ...d } = event.data;
    const { agency, state: registrationState } = event.originator;
    const broker: BrokerRecord = { id: brokerId, ...d, state: registrationState, authority: agency, registeredAt: event.occurredAt, status: 'REGISTERED', licences: [], flags: [] };
    return { broker, handling: event.handling };
  }
  const { broker } = state;
  if (broker === null) return state;
  const at = event.occurredAt;
  switch (event.type) {
    case 'BrokerLicenceGranted': {
      const { brokerId: _, licenceId, transitStates, ...terms } = event.data;
      return { ...state, broker: { ...broker, licences: [...broker.licences, { id: licenceId, ...terms, transitStates: transitStates ?? [], grantedAt: at }] } };
    }
    case 'BrokerSuspended':
      return { ...state, broker: { ...broker, status: 'SUSPENDED', statusReason: event.data.reason, statusChangedAt: at } };
    case 'BrokerRevoked':
      return { ...state, broker: { ...broker, status: 'REVOKED', statusReason: event.data.reason, statusChangedAt: at } };
    case 'BrokerActivityFlagged': {
      const { flagId, reason, seizureId } = event.data;
      return { ...state, broker: { ...broker, flags: [...broker.flags, { id: flagId, reason, ...(seizureId ? { seizureId } : {}), flaggedAt: at }] } };
    }
  }
}

/**
 * A broker of the register (PoA II.14, IV.1(d); ADR 12): registered by a
 * state's licensing authority, which alone grants it licences, suspends,
 * revokes (for good) and flags it. Decided on the authority's own
 * `broker-<id>` stream; the hub replays the same events into the same state.
 */
export const brokerDecider: Decider<BrokerCommand, BrokerEvent, BrokerState> = {
  initialState: () => ({ broker: null, handling: null }),
  decide: (command, state) => (command.type === 'RegisterBroker' ? decideRegistration(command, state) : decideAct(command, state)),
  evolve: evolveBroker,
};

const COMMAND_OF: Record<BrokerEventType, BrokerCommand['type']> = {
  BrokerRegistered: 'RegisterBroker',
  BrokerLicenceGranted: 'GrantBrokeringLicence',
  BrokerSuspended: 'SuspendBroker',
  BrokerRevoked: 'RevokeBroker',
  BrokerActivityFlagged: 'FlagBrokerActivity',
};

/**
 * May the hub apply this arriving event to the broker? The same rules,
 * checked on the event with its signed originator as the actor and its time
 * as now: a licence, suspension or flag signed by any agency but the
 * registering authority, an act on a revoked broker, a licence outlasting
 * the registration are all refused. Throws the rule's DomainError.
 */
export function checkBrokerEvent(state: BrokerState, event: BrokerEvent): void {
  const metadata = { now: event.occurredAt, actor: event.originator };
  const data = event.type === 'BrokerRegistered' ? { ...event.data, handling: event.handling } : event.data;
  const [decided] = brokerDecider.decide({ type: COMMAND_OF[event.type], data, metadata } as BrokerCommand, state);
  if (!sameJson(decided!.data, event.data)) throw new DomainError(ErrorCodes.INVALID_EVENT, `${event.type} from ${event.originator.agency} is not what the broker rules give`);
}
