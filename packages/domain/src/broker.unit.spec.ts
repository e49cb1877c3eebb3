import { brokerStreamId, createUnsignedEnvelope } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import { brokerDecider, checkBrokerEvent, type BrokerCommand, type BrokerEvent } from './broker';
import { replay } from './decider';
import { deciderSpec } from './deciderSpecification';

const brokerId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a01';
const licenceId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a02';
const flagId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a03';
const seizureId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a04';
const t0 = '2026-11-01T09:00:00.000Z';
const t1 = '2026-11-10T09:00:00.000Z';
const t2 = '2026-11-20T09:00:00.000Z';
const GH = { agency: 'GH-LICENSING', state: 'GH' };
const TG = { agency: 'TG-LICENSING', state: 'TG' };
const handling = { tlp: 'GREEN' as const };

const registration = {
  brokerId,
  name: 'Volta Arms Brokerage Ltd',
  registrationNumber: 'GH-BR-0042',
  nationality: 'GH',
  residence: 'GH',
  activities: ['BROKERING' as const, 'TRANSPORT' as const],
  validUntil: '2027-12-31T00:00:00.000Z',
  conditions: 'no transfers to non-state actors',
};
const licence = {
  brokerId,
  licenceId,
  quantity: 40,
  category: 'RIFLE' as const,
  exportingState: 'TR',
  importingState: 'GH',
  transitStates: ['TG'],
  endUser: 'Ghana Armed Forces',
  validUntil: '2027-06-30T00:00:00.000Z',
};

type Actor = { agency: string; state: string };
const cmd = <T extends BrokerCommand['type']>(type: T, data: Extract<BrokerCommand, { type: T }>['data'], actor: Actor = GH, now = t1): BrokerCommand =>
  ({ type, data, metadata: { now, actor } }) as BrokerCommand;
const ev = <T extends BrokerEvent['type']>(type: T, data: Extract<BrokerEvent, { type: T }>['data'], occurredAt = t1, originator: Actor = GH): BrokerEvent =>
  ({ type, data, occurredAt, handling, originator }) as BrokerEvent;

const registered = ev('BrokerRegistered', registration, t0);
const granted = ev('BrokerLicenceGranted', licence);
const suspended = ev('BrokerSuspended', { brokerId, reason: 'under investigation' });
const revoked = ev('BrokerRevoked', { brokerId, reason: 'convicted of arms trafficking' }, t2);

const spec = deciderSpec(brokerDecider);

