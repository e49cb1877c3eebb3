import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './trace';
import { checkTraceEvent, type TraceEventFacts } from './traceCheck';
import { traceDeadlines } from './traceDeadlines';
import {
  acknowledged,
  amberStrict,
  answered,
  AT,
  AT_CUSTOMS,
  deadlines,
  event,
  GH,
  LIAISON,
  requested,
  requestedData,
  routineDue,
  sentAt,
  stateOf,
  traceId,
} from './traceFixtures.spec';

const dayAfter = '2026-12-02T10:00:00.000Z';
const hubFacts: TraceEventFacts = { receivedAt: dayAfter, deadlines, pointOfContact: 'AT-POLICE', regionalLiaisonPoint: LIAISON };
const escalatedAt = (at: string, to = LIAISON, deadline = routineDue) => event(GH, 'TraceEscalated', { traceId, to, deadline }, at, amberStrict(['GH-CUSTOMS', 'AT-POLICE', to]));
const forged = (data: object, handling?: object): TraceEvent => ({ ...requested, data: { ...requested.data, ...data }, ...(handling ? { handling } : {}) }) as TraceEvent;

/** The refusal's code, or undefined when the hub accepts the event. */
const refusal = (events: TraceEvent[], arriving: TraceEvent, facts: TraceEventFacts = hubFacts): string | undefined => {
  try {
    checkTraceEvent(stateOf(events), arriving, facts);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('the hub’s check of an arriving trace event (the same rules, its originator the actor, its time the event’s)', () => {
  it('accepts a request as the rules give it, with the directory’s point of contact and the network’s deadlines', () => {
    expect(refusal([], requested, { ...hubFacts, receivedAt: sentAt })).toBeUndefined();
    // the envelope's handling, parsed, has its defaults filled in: the same handling
    expect(refusal([], { ...requested, handling: { ...amberStrict(), reliability: 'X', accuracy: 4 } })).toBeUndefined();
  });

  it('refuses a request to another agency than the directory’s point of contact, or where the hub knows none', () => {
    expect(refusal([], requested, { ...hubFacts, pointOfContact: 'AT-CUSTOMS' })).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([], requested, { receivedAt: dayAfter, deadlines })).toBe('TB_ERR_NO_POINT_OF_CONTACT');
  });

  it('refuses a request that moves its deadline, changes its requester’s state, rewrites a serial’s matching form, or widens its handling', () => {
    expect(refusal([], forged({ deadline: '2026-12-08T10:00:00.000Z' }))).toBe('TB_ERR_INVALID_EVENT');
    // the hub's own durations decide: a deadline computed from others is refused
    expect(refusal([], requested, { ...hubFacts, deadlines: traceDeadlines({}) })).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([], forged({ requesterState: 'TG' }))).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([], forged({ item: { ...requestedData.item, serial: { asRead: 'ABC-0123', normalised: 'XYZ9' } } }))).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([], forged({}, { tlp: 'GREEN', releasableTo: [] }))).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([], forged({}, amberStrict(['GH-CUSTOMS', 'AT-POLICE', 'TG-POLICE'])))).toBe('TB_ERR_INVALID_EVENT');
  });

  it('refuses a request the rules refuse: incomplete, or to the requester’s own state', () => {
    expect(refusal([], forged({ item: { serialObliterated: true } }))).toBe('TB_ERR_TRACE_REQUEST_INCOMPLETE');
    expect(refusal([], forged({ addressedState: 'GH' }))).toBe('TB_ERR_TRACE_TO_OWN_STATE');
  });

  it('accepts an answer from the point of contact, and refuses one from any other agency', () => {
    expect(refusal([requested, acknowledged], answered)).toBeUndefined();
    expect(refusal([requested], { ...answered, originator: AT_CUSTOMS })).toBe('TB_ERR_NOT_TRACE_POINT_OF_CONTACT');
    expect(refusal([requested], event(GH, 'TraceAcknowledged', { traceId }))).toBe('TB_ERR_NOT_TRACE_POINT_OF_CONTACT');
    expect(refusal([requested, answered], event(AT, 'TraceDeclined', { traceId, reason: 'no record' }))).toBe('TB_ERR_TRACE_CLOSED');
  });

  it('checks an escalation at the time it was made: after the deadline it is accepted, before it is refused however late it arrives', () => {
    expect(refusal([requested], escalatedAt(dayAfter))).toBeUndefined();
    expect(refusal([requested], escalatedAt(routineDue))).toBe('TB_ERR_TRACE_NOT_OVERDUE');
    expect(refusal([requested], escalatedAt('2026-11-30T10:00:00.000Z'), { ...hubFacts, receivedAt: '2026-12-05T10:00:00.000Z' })).toBe('TB_ERR_TRACE_NOT_OVERDUE');
  });

  it('refuses an escalation dated after it arrived: it would pass the overdue check before the deadline has passed', () => {
    expect(refusal([requested], escalatedAt(dayAfter), { ...hubFacts, receivedAt: '2026-11-30T10:00:00.000Z' })).toBe('TB_ERR_OCCURRED_IN_FUTURE');
    // a clock a few minutes ahead is a clock
    expect(refusal([requested], escalatedAt(dayAfter), { ...hubFacts, receivedAt: '2026-12-02T09:57:00.000Z' })).toBeUndefined();
  });

  it('refuses an escalation to another agency than the region’s liaison point, naming another deadline, made twice, or where the hub knows no liaison point', () => {
    expect(refusal([requested], escalatedAt(dayAfter, 'TG-POLICE'))).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([requested], escalatedAt(dayAfter, LIAISON, sentAt))).toBe('TB_ERR_INVALID_EVENT');
    expect(refusal([requested, escalatedAt(dayAfter)], escalatedAt(dayAfter))).toBe('TB_ERR_TRACE_ALREADY_ESCALATED');
    expect(refusal([requested], escalatedAt(dayAfter), { receivedAt: dayAfter, deadlines })).toBe('TB_ERR_NO_LIAISON_POINT');
    expect(refusal([requested], { ...escalatedAt(dayAfter), originator: AT })).toBe('TB_ERR_NOT_TRACE_REQUESTER');
  });
});
