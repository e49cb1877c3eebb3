import { createUnsignedEnvelope } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpec } from './deciderSpecification';
import { normaliseBrokerName, normaliseIdentifier, seizureLinkKeys } from './linkKeys';
import { routeDecider, routeKey, routeLegsOf, seizureRouteLegs, trendOf, type ObserveRoute, type RouteEvent } from './routes';

const location = { country: 'GH', place: 'Tema', kind: 'PORT' as const };

describe("a seizure's corridor", () => {
  it('runs from origin through the transit states to destination, or to where the goods were seized when no destination is declared', () => {
    expect(seizureRouteLegs({ location, route: { origin: 'TR', transit: ['TG'], destination: 'GH' } })).toEqual(['TR', 'TG', 'GH']);
    expect(seizureRouteLegs({ location, route: { origin: 'TR', transit: ['TG'] } })).toEqual(['TR', 'TG', 'GH']);
    expect(seizureRouteLegs({ location, route: { transit: ['TG'], destination: 'BF' } })).toEqual(['TG', 'BF']);
  });

  it('collapses a state followed by itself, and is no corridor with fewer than two states', () => {
    expect(seizureRouteLegs({ location, route: { origin: 'GH', transit: [], destination: 'GH' } })).toBeNull();
    expect(seizureRouteLegs({ location, route: { origin: 'TG', transit: ['GH'] } })).toEqual(['TG', 'GH']);
    expect(seizureRouteLegs({ location, route: { transit: [] } })).toBeNull();
    expect(seizureRouteLegs({ location })).toBeNull();
  });

  it('is named by its legs, and the name gives the legs back', () => {
    expect(routeKey(['TR', 'TG', 'GH'])).toBe('TR-TG-GH');
    expect(routeLegsOf('TR-TG-GH')).toEqual(['TR', 'TG', 'GH']);
  });

  it('trends as the relative change against the period before, with no trend when that period had none', () => {
    expect(trendOf(3, 1)).toBe(2);
    expect(trendOf(1, 2)).toBe(-0.5);
    expect(trendOf(2, 3)).toBe(-0.333);
    expect(trendOf(5, 0)).toBeNull();
  });
});

describe('link keys', () => {
  it('compare identifiers without case, spaces or punctuation, and never link on junk or very short values', () => {
    expect(normaliseIdentifier('MSCU 123456-5')).toBe('MSCU1234565');
    expect(normaliseIdentifier('mscu1234565')).toBe('MSCU1234565');
    for (const junk of ['N/A', 'unknown', 'none', '000000', 'AB1', '  ', 'N/A N/A', 'XXXX', '1111', '9999', 'PENDING', 'unknown unknown', 'TBD', 'not available'])
      expect(normaliseIdentifier(junk), junk).toBeNull();
    for (const junk of ['TBD', 'NONE NONE', 'Unknown', 'X.X.X.']) expect(normaliseBrokerName(junk), junk).toBeNull();
  });

  it("compare brokers' names without company suffixes or accents", () => {
    expect(normaliseBrokerName('Sahel Logistics SARL')).toBe('SAHEL LOGISTICS');
    expect(normaliseBrokerName('SAHEL LOGISTICS')).toBe('SAHEL LOGISTICS');
    expect(normaliseBrokerName("Société Générale d'Armes S.A.")).toBe('SOCIETE GENERALE D ARMES');
  });

  it('take each broker by registration and by name, the conveyance whatever its mode, and each document, once', () => {
    const keys = seizureLinkKeys({
      brokers: [{ name: 'Sahel Logistics SARL', registrationNumber: 'BR-77', state: 'TG' }, { name: 'Sahel Logistics' }],
      conveyance: { mode: 'SEA', identifier: 'MSCU 123456-5' },
      documents: [
        { kind: 'END_USER_CERTIFICATE', number: 'EUC-2026/0042', issuingState: 'GH' },
        { kind: 'OTHER', number: 'n/a' },
      ],
    });
    expect(keys.map((k) => `${k.kind} ${k.key}`)).toEqual(['BROKER REG:BR77@TG', 'BROKER NAME:SAHEL LOGISTICS', 'CONVEYANCE MSCU1234565', 'DOCUMENT EUC20260042']);
    expect(keys.find((k) => k.kind === 'DOCUMENT')?.value).toBe('END_USER_CERTIFICATE EUC-2026/0042 (GH)');
  });
});

const routeId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a99';
const now = '2026-11-28T10:00:00.000Z';
const GH = { agency: 'GH-POLICE', state: 'GH' };
const observe = (legs: string[]): ObserveRoute => ({
  type: 'ObserveRoute',
  data: { routeId, legs, confidence: 'HIGH', seizureIds: [], handling: { tlp: 'AMBER' } },
  metadata: { now, actor: GH },
});
const observed: RouteEvent = {
  type: 'RouteObserved',
  data: { routeId, legs: ['TR', 'TG', 'GH'], confidence: 'HIGH', seizureIds: [] },
  occurredAt: now,
  handling: { tlp: 'AMBER' },
  originator: GH,
};
const spec = deciderSpec(routeDecider);

describe('a route observation (decider)', () => {
  it('is recorded once, as an act of the observing agency under its handling', () => {
    spec
      .given([])
      .when(observe(['TR', 'TG', 'GH']))
      .then([observed]);
    expect(() => createUnsignedEnvelope({ ...observed, streamId: `route-${routeId}`, recordedAt: now })).not.toThrow();
    spec
      .given([observed])
      .when(observe(['TR', 'TG', 'GH']))
      .thenRefuses({ code: 'TB_ERR_ROUTE_ALREADY_OBSERVED', path: ['routeId'] });
  });

  it('refuses a leg from a state to itself, naming it', () => {
    spec
      .given([])
      .when(observe(['TR', 'TG', 'TG', 'GH']))
      .thenRefuses({ code: 'TB_ERR_BAD_USER_INPUT', path: ['legs', 2] });
  });
});
