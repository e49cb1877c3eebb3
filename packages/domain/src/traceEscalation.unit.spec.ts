import { describe, expect, it } from 'vitest';
import { isOverdue } from './trace';
import { acknowledged, amberStrict, answered, as, AT, declined, event, GH, GH_POLICE, LIAISON, requested, routineDue, spec, stateOf, traceId } from './traceFixtures.spec';

const justAfter = '2026-12-01T10:00:00.001Z';
const dayAfter = '2026-12-02T10:00:00.000Z';
const escalate = (by = GH, at = dayAfter, regionalLiaisonPoint: string | null = LIAISON) => as(by, 'EscalateTrace', { traceId, regionalLiaisonPoint }, at);
const escalated = event(GH, 'TraceEscalated', { traceId, to: LIAISON, deadline: routineDue }, dayAfter, amberStrict(['GH-CUSTOMS', 'AT-POLICE', LIAISON]));

describe('an overdue tracing request', () => {
  it('is overdue once its deadline has passed while it is SENT or ACKNOWLEDGED', () => {
    expect(isOverdue(stateOf([requested]), routineDue)).toBe(false);
    expect(isOverdue(stateOf([requested]), justAfter)).toBe(true);
    expect(isOverdue(stateOf([requested, acknowledged]), justAfter)).toBe(true);
  });

  it('is never overdue once answered or declined, nor before it exists', () => {
    expect(isOverdue(stateOf([requested, answered]), dayAfter)).toBe(false);
    expect(isOverdue(stateOf([requested, acknowledged, declined]), dayAfter)).toBe(false);
    expect(isOverdue(stateOf([]), dayAfter)).toBe(false);
  });
});

describe('escalating a tracing request (decider)', () => {
  it('sends an overdue trace to the region’s liaison point, signed by the requester, naming the missed deadline and releasing the trace to the liaison point', () => {
    spec.given([requested]).when(escalate()).then([escalated]);
    spec
      .given([requested, acknowledged])
      .when(escalate(GH, justAfter))
      .then([{ ...escalated, occurredAt: justAfter }]);
  });

  it('is refused before the deadline has passed', () => {
    spec
      .given([requested])
      .when(escalate(GH, routineDue))
      .thenRefuses({ code: 'TB_ERR_TRACE_NOT_OVERDUE', path: ['traceId'] });
  });

  it('happens once: a second escalation is refused as already done, even after the trace is answered', () => {
    spec
      .given([requested, escalated])
      .when(escalate())
      .thenRefuses({ code: 'TB_ERR_TRACE_ALREADY_ESCALATED', path: ['traceId'] });
    spec
      .given([requested, escalated, answered])
      .when(escalate())
      .thenRefuses({ code: 'TB_ERR_TRACE_ALREADY_ESCALATED', path: ['traceId'] });
  });

  it('is refused once the trace is answered or declined', () => {
    spec.given([requested, answered]).when(escalate()).thenRefuses({ code: 'TB_ERR_TRACE_CLOSED' });
    spec.given([requested, declined]).when(escalate()).thenRefuses({ code: 'TB_ERR_TRACE_CLOSED' });
  });

  it('is refused where the directory lists no liaison point for the region', () => {
    spec
      .given([requested])
      .when(escalate(GH, dayAfter, null))
      .thenRefuses({ code: 'TB_ERR_NO_LIAISON_POINT' });
  });

  it('is the requesting agency’s alone: not another agency of its state, not the point of contact', () => {
    spec.given([requested]).when(escalate(GH_POLICE)).thenRefuses({ code: 'TB_ERR_NOT_TRACE_REQUESTER' });
    spec.given([requested]).when(escalate(AT)).thenRefuses({ code: 'TB_ERR_NOT_TRACE_REQUESTER' });
    spec.given([]).when(escalate()).thenRefuses({ code: 'TB_ERR_TRACE_NOT_FOUND' });
  });

  it('releases what follows to the liaison point too', () => {
    spec
      .given([requested, escalated])
      .when(as(AT, 'AnswerTrace', { traceId, findings: { comments: 'Sold to a dealer in 2019' } }, dayAfter))
      .then([event(AT, 'TraceAnswered', { traceId, findings: { comments: 'Sold to a dealer in 2019' } }, dayAfter, amberStrict(['GH-CUSTOMS', 'AT-POLICE', LIAISON]))]);
  });
});
