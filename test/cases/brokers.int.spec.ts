import { randomUUID } from 'node:crypto';
import { brokerStreamId, createUnsignedEnvelope, decodeEvent, type EventType } from '@tracebridge/contracts';
import { signEvent } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type GqlResult, type HubStack } from '../support/hubStack';

/**
 * The broker registry (PoA II.14, IV.1(d); ADR 12) through the hub's API,
 * in process over a real nats-server and SQLite files: every act goes hub →
 * the licensing officer's own authority's service (decided on its own
 * stream, signed, stored) → JetStream → the hub's consumer (checked by the
 * same rules) → the views, read under the one policy.
 */
let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack('brokers');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const BROKER_FIELDS =
  'id name registrationNumber state status statusReason validUntil nationality residence activities conditions registeredBy { id } licences { id category exportingState importingState transitStates quantity endUser validUntil inForce } flags { reason seizureId } handling { tlp }';
type BrokerView = {
  id: string;
  name: string;
  state: string;
  status: string;
  statusReason: string | null;
  registeredBy: { id: string };
  licences: { id: string; category: string; importingState: string; transitStates: string[]; inForce: boolean }[];
  flags: { reason: string; seizureId: string | null }[];
  handling: { tlp: string };
};
const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions;
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

const REGISTER = `mutation($i: RegisterBrokerInput!) { registerBroker(input: $i) { ${BROKER_FIELDS} } }`;
const registration = (over: Record<string, unknown> = {}) => ({
  name: 'Volta Arms Brokerage Ltd',
  registrationNumber: `GH-BR-${randomUUID().slice(0, 8)}`,
  nationality: 'GH',
  residence: 'GH',
  activities: ['BROKERING', 'TRANSPORT'],
  validUntil: inAYear(),
  conditions: 'no transfers to non-state actors',
  ...over,
});
const register = async (agency: string, over: Record<string, unknown> = {}) =>
  ok(await stack.hub<{ registerBroker: BrokerView }>(agency, REGISTER, { i: registration(over) })).registerBroker;
const LICENCE = `mutation($i: BrokeringLicenceInput!) { grantBrokeringLicence(input: $i) { ${BROKER_FIELDS} } }`;
const licence = (brokerId: string, over: Record<string, unknown> = {}) => ({
  brokerId,
  quantity: 40,
  category: 'RIFLE',
  exportingState: 'TR',
  importingState: 'GH',
  transitStates: ['TG'],
  endUser: 'Ghana Armed Forces',
  validUntil: inAMonth(),
  ...over,
});
const brokerAs = async (agency: string, id: string) =>
  ok(await stack.hub<{ broker: BrokerView | null }>(agency, `query($id: ID!) { broker(id: $id) { ${BROKER_FIELDS} } }`, { id })).broker;
const SUSPEND = `mutation($id: ID!, $r: String!) { suspendBroker(id: $id, reason: $r) { ${BROKER_FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $r: String!) { revokeBroker(id: $id, reason: $r) { ${BROKER_FIELDS} } }`;
const FLAG = `mutation($i: BrokerFlagInput!) { flagBrokerActivity(input: $i) { ${BROKER_FIELDS} } }`;

