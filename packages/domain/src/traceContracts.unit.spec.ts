import { eventTypes, Handling, subjectFor, traceStreamId } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { acknowledged, answered, declined, event, GH, LIAISON, requested, requestedData, routineDue, traceId } from './traceFixtures.spec';

const escalated = event(GH, 'TraceEscalated', { traceId, to: LIAISON, deadline: routineDue });

describe('trace events as they travel (contracts)', () => {
  it('are family trace, version 1, on stream trace-<traceId>, and what the decider emits parses under their schemas', () => {
    for (const e of [requested, acknowledged, answered, declined, escalated]) {
      const spec = eventTypes[e.type];
      expect([spec.family, spec.version]).toEqual(['trace', 1]);
      expect(spec.schema.parse(e.data)).toEqual(e.data);
      expect(Handling.safeParse(e.handling).success).toBe(true);
    }
    expect(subjectFor('GH-CUSTOMS', 'TraceRequested')).toBe('tb.v1.GH-CUSTOMS.trace.TraceRequested');
    expect(traceStreamId(traceId)).toBe(`trace-${traceId}`);
  });

  it('refuse an urgent request without its reason, a routine one with one, and an answer without findings', () => {
    const schema = eventTypes.TraceRequested.schema;
    expect(schema.safeParse({ ...requestedData, priority: 'URGENT' }).success).toBe(false);
    expect(schema.safeParse({ ...requestedData, urgencyReason: 'because' }).success).toBe(false);
    expect(schema.safeParse({ ...requestedData, priority: 'URGENT', urgencyReason: 'because' }).success).toBe(true);
    expect(eventTypes.TraceAnswered.schema.safeParse({ traceId, findings: {} }).success).toBe(false);
  });

  it('leave out anything but the item’s markings, type and calibre', () => {
    const withPerson = { ...requestedData, item: { ...requestedData.item, persons: [{ name: 'Kofi Mensah' }] } };
    expect(eventTypes.TraceRequested.schema.parse(withPerson).item).not.toHaveProperty('persons');
  });
});
