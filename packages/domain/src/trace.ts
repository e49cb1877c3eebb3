import { ErrorCodes, isoFromMillis, isoMillis, type EventDataInputOf, type Handling, type TracePriority, type TraceStatus } from '@tracebridge/contracts';
import type { z } from 'zod';
import type { Command, DecidedEvent, Decider, Originator } from './decider';
import { DomainError } from './errors';
import { given, incomplete, missingForTrace, traceRequestedData, tracedItem, type RequestTraceData } from './traceRequest';

type HandlingInput = z.input<typeof Handling>;
type TraceEventType = 'TraceRequested' | 'TraceAcknowledged' | 'TraceAnswered' | 'TraceDeclined' | 'TraceEscalated';

/** A trace event as the decider emits it, and as the hub projects it: every act is its originator's. */
export type TraceEvent = { [T in TraceEventType]: DecidedEvent<T, EventDataInputOf<T>, HandlingInput> }[TraceEventType];

export interface TraceState {
  traceId: string | null;
  /** The requesting agency and its state. */
  requester: Originator | null;
  addressedState: string | null;
  /** The addressed state's point of contact: the only agency that acknowledges, answers or declines. */
  pointOfContact: string | null;
  priority: TracePriority | null;
  /** ISO timestamp the answer is due by. */
  deadline: string | null;
  status: TraceStatus | null;
  /** The liaison point the trace was escalated to, once it is. */
  escalatedTo: string | null;
  /** What every later act of the trace is handled as (see `traceHandling`). */
  handling: HandlingInput | null;
}

/**
 * Commands; time (`metadata.now`) comes from the service's clock and is the
 * time of the act. Facts the directory knows come in the data.
 */
export type TraceCommand =
  | Command<'RequestTrace', RequestTraceData>
  | Command<'AcknowledgeTrace', { traceId: string }>
  | Command<'AnswerTrace', { traceId: string; findings: EventDataInputOf<'TraceAnswered'>['findings'] }>
  | Command<'DeclineTrace', { traceId: string; reason: string }>
  /** By the requesting agency. `regionalLiaisonPoint`: the region's liaison agency from the directory, or null when it lists none. */
  | Command<'EscalateTrace', { traceId: string; regionalLiaisonPoint: string | null }>;

const refuse = (code: keyof typeof ErrorCodes, message: string, path: (string | number)[] = []): never => {
  throw new DomainError(ErrorCodes[code], message, path);
};

/**
 * How a trace's events are handled: TLP AMBER_STRICT and H2 (no further
 * dissemination without permission), released to the requesting agency and
 * the addressed point of contact by name, the request's restrictions in
 * text. The hub's rule for traces decides who else sees them (the addressed
 * state's agencies, the region's liaison point); this is what the generic
 * policy would allow without it: nobody else.
 */
export const traceHandling = (releasableTo: string[], restrictions?: string): HandlingInput => ({
  tlp: 'AMBER_STRICT',
  code: 'H2',
  releasableTo,
  ...(restrictions ? { restrictions } : {}),
});

/** Whether the trace's answer is overdue at `now`: its deadline has passed and it is neither answered nor declined. */
export function isOverdue(state: TraceState, now: string): boolean {
  if (state.deadline === null || (state.status !== 'SENT' && state.status !== 'ACKNOWLEDGED')) return false;
  return isoMillis(now) > isoMillis(state.deadline);
}

function expectTrace(state: TraceState): asserts state is TraceState & { traceId: string; requester: Originator; deadline: string; status: TraceStatus; handling: HandlingInput } {
  if (state.traceId === null) refuse('TRACE_NOT_FOUND', 'no such tracing request', ['traceId']);
}

/** Only the addressed point of contact acts on a request, and only while it is open. */
function expectOpenForPointOfContact(state: TraceState, actor: string): void {
  expectTrace(state);
  if (state.pointOfContact !== actor) refuse('NOT_TRACE_POINT_OF_CONTACT', `only ${state.pointOfContact} answers this tracing request`, ['traceId']);
  if (state.status === 'ANSWERED' || state.status === 'UNABLE_TO_TRACE') refuse('TRACE_CLOSED', `this tracing request is already ${state.status.toLowerCase()}`, ['traceId']);
}

type Emit = <T extends TraceEventType>(type: T, data: EventDataInputOf<T>, handling?: HandlingInput) => TraceEvent[];

function decideRequest(d: RequestTraceData, state: TraceState, actor: Originator, now: string, emit: Emit): TraceEvent[] {
  if (state.traceId !== null) refuse('TRACE_ALREADY_REQUESTED', 'this tracing request is already sent', ['traceId']);
  // A state traces its own weapons in its own records; the network carries requests between states (PoA III.11).
  if (d.addressedState === actor.state) refuse('TRACE_TO_OWN_STATE', 'a tracing request goes to another state', ['addressedState']);
  if (d.pointOfContact === null) refuse('NO_POINT_OF_CONTACT', `the directory lists no point of contact for ${d.addressedState}`, ['addressedState']);
  const item = tracedItem(d.item);
  const missing = missingForTrace(d, item);
  if (missing.length > 0) throw incomplete(missing);
  const deadline = isoFromMillis(isoMillis(now) + d.deadlines[d.priority]);
  const data = traceRequestedData(d, item, actor.state, deadline);
  return emit('TraceRequested', data, traceHandling([actor.agency, d.pointOfContact!], data.restrictions));
}

