import { ErrorCodes, Handling, isoMillis } from '@tracebridge/contracts';
import { sameJson } from './decider';
import { DomainError } from './errors';
import { traceDecider, type TraceCommand, type TraceEvent, type TraceState } from './trace';
import type { TraceDeadlines } from './traceDeadlines';

/** What the hub knows, from its clock, configuration and directory, when a trace event arrives (the facts a command carried). */
export interface TraceEventFacts {
  /**
   * The hub's clock as the event arrives. Only to refuse an event dated after
   * it: the rules are checked at the event's own `occurredAt` (an escalation
   * is checked against the deadline as it stood when it was made), never at
   * this time.
   */
  receivedAt: string;
  /** The network's tracing deadlines (`traceDeadlines(process.env)`), to recompute a request's deadline. */
  deadlines: TraceDeadlines;
  /** For TraceRequested: the addressed state's point of contact in the directory. @default null (refused: NO_POINT_OF_CONTACT) */
  pointOfContact?: string | null;
  /** For TraceEscalated: the region's liaison point in the directory. @default null (refused: NO_LIAISON_POINT) */
  regionalLiaisonPoint?: string | null;
}

/** Agencies' clocks drift; an event a few minutes "in the future" is a clock, not a lie (as for seizure reports). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Handling compared with its defaults filled in: an envelope's handling is the parsed one. */
function sameHandling(decided: unknown, claimed: unknown): boolean {
  const [a, b] = [Handling.safeParse(decided), Handling.safeParse(claimed)];
  return a.success && b.success && sameJson(a.data, b.data);
}

/** The command an arriving event claims to be the outcome of, with the facts the hub knows; its time is the event's own. */
function commandOf(event: TraceEvent, facts: TraceEventFacts): TraceCommand {
  const metadata = { now: event.occurredAt, actor: event.originator };
  switch (event.type) {
    case 'TraceRequested': {
      // requesterState, pointOfContact and deadline are what the rules compute; the event's own are compared, not used.
      const { requesterState: _state, pointOfContact: _poc, deadline: _deadline, ...request } = event.data;
      return { type: 'RequestTrace', metadata, data: { ...request, pointOfContact: facts.pointOfContact ?? null, deadlines: facts.deadlines } };
    }
    case 'TraceAcknowledged':
      return { type: 'AcknowledgeTrace', metadata, data: event.data };
    case 'TraceAnswered':
      return { type: 'AnswerTrace', metadata, data: event.data };
    case 'TraceDeclined':
      return { type: 'DeclineTrace', metadata, data: event.data };
    case 'TraceEscalated':
      return { type: 'EscalateTrace', metadata, data: { traceId: event.data.traceId, regionalLiaisonPoint: facts.regionalLiaisonPoint ?? null } };
  }
}

/**
 * May the hub apply this arriving event to the trace? The same rules,
 * checked on the event, its originator the actor and its `occurredAt` the
 * time: it is accepted only if deciding the command it claims to come from,
 * on the hub's state and with the hub's facts, gives the same data and the
 * same handling (a partner cannot answer for the point of contact, move a
 * deadline, escalate early or to an agency of its choosing, or widen who
 * sees a trace). Throws the rule's error otherwise: `TB_ERR_OCCURRED_IN_FUTURE`
 * for an event dated after `receivedAt`, `TB_ERR_INVALID_EVENT` for one the
 * rules would give differently, or the refusal itself (e.g.
 * `TB_ERR_NOT_TRACE_POINT_OF_CONTACT`).
 */
export function checkTraceEvent(state: TraceState, event: TraceEvent, facts: TraceEventFacts): void {
  // Dating an escalation ahead would pass the overdue check before the deadline has passed.
  if (isoMillis(event.occurredAt) > isoMillis(facts.receivedAt) + CLOCK_SKEW_MS) {
    throw new DomainError(ErrorCodes.OCCURRED_IN_FUTURE, `${event.type} from ${event.originator.agency} is dated after it arrived`, ['occurredAt']);
  }
  const [decided] = traceDecider.decide(commandOf(event, facts), state);
  if (!sameJson(decided!.data, event.data) || !sameHandling(decided!.handling, event.handling)) {
    throw new DomainError(ErrorCodes.INVALID_EVENT, `${event.type} from ${event.originator.agency} is not what the tracing rules give`);
  }
}