describe('the broker registry', () => {
  it('is kept by a licensing authority: register, license, suspend, revoke, flag; every step read back as all will see it', async () => {
    const registered = await register('GH-LICENSING');
    expect(registered).toMatchObject({ state: 'GH', status: 'REGISTERED', registeredBy: { id: 'GH-LICENSING' }, handling: { tlp: 'GREEN' }, licences: [], flags: [] });
    const licensed = ok(await stack.hub<{ grantBrokeringLicence: BrokerView }>('GH-LICENSING', LICENCE, { i: licence(registered.id) })).grantBrokeringLicence;
    expect(licensed.licences).toEqual([expect.objectContaining({ category: 'RIFLE', importingState: 'GH', transitStates: ['TG'], inForce: true })]);
    const suspended = ok(await stack.hub<{ suspendBroker: BrokerView }>('GH-LICENSING', SUSPEND, { id: registered.id, r: 'under investigation' })).suspendBroker;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusReason: 'under investigation' });
    expect(suspended.licences[0]!.inForce).toBe(false);
    // No licence while suspended: the authority's own service refuses, with the input path.
    const refused = await stack.hub('GH-LICENSING', LICENCE, { i: licence(registered.id) });
    expect(codeOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_BROKER_SUSPENDED', path: ['input', 'brokerId'] });
    const revoked = ok(await stack.hub<{ revokeBroker: BrokerView }>('GH-LICENSING', REVOKE, { id: registered.id, r: 'convicted of arms trafficking' })).revokeBroker;
    expect(revoked.status).toBe('REVOKED');
    expect(codeOf(await stack.hub('GH-LICENSING', REVOKE, { id: registered.id, r: 'again' }))).toMatchObject({ tbCode: 'TB_ERR_BROKER_REVOKED', path: ['id'] });
    const flagged = ok(
      await stack.hub<{ flagBrokerActivity: BrokerView }>('GH-LICENSING', FLAG, { i: { brokerId: registered.id, reason: 'still trading after revocation' } }),
    ).flagBrokerActivity;
    expect(flagged.flags).toEqual([{ reason: 'still trading after revocation', seizureId: null }]);
    // GREEN by default: another state's agency reads it as the authority does.
    expect(await brokerAs('TG-POLICE', registered.id)).toEqual(flagged);
  });

  it('lets an authority restrict a broker: an AMBER one is seen in its own state only, in one broker and in the list', async () => {
    const amber = await register('GH-LICENSING', { name: 'Discreet Freight SARL', handling: { tlp: 'AMBER' } });
    expect(await brokerAs('GH-POLICE', amber.id)).toMatchObject({ id: amber.id, handling: { tlp: 'AMBER' } });
    expect(await brokerAs('TG-POLICE', amber.id)).toBeNull();
    const listed = async (agency: string) =>
      ok(await stack.hub<{ brokers: { nodes: { id: string }[]; totalCount: number } }>(agency, '{ brokers(filter: { name: "discreet freight" }) { nodes { id } totalCount } }'))
        .brokers;
    expect(await listed('GH-CUSTOMS')).toEqual({ nodes: [{ id: amber.id }], totalCount: 1 });
    expect(await listed('TG-CUSTOMS')).toEqual({ nodes: [], totalCount: 0 });
  });

  it('lists brokers by state, status and name, a page at a time, and audits reads for the authority', async () => {
    const tg = await register('TG-LICENSING', { name: 'Lomé Négoce Armes', registrationNumber: `TG-${randomUUID().slice(0, 6)}`, nationality: 'TG', residence: 'TG' });
    const other = await register('TG-LICENSING', { name: 'Lome Negoce Armes Two', registrationNumber: `TG-${randomUUID().slice(0, 6)}` });
    ok(await stack.hub('TG-LICENSING', SUSPEND, { id: other.id, r: 'late annual report' }));
    type Page = { brokers: { nodes: { id: string; status: string }[]; totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const page = (filter: Record<string, unknown>, first: number, after?: string) =>
      stack.hub<Page>(
        'GH-POLICE',
        'query($f: BrokerFilter, $n: Int, $a: String) { brokers(filter: $f, first: $n, after: $a) { nodes { id status } totalCount pageInfo { endCursor hasNextPage } } }',
        {
          f: filter,
          n: first,
          ...(after ? { a: after } : {}),
        },
      );
    const first = ok(await page({ state: 'TG', name: 'LOME NEGOCE' }, 1)).brokers;
    expect(first).toMatchObject({ nodes: [{ id: other.id, status: 'SUSPENDED' }], totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = ok(await page({ state: 'TG', name: 'LOME NEGOCE' }, 1, first.pageInfo.endCursor!)).brokers;
    expect(second).toMatchObject({ nodes: [{ id: tg.id, status: 'REGISTERED' }], pageInfo: { hasNextPage: false } });
    expect(ok(await page({ state: 'TG', status: 'SUSPENDED' }, 10)).brokers.nodes.map((n) => n.id)).toEqual([other.id]);
    expect(ok(await page({ state: 'TG', status: 'EXPIRED' }, 10)).brokers.totalCount).toBe(0);
    const reads = ok(
      await stack.hub<{ readsOfMyRecords: { recordId: string; reader: { id: string } }[] }>('TG-LICENSING', '{ readsOfMyRecords { recordId reader { id } } }'),
    ).readsOfMyRecords;
    expect(reads).toEqual(expect.arrayContaining([{ recordId: tg.id, reader: { id: 'GH-POLICE' } }]));
  });

  it('is kept by licensing officers only, each authority acting on its own brokers only', async () => {
    const number = `GH-BR-${randomUUID().slice(0, 8)}`;
    const gh = await register('GH-LICENSING', { registrationNumber: number });
    const customs = await stack.hub('GH-CUSTOMS', REGISTER, { i: registration() });
    expect(codeOf(customs)).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
    expect(codeOf(await stack.hub('GH-CUSTOMS', SUSPEND, { id: gh.id, r: 'not mine' }))).toMatchObject({ code: 'FORBIDDEN' });
    // An analyst of the authority reads the register but does not keep it.
    expect(codeOf(await stack.hub('GH-LICENSING', SUSPEND, { id: gh.id, r: 'analyst' }, ['ANALYST']))).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_ROLE_REQUIRED' });
    const foreign = await stack.hub('TG-LICENSING', SUSPEND, { id: gh.id, r: 'not my broker' });
    expect(codeOf(foreign)).toMatchObject({ code: 'FORBIDDEN', tbCode: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['id'] });
    expect(codeOf(await stack.hub('TG-LICENSING', LICENCE, { i: licence(gh.id) }))).toMatchObject({ tbCode: 'TB_ERR_NOT_BROKER_AUTHORITY', path: ['input', 'brokerId'] });
    expect((await brokerAs('GH-LICENSING', gh.id))?.status).toBe('REGISTERED');
    // One registration number per register (case and dashes aside); another register may use it.
    const again = await stack.hub('GH-LICENSING', REGISTER, { i: registration({ registrationNumber: number.toLowerCase().replaceAll('-', ' ') }) });
    expect(codeOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_BROKER_ALREADY_REGISTERED', path: ['input', 'registrationNumber'] });
    expect((await register('TG-LICENSING', { registrationNumber: number })).state).toBe('TG');
  });

  it('refuses, at the hub, a broker event its registering authority did not sign, and one its rules refuse', async () => {
    const gh = await register('GH-LICENSING');
    const forge = (type: EventType, agency: string, state: string, data: Record<string, unknown>) =>
      signEvent(
        createUnsignedEnvelope({
          type,
          streamId: brokerStreamId(gh.id),
          originator: { agency, state },
          handling: { tlp: 'GREEN' },
          occurredAt: new Date().toISOString(),
          recordedAt: new Date().toISOString(),
          data,
        } as Parameters<typeof createUnsignedEnvelope>[0]),
        stack.keysOf(agency).eventKey,
      );
    const byTogo = await forge('BrokerSuspended', 'TG-LICENSING', 'TG', { brokerId: gh.id, reason: 'forged' });
    expect(() => stack.projection.apply(decodeEvent(byTogo))).toThrow(expect.objectContaining({ name: 'RejectedEvent', code: 'TB_ERR_NOT_RECORD_ORIGINATOR' }));
    const byCustoms = await forge('BrokerRevoked', 'GH-CUSTOMS', 'GH', { brokerId: gh.id, reason: 'forged' });
    expect(() => stack.projection.apply(decodeEvent(byCustoms))).toThrow(expect.objectContaining({ code: 'TB_ERR_NOT_BROKER_AUTHORITY' }));
    // Only licensing authorities keep registers: a customs agency's own signed registration is refused, not a register of its own.
    const ownId = randomUUID();
    const customsRegister = await signEvent(
      createUnsignedEnvelope({
        type: 'BrokerRegistered',
        streamId: brokerStreamId(ownId),
        originator: { agency: 'GH-CUSTOMS', state: 'GH' },
        handling: { tlp: 'GREEN' },
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        data: { ...registration(), brokerId: ownId },
      } as Parameters<typeof createUnsignedEnvelope>[0]),
      stack.keysOf('GH-CUSTOMS').eventKey,
    );
    expect(() => stack.projection.apply(decodeEvent(customsRegister))).toThrow(expect.objectContaining({ code: 'TB_ERR_NOT_BROKER_AUTHORITY' }));
    expect(await brokerAs('TG-POLICE', ownId)).toBeNull();
    // Another authority cannot take the id over with a registration of its own.
    const takeover = await forge('BrokerRegistered', 'TG-LICENSING', 'TG', { ...registration(), brokerId: gh.id });
    expect(() => stack.projection.apply(decodeEvent(takeover))).toThrow(expect.objectContaining({ code: 'TB_ERR_NOT_RECORD_ORIGINATOR' }));
    // Signed by the authority itself, but against the rules: a licence outlasting the registration.
    const beyond = await forge('BrokerLicenceGranted', 'GH-LICENSING', 'GH', { ...licence(gh.id, { validUntil: '2099-01-01T00:00:00.000Z' }), licenceId: randomUUID() });
    expect(() => stack.projection.apply(decodeEvent(beyond))).toThrow(expect.objectContaining({ code: 'TB_ERR_BROKER_VALIDITY_INVALID' }));
    expect(await brokerAs('TG-POLICE', gh.id)).toMatchObject({ status: 'REGISTERED', licences: [] });
  });
});

describe('bad input to the broker registry', () => {
  const path = (r: GqlResult) => ({ code: r.errors?.[0]?.extensions.code, path: r.errors?.[0]?.extensions.path });
  it('is refused as BAD_USER_INPUT with the offending path, never a 5xx', async () => {
    const reg = (over: Record<string, unknown>) => stack.hub('GH-LICENSING', REGISTER, { i: registration(over) });
    expect(path(await reg({ nationality: 'XX' }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'nationality'] });
    expect(path(await reg({ residence: 'gh' }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'residence'] });
    expect(path(await reg({ activities: ['BROKERING', 'BROKERING'] }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'activities'] });
    expect(path(await reg({ activities: [] }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'activities'] });
    // A registration that would have lapsed already: the decider's rule, through the authority's service.
    expect(codeOf(await reg({ validUntil: '2020-01-01T00:00:00Z' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      tbCode: 'TB_ERR_BROKER_VALIDITY_INVALID',
      path: ['input', 'validUntil'],
    });
    expect(path(await reg({ handling: { tlp: 'GREEN', code: 'H3' } }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'handling', 'restrictions'] });
    const unknownActivity = await reg({ activities: ['SMUGGLING'] });
    expect(unknownActivity.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const gh = await register('GH-LICENSING', { validUntil: new Date(Date.now() + 60 * 86_400_000).toISOString() });
    const lic = (over: Record<string, unknown>) => stack.hub('GH-LICENSING', LICENCE, { i: licence(gh.id, over) });
    expect(path(await lic({ category: 'BAZOOKA' }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'category'] });
    expect(path(await lic({ importingState: 'ZZ' }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'importingState'] });
    expect(path(await lic({ transitStates: ['TG', 'TG'] }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'transitStates'] });
    expect(path(await lic({ quantity: 0 }))).toEqual({ code: 'BAD_USER_INPUT', path: ['input', 'quantity'] });
    // Inverted: a licence lapsing after the registration it rests on, or already lapsed.
    expect(codeOf(await lic({ validUntil: inAYear() }))).toMatchObject({ tbCode: 'TB_ERR_BROKER_VALIDITY_INVALID', path: ['input', 'validUntil'] });
    expect(codeOf(await lic({ validUntil: '2021-05-05T00:00:00Z' }))).toMatchObject({ tbCode: 'TB_ERR_BROKER_VALIDITY_INVALID', path: ['input', 'validUntil'] });
    expect(codeOf(await lic({ brokerId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND', tbCode: 'TB_ERR_BROKER_NOT_FOUND', path: ['input', 'brokerId'] });
    expect(codeOf(await lic({ brokerId: 'not-an-id' }))).toMatchObject({ code: 'NOT_FOUND', path: ['input', 'brokerId'] });
    const flag = await stack.hub('GH-LICENSING', FLAG, { i: { brokerId: gh.id, reason: 'seen', seizureId: randomUUID() } });
    expect(codeOf(flag)).toMatchObject({ tbCode: 'TB_ERR_SEIZURE_NOT_FOUND', path: ['input', 'seizureId'] });
    expect(path(await stack.hub('GH-LICENSING', SUSPEND, { id: gh.id, r: '   ' }))).toEqual({ code: 'BAD_USER_INPUT', path: ['reason'] });
    const list = await stack.hub('GH-POLICE', '{ brokers(filter: { state: "ZZ" }) { totalCount } }');
    expect(path(list)).toEqual({ code: 'BAD_USER_INPUT', path: ['filter', 'state'] });
    expect(path(await stack.hub('GH-POLICE', '{ brokers(after: "nope") { totalCount } }'))).toEqual({ code: 'BAD_USER_INPUT', path: ['after'] });
  });
});