function decideEscalation(d: { traceId: string; regionalLiaisonPoint: string | null }, state: TraceState, actor: string, now: string, emit: Emit): TraceEvent[] {
  expectTrace(state);
  // The requester signs its escalation: it is the one waiting for the answer.
  if (state.requester.agency !== actor) refuse('NOT_TRACE_REQUESTER', 'only the requesting agency escalates its tracing request', ['traceId']);
  // Checked before anything else about the trace, so a retried escalation is told it is done, whatever happened since.
  if (state.escalatedTo !== null) refuse('TRACE_ALREADY_ESCALATED', `this tracing request is already escalated to ${state.escalatedTo}`, ['traceId']);
  if (state.status === 'ANSWERED' || state.status === 'UNABLE_TO_TRACE') refuse('TRACE_CLOSED', `this tracing request is already ${state.status.toLowerCase()}`, ['traceId']);
  if (!isOverdue(state, now)) refuse('TRACE_NOT_OVERDUE', `this tracing request is due by ${state.deadline}`, ['traceId']);
  const to = d.regionalLiaisonPoint;
  if (to === null) return refuse('NO_LIAISON_POINT', 'the directory lists no liaison point for this region', ['traceId']);
  const handling = { ...state.handling, releasableTo: [...(state.handling.releasableTo ?? []), to] };
  return emit('TraceEscalated', { traceId: d.traceId, to, deadline: state.deadline }, handling);
}

function decideTrace(command: TraceCommand, state: TraceState, emit: Emit): TraceEvent[] {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case 'RequestTrace':
      return decideRequest(command.data, state, actor, now, emit);
    case 'AcknowledgeTrace':
      expectOpenForPointOfContact(state, actor.agency);
      if (state.status === 'ACKNOWLEDGED') refuse('TRACE_ALREADY_ACKNOWLEDGED', 'this tracing request is already acknowledged', ['traceId']);
      return emit('TraceAcknowledged', { traceId: command.data.traceId });
    case 'AnswerTrace': {
      expectOpenForPointOfContact(state, actor.agency);
      const f = command.data.findings;
      const findings = Object.fromEntries(
        Object.entries({ lastLegalHolder: f.lastLegalHolder, exportHistory: f.exportHistory, importHistory: f.importHistory, comments: f.comments }).flatMap(([k, v]) => {
          const text = given(v);
          return text ? [[k, text]] : [];
        }),
      );
      if (Object.keys(findings).length === 0) refuse('TRACE_ANSWER_EMPTY', 'an answer carries at least one finding; decline a trace that found nothing', ['findings']);
      return emit('TraceAnswered', { traceId: command.data.traceId, findings });
    }
    case 'DeclineTrace': {
      expectOpenForPointOfContact(state, actor.agency);
      const reason = given(command.data.reason);
      if (!reason) return refuse('BAD_USER_INPUT', 'a declined trace says why it could not be traced', ['reason']);
      return emit('TraceDeclined', { traceId: command.data.traceId, reason });
    }
    case 'EscalateTrace':
      return decideEscalation(command.data, state, actor.agency, now, emit);
  }
}

/** How each event changes the trace (the hub projects the same way, from the requester's and the point of contact's events). */
function evolveTrace(state: TraceState, event: TraceEvent): TraceState {
  switch (event.type) {
    case 'TraceRequested': {
      const d = event.data;
      return {
        ...state,
        traceId: d.traceId,
        requester: event.originator,
        addressedState: d.addressedState,
        pointOfContact: d.pointOfContact,
        priority: d.priority,
        deadline: d.deadline,
        status: 'SENT',
        handling: event.handling,
      };
    }
    case 'TraceAcknowledged':
      return { ...state, status: 'ACKNOWLEDGED' };
    case 'TraceAnswered':
      return { ...state, status: 'ANSWERED' };
    case 'TraceDeclined':
      return { ...state, status: 'UNABLE_TO_TRACE' };
    case 'TraceEscalated':
      return { ...state, escalatedTo: event.data.to, handling: event.handling };
  }
}

/**
 * A tracing request between states (PoA II.10, II.36, III.11): the
 * requesting agency asks the addressed state's point of contact to trace one
 * weapon of its seizure; the point of contact acknowledges, then answers or
 * declines; an overdue request is escalated once to the region's liaison
 * point. Commands are decided against the trace as the hub has projected it.
 */
export const traceDecider: Decider<TraceCommand, TraceEvent, TraceState> = {
  initialState: () => ({
    traceId: null,
    requester: null,
    addressedState: null,
    pointOfContact: null,
    priority: null,
    deadline: null,
    status: null,
    escalatedTo: null,
    handling: null,
  }),
  decide(command, state) {
    const { actor, now } = command.metadata;
    const emit: Emit = (type, data, handling) => [
      { type, data, occurredAt: now, handling: handling ?? state.handling ?? traceHandling([]), originator: { agency: actor.agency, state: actor.state } } as TraceEvent,
    ];
    return decideTrace(command, state, emit);
  },
  evolve: evolveTrace,
};
