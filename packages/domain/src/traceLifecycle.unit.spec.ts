import { describe, it } from 'vitest';
import { acknowledged, answered, as, AT, AT_CUSTOMS, declined, event, GH, requested, spec, traceId } from './traceFixtures.spec';

const later = '2026-11-29T08:00:00.000Z';

describe('a tracing request’s lifecycle: SENT → ACKNOWLEDGED → ANSWERED or UNABLE_TO_TRACE (decider)', () => {
  it('is acknowledged once, by the addressed point of contact, under the request’s handling', () => {
    spec
      .given([requested])
      .when(as(AT, 'AcknowledgeTrace', { traceId }, later))
      .then([event(AT, 'TraceAcknowledged', { traceId }, later)]);
    spec
      .given([requested, acknowledged])
      .when(as(AT, 'AcknowledgeTrace', { traceId }))
      .thenRefuses({ code: 'TB_ERR_TRACE_ALREADY_ACKNOWLEDGED', path: ['traceId'] });
    spec
      .given([])
      .when(as(AT, 'AcknowledgeTrace', { traceId }))
      .thenRefuses({ code: 'TB_ERR_TRACE_NOT_FOUND', path: ['traceId'] });
  });

  it('is acknowledged, answered or declined only by the addressed point of contact: not another agency of its state, not the requester', () => {
    for (const other of [AT_CUSTOMS, GH]) {
      spec
        .given([requested])
        .when(as(other, 'AcknowledgeTrace', { traceId }))
        .thenRefuses({ code: 'TB_ERR_NOT_TRACE_POINT_OF_CONTACT' });
      spec
        .given([requested, acknowledged])
        .when(as(other, 'AnswerTrace', { traceId, findings: { comments: 'sold to a dealer' } }))
        .thenRefuses({ code: 'TB_ERR_NOT_TRACE_POINT_OF_CONTACT' });
      spec
        .given([requested])
        .when(as(other, 'DeclineTrace', { traceId, reason: 'no record' }))
        .thenRefuses({ code: 'TB_ERR_NOT_TRACE_POINT_OF_CONTACT' });
    }
  });

  it('is answered from SENT or ACKNOWLEDGED, with its findings trimmed and blanks left out', () => {
    const findings = { lastLegalHolder: ' Registered dealer, Accra ', exportHistory: 'Exported AT→GH 2019, licence 2019/114', importHistory: '', comments: '  ' };
    const expected = event(AT, 'TraceAnswered', { traceId, findings: { lastLegalHolder: 'Registered dealer, Accra', exportHistory: 'Exported AT→GH 2019, licence 2019/114' } });
    spec
      .given([requested])
      .when(as(AT, 'AnswerTrace', { traceId, findings }))
      .then([expected]);
    spec
      .given([requested, acknowledged])
      .when(as(AT, 'AnswerTrace', { traceId, findings }))
      .then([expected]);
  });

  it('refuses an answer without a single finding: a trace that found nothing is declined', () => {
    spec
      .given([requested, acknowledged])
      .when(as(AT, 'AnswerTrace', { traceId, findings: { comments: ' ' } }))
      .thenRefuses({ code: 'TB_ERR_TRACE_ANSWER_EMPTY', path: ['findings'] });
  });

  it('is declined as unable to trace from SENT or ACKNOWLEDGED, always with a reason', () => {
    spec
      .given([requested])
      .when(as(AT, 'DeclineTrace', { traceId, reason: ' No record of this serial ' }))
      .then([declined]);
    spec
      .given([requested, acknowledged])
      .when(as(AT, 'DeclineTrace', { traceId, reason: 'No record of this serial' }))
      .then([declined]);
    spec
      .given([requested])
      .when(as(AT, 'DeclineTrace', { traceId, reason: '  ' }))
      .thenRefuses({ code: 'TB_ERR_BAD_USER_INPUT', path: ['reason'] });
  });

  it('is closed once answered or declined: nothing more is acknowledged, answered or declined', () => {
    for (const closed of [answered, declined]) {
      spec
        .given([requested, closed])
        .when(as(AT, 'AcknowledgeTrace', { traceId }))
        .thenRefuses({ code: 'TB_ERR_TRACE_CLOSED' });
      spec
        .given([requested, acknowledged, closed])
        .when(as(AT, 'AnswerTrace', { traceId, findings: { comments: 'after all' } }))
        .thenRefuses({ code: 'TB_ERR_TRACE_CLOSED' });
      spec
        .given([requested, closed])
        .when(as(AT, 'DeclineTrace', { traceId, reason: 'after all' }))
        .thenRefuses({ code: 'TB_ERR_TRACE_CLOSED' });
    }
  });
});
