import { describe, expect, it } from 'vitest';
import { isClosed, orderTraces, type OrderableTrace } from './traceOrder';

const trace = (id: string, deadline: string, overdue = false, status = 'SENT'): OrderableTrace => ({ id, deadline, overdue, status });
const ids = (traces: OrderableTrace[]) => traces.map((t) => t.id);

describe('orderTraces', () => {
  it('puts overdue traces first, then the others, each by deadline (earliest first)', () => {
    const traces = [
      trace('later', '2026-11-25T10:00:00Z'),
      trace('overdue-recent', '2026-11-20T12:00:00Z', true),
      trace('sooner', '2026-11-22T10:00:00Z', false, 'ACKNOWLEDGED'),
      trace('overdue-oldest', '2026-11-19T08:00:00Z', true, 'ACKNOWLEDGED'),
    ];
    expect(ids(orderTraces(traces))).toEqual(['overdue-oldest', 'overdue-recent', 'sooner', 'later']);
  });

  it('an overdue trace comes before one due earlier that is not overdue', () => {
    // The API decides overdue (deadline passed while SENT or ACKNOWLEDGED): an answered one never is.
    const traces = [trace('answered-early', '2026-11-01T00:00:00Z', false, 'ANSWERED'), trace('overdue', '2026-11-10T00:00:00Z', true)];
    expect(ids(orderTraces(traces))).toEqual(['overdue', 'answered-early']);
  });

  it('puts answered and declined traces after those still awaiting an answer', () => {
    const traces = [
      trace('declined', '2026-11-02T00:00:00Z', false, 'UNABLE_TO_TRACE'),
      trace('open', '2026-11-30T00:00:00Z'),
      trace('answered', '2026-11-01T00:00:00Z', false, 'ANSWERED'),
    ];
    expect(ids(orderTraces(traces))).toEqual(['open', 'answered', 'declined']);
  });

  it('compares deadlines as instants, not as text', () => {
    const traces = [trace('a', '2026-11-20T10:00:00+02:00'), trace('b', '2026-11-20T09:30:00Z')];
    expect(ids(orderTraces(traces))).toEqual(['a', 'b']);
  });

  it('orders ties by id, and leaves its input as it was', () => {
    const traces = [trace('b', '2026-11-20T10:00:00Z'), trace('a', '2026-11-20T10:00:00Z')];
    expect(ids(orderTraces(traces))).toEqual(['a', 'b']);
    expect(ids(traces)).toEqual(['b', 'a']);
    expect(orderTraces([])).toEqual([]);
  });

  it('knows which statuses are closed', () => {
    expect(['SENT', 'ACKNOWLEDGED', 'ANSWERED', 'UNABLE_TO_TRACE'].map(isClosed)).toEqual([false, false, true, true]);
  });
});
