import { describe, expect, it } from 'vitest';
import { createUnsignedEnvelope, decodeEvent, ErrorCodes, isTracebridgeError, newId, parseSignedEnvelope, subjectFilter, subjectFor, ValidationError } from './index';

const base = {
  originator: { state: 'GH', agency: 'GH-CUSTOMS' },
  handling: { tlp: 'AMBER' as const },
  occurredAt: '2026-11-20T10:00:00Z',
  recordedAt: '2026-11-20T10:05:00Z',
};

const itemV2 = { itemId: newId(), kind: 'WEAPON' as const, category: 'PISTOL' as const, manufacturer: 'Glock', serial: { asRead: 'ab-0123', normalised: 'AB0123' } };

describe('event envelope', () => {
  it('fills handling defaults before signing, so the signed form is complete', () => {
    const seizureId = newId();
    const env = createUnsignedEnvelope({
      ...base,
      type: 'SeizureReported',
      streamId: `seizure-${seizureId}`,
      data: { seizureId, location: { country: 'GH', place: 'Tema port', kind: 'PORT' }, details: { form: 'CUSTOMS' }, items: [itemV2] },
    });
    expect(env.handling).toEqual({ tlp: 'AMBER', code: 'H0', reliability: 'X', accuracy: 4, releasableTo: [] });
    expect(env.schemaVersion).toBe(3);
    expect(env.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('refuses bad data with the offending path', () => {
    const seizureId = newId();
    try {
      createUnsignedEnvelope({
        ...base,
        type: 'SeizureReported',
        streamId: `seizure-${seizureId}`,
        data: { seizureId, location: { country: 'XX', place: 'Tema', kind: 'PORT' }, details: { form: 'CUSTOMS' }, items: [itemV2] },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const v = e as ValidationError;
      expect(v.code).toBe(ErrorCodes.BAD_USER_INPUT);
      expect(v.issues.map((i) => i.path.join('.'))).toContain('data.location.country');
    }
  });

  it('requires restrictions text with handling code H3', () => {
    const seizureId = newId();
    expect(() =>
      createUnsignedEnvelope({
        ...base,
        handling: { tlp: 'RED', code: 'H3' },
        type: 'SeizureReported',
        streamId: `seizure-${seizureId}`,
        data: { seizureId, location: { country: 'GH', place: 'Tema', kind: 'PORT' }, details: { form: 'CUSTOMS' }, items: [itemV2] },
      }),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: ['handling', 'restrictions'] })] }));
  });

  it('reads a v1 SeizureReported as the current version through its upcasters', () => {
    const seizureId = newId();
    const v1 = parseSignedEnvelope({
      id: '01936d2e-8f3a-7c3b-9a4e-0c1d2e3f4a5b',
      type: 'SeizureReported',
      schemaVersion: 1,
      streamId: `seizure-${seizureId}`,
      ...base,
      handling: { tlp: 'GREEN', code: 'H0', reliability: 'B', accuracy: 2, releasableTo: [] },
      data: {
        seizureId,
        location: { country: 'TG', place: 'Lomé port', kind: 'PORT' },
        items: [
          { itemId: newId(), kind: 'WEAPON', manufacturer: 'Beretta', serialNumber: ' 00-px 4471 ' },
          { itemId: newId(), kind: 'AMMUNITION', calibre: '7.62x39mm', quantity: 500 },
        ],
      },
      signature: 'eyJhbGciOiJFZERTQSJ9..c2ln',
    });
    const event = decodeEvent(v1);
    expect(event.type).toBe('SeizureReported');
    expect(event.schemaVersion).toBe(3);
    if (event.type !== 'SeizureReported') throw new Error('unreachable');
    expect(event.data.details).toEqual({ form: 'CUSTOMS' });
    expect(event.data.brokers).toEqual([]);
    expect(event.data.conveyance).toBeUndefined();
    expect(event.data.items[0]?.serial).toEqual({ asRead: '00-px 4471', normalised: 'PX4471' });
    expect(event.data.items[1]?.serial).toBeUndefined();
    expect(event.data.items[1]?.quantity).toBe(500);
    expect(event.data.persons).toEqual([]);
  });

  it("reads a v2 SeizureReported as v3: the customs form's free-text conveyance becomes a conveyance of mode OTHER, and it names no brokers", () => {
    const seizureId = newId();
    const v2 = parseSignedEnvelope({
      id: '01936d2e-8f3a-7c3b-9a4e-0c1d2e3f4a5c',
      type: 'SeizureReported',
      schemaVersion: 2,
      streamId: `seizure-${seizureId}`,
      ...base,
      handling: { tlp: 'GREEN', code: 'H0', reliability: 'B', accuracy: 2, releasableTo: [] },
      data: {
        seizureId,
        location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
        details: { form: 'CUSTOMS', conveyance: 'MV Adwoa, container MSCU1234565' },
        items: [{ itemId: newId(), kind: 'WEAPON', manufacturer: 'Glock' }],
        documents: [{ kind: 'BILL_OF_LADING', number: 'BL-77' }],
      },
      signature: 'eyJhbGciOiJFZERTQSJ9..c2ln',
    });
    const event = decodeEvent(v2);
    if (event.type !== 'SeizureReported') throw new Error('unreachable');
    expect(event.data.conveyance).toEqual({ mode: 'OTHER', identifier: 'MV Adwoa, container MSCU1234565' });
    expect(event.data.brokers).toEqual([]);
    expect(event.data.documents).toEqual([{ kind: 'BILL_OF_LADING', number: 'BL-77' }]);
  });

  it('refuses unknown types, future versions and unknown envelope fields with stable codes', () => {
    const env = {
      id: '01936d2e-8f3a-7c3b-9a4e-0c1d2e3f4a5b',
      type: 'SeizureReported',
      schemaVersion: 4,
      streamId: 'seizure-x1',
      ...base,
      handling: { tlp: 'GREEN', code: 'H0', reliability: 'B', accuracy: 2, releasableTo: [] },
      data: {},
      signature: 'eyJhbGciOiJFZERTQSJ9..c2ln',
    };
    expect(() => decodeEvent(parseSignedEnvelope(env))).toThrow(expect.objectContaining({ code: ErrorCodes.UNSUPPORTED_SCHEMA_VERSION }));
    expect(() => decodeEvent(parseSignedEnvelope({ ...env, type: 'Nope' }))).toThrow(expect.objectContaining({ code: ErrorCodes.UNKNOWN_EVENT_TYPE }));
    try {
      parseSignedEnvelope({ ...env, extra: 1 });
      expect.unreachable();
    } catch (e) {
      expect(isTracebridgeError(e, ErrorCodes.INVALID_EVENT)).toBe(true);
    }
  });
});

describe('subjects', () => {
  it('names subjects tb.v1.<agency>.<family>.<type>', () => {
    expect(subjectFor('GH-CUSTOMS', 'SeizureReported')).toBe('tb.v1.GH-CUSTOMS.seizure.SeizureReported');
    expect(subjectFor('TG-POLICE', 'StockpileLossReported')).toBe('tb.v1.TG-POLICE.stockpile.StockpileLossReported');
    expect(subjectFilter()).toBe('tb.v1.>');
    expect(subjectFilter({ agency: 'GH-CUSTOMS' })).toBe('tb.v1.GH-CUSTOMS.*.*');
    expect(subjectFilter({ type: 'BrokerRegistered' })).toBe('tb.v1.*.broker.BrokerRegistered');
  });
});