describe('a broker of the register (decider)', () => {
  it('is registered by a licensing authority, in its own state, GREEN unless it says otherwise', () => {
    spec
      .given([])
      .when(cmd('RegisterBroker', { ...registration, handling }, GH, t0))
      .then([registered]);
    const state = replay(brokerDecider, [registered]);
    expect(state.broker).toMatchObject({ id: brokerId, state: 'GH', authority: 'GH-LICENSING', status: 'REGISTERED', registeredAt: t0, licences: [], flags: [] });
    // its events are valid events of the contract, on the broker's stream
    expect(() => createUnsignedEnvelope({ ...registered, streamId: brokerStreamId(brokerId), recordedAt: t0 })).not.toThrow();
    expect(() => createUnsignedEnvelope({ ...granted, streamId: brokerStreamId(brokerId), recordedAt: t1 })).not.toThrow();
  });

  it('is registered once, for a time that has not already passed', () => {
    spec
      .given([registered])
      .when(cmd('RegisterBroker', { ...registration, handling }))
      .thenRefuses({ code: 'TB_ERR_BROKER_ALREADY_REGISTERED', path: ['brokerId'] });
    spec
      .given([])
      .when(cmd('RegisterBroker', { ...registration, validUntil: '2026-11-01T00:00:00Z', handling }, GH, t1))
      .thenRefuses({ code: 'TB_ERR_BROKER_VALIDITY_INVALID', path: ['validUntil'] });
  });

  it('is licensed per transaction, by its authority only, within its registration', () => {
    spec.given([registered]).when(cmd('GrantBrokeringLicence', licence)).then([granted]);
    const { brokerId: _b, licenceId: _l, ...terms } = licence;
    expect(replay(brokerDecider, [registered, granted]).broker?.licences).toEqual([{ id: licenceId, ...terms, grantedAt: t1 }]);
    spec
      .given([])
      .when(cmd('GrantBrokeringLicence', licence))
      .thenRefuses({ code: 'TB_ERR_BROKER_NOT_FOUND', path: ['brokerId'] });
    spec
      .given([registered])
      .when(cmd('GrantBrokeringLicence', licence, TG))
      .thenRefuses({ code: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['brokerId'] });
    spec
      .given([registered])
      .when(cmd('GrantBrokeringLicence', { ...licence, validUntil: '2028-01-01T00:00:00Z' }))
      .thenRefuses({ code: 'TB_ERR_BROKER_VALIDITY_INVALID', path: ['validUntil'] });
    spec
      .given([registered])
      .when(cmd('GrantBrokeringLicence', { ...licence, validUntil: '2026-11-05T00:00:00Z' }))
      .thenRefuses({ code: 'TB_ERR_BROKER_VALIDITY_INVALID', path: ['validUntil'] });
    spec
      .given([registered, granted])
      .when(cmd('GrantBrokeringLicence', licence))
      .thenRefuses({ code: 'TB_ERR_BAD_USER_INPUT', path: ['licenceId'] });
  });

  it('gets no licence while suspended, revoked or lapsed', () => {
    spec
      .given([registered, suspended])
      .when(cmd('GrantBrokeringLicence', licence))
      .thenRefuses({ code: 'TB_ERR_BROKER_SUSPENDED', path: ['brokerId'] });
    spec
      .given([registered, revoked])
      .when(cmd('GrantBrokeringLicence', licence, GH, '2026-11-21T00:00:00Z'))
      .thenRefuses({ code: 'TB_ERR_BROKER_REVOKED', path: ['brokerId'] });
    spec
      .given([registered])
      .when(cmd('GrantBrokeringLicence', licence, GH, '2028-01-02T00:00:00Z'))
      .thenRefuses({ code: 'TB_ERR_BROKER_EXPIRED', path: ['brokerId'] });
  });

  it('is suspended once and revoked for good, by its authority only', () => {
    spec
      .given([registered])
      .when(cmd('SuspendBroker', { brokerId, reason: 'under investigation' }))
      .then([suspended]);
    spec
      .given([registered, suspended])
      .when(cmd('SuspendBroker', { brokerId, reason: 'again' }))
      .thenRefuses({ code: 'TB_ERR_BROKER_SUSPENDED', path: ['brokerId'] });
    spec
      .given([registered])
      .when(cmd('SuspendBroker', { brokerId, reason: 'not mine' }, TG))
      .thenRefuses({ code: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['brokerId'] });
    // a suspended broker may be revoked; a revoked one is neither suspended nor revoked again
    spec
      .given([registered, suspended])
      .when(cmd('RevokeBroker', { brokerId, reason: 'convicted of arms trafficking' }, GH, t2))
      .then([revoked]);
    spec
      .given([registered, revoked])
      .when(cmd('RevokeBroker', { brokerId, reason: 'twice' }, GH, t2))
      .thenRefuses({ code: 'TB_ERR_BROKER_REVOKED', path: ['brokerId'] });
    spec
      .given([registered, revoked])
      .when(cmd('SuspendBroker', { brokerId, reason: 'after' }, GH, t2))
      .thenRefuses({ code: 'TB_ERR_BROKER_REVOKED', path: ['brokerId'] });
    spec
      .given([registered])
      .when(cmd('RevokeBroker', { brokerId, reason: 'not mine' }, TG))
      .thenRefuses({ code: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['brokerId'] });
    expect(replay(brokerDecider, [registered, suspended, revoked]).broker).toMatchObject({ status: 'REVOKED', statusReason: 'convicted of arms trafficking', statusChangedAt: t2 });
  });

  it('is flagged by its authority whatever its status, a seizure named or not', () => {
    const flagged = ev('BrokerActivityFlagged', { brokerId, flagId, reason: 'named in a seizure at Aflao', seizureId }, t2);
    spec
      .given([registered, revoked])
      .when(cmd('FlagBrokerActivity', { brokerId, flagId, reason: 'named in a seizure at Aflao', seizureId }, GH, t2))
      .then([flagged]);
    spec
      .given([registered])
      .when(cmd('FlagBrokerActivity', { brokerId, flagId, reason: 'seen' }, TG))
      .thenRefuses({ code: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['brokerId'] });
    spec
      .given([registered, flagged])
      .when(cmd('FlagBrokerActivity', { brokerId, flagId, reason: 'again' }))
      .thenRefuses({ code: 'TB_ERR_BAD_USER_INPUT', path: ['flagId'] });
    expect(replay(brokerDecider, [registered, flagged]).broker?.flags).toEqual([{ id: flagId, reason: 'named in a seizure at Aflao', seizureId, flaggedAt: t2 }]);
  });

  it('holds at most 200 licences', () => {
    const many = Array.from({ length: 200 }, (_, i) => ev('BrokerLicenceGranted', { ...licence, licenceId: `0190a3b4-1c2d-7e8f-9a0b-${String(i).padStart(12, '0')}` }));
    spec
      .given([registered, ...many])
      .when(cmd('GrantBrokeringLicence', licence))
      .thenRefuses({ code: 'TB_ERR_BROKER_LIMIT_REACHED' });
  });
});

describe('an arriving broker event, checked by the hub (checkBrokerEvent)', () => {
  it('passes when it is what the rules give its signer', () => {
    expect(() => checkBrokerEvent(brokerDecider.initialState(), registered)).not.toThrow();
    expect(() => checkBrokerEvent(replay(brokerDecider, [registered]), granted)).not.toThrow();
  });

  it('is refused from any agency but the registering authority, on an unknown broker, or breaking a rule', () => {
    const state = replay(brokerDecider, [registered]);
    expect(() => checkBrokerEvent(state, ev('BrokerSuspended', { brokerId, reason: 'forged' }, t1, TG))).toThrow(expect.objectContaining({ code: 'TB_ERR_NOT_BROKER_AUTHORITY' }));
    expect(() => checkBrokerEvent(brokerDecider.initialState(), granted)).toThrow(expect.objectContaining({ code: 'TB_ERR_BROKER_NOT_FOUND' }));
    expect(() => checkBrokerEvent(replay(brokerDecider, [registered, revoked]), ev('BrokerLicenceGranted', licence, t2))).toThrow(
      expect.objectContaining({ code: 'TB_ERR_BROKER_REVOKED' }),
    );
    expect(() => checkBrokerEvent(state, registered)).toThrow(expect.objectContaining({ code: 'TB_ERR_BROKER_ALREADY_REGISTERED' }));
  });
});
