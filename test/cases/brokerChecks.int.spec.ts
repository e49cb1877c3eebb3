import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type HubStack } from '../support/hubStack';

/**
 * The report-time broker check (issue 9, ADR 12) through a real report on
 * the customs service: the seizure's brokers go with its serial check to the
 * hub, which looks each up in the registers the reporting officer's agency
 * may see and judges it at the seizure's date; the warnings come back in the
 * report's answer.
 */
let stack: HubStack;
/** While set, the licensing service's clock: its authorities' acts happen then. */
let licensingNow: Date | null = null;
beforeAll(async () => {
  stack = await startHubStack('broker-checks', { licensingClock: () => licensingNow ?? new Date() });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const tag = randomUUID().slice(0, 6).toUpperCase();

async function register(authority: string, name: string, registrationNumber: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await stack.hub<{ registerBroker: { id: string } }>(authority, 'mutation($i: RegisterBrokerInput!) { registerBroker(input: $i) { id } }', {
    i: { name, registrationNumber, activities: ['BROKERING'], validUntil: fromNow(365), ...over },
  });
  return ok(r).registerBroker.id;
}
async function license(authority: string, brokerId: string, over: Record<string, unknown> = {}): Promise<void> {
  const i = {
    brokerId,
    quantity: 50,
    category: 'RIFLE',
    exportingState: 'TR',
    importingState: 'GH',
    transitStates: ['TG'],
    endUser: 'Ghana Armed Forces',
    validUntil: fromNow(30),
    ...over,
  };
  ok(await stack.hub(authority, 'mutation($i: BrokeringLicenceInput!) { grantBrokeringLicence(input: $i) { id } }', { i }));
}
const act = async (authority: string, mutation: 'suspendBroker' | 'revokeBroker', id: string, reason: string) =>
  ok(await stack.hub(authority, `mutation($id: ID!, $r: String!) { ${mutation}(id: $id, reason: $r) { id } }`, { id, r: reason }));

const B = {
  valid: { name: 'Volta Arms Brokerage Ltd', registrationNumber: `GH-BR-${tag}-1`, state: 'GH' },
  suspended: { name: 'Kumasi Freight Brokers', registrationNumber: `GH-BR-${tag}-2`, state: 'GH' },
  revoked: { name: 'Accra Defence Trading', registrationNumber: `GH-BR-${tag}-3`, state: 'GH' },
  expired: { name: 'Takoradi Marine Agents', registrationNumber: `GH-BR-${tag}-4`, state: 'GH' },
  embargo: { name: 'Sirte Logistics Partners', registrationNumber: `GH-BR-${tag}-5`, state: 'GH' },
  amber: { name: 'Lomé Discreet Brokers', registrationNumber: `TG-BR-${tag}-6`, state: 'TG' },
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  ids.valid = await register('GH-LICENSING', B.valid.name, B.valid.registrationNumber);
  await license('GH-LICENSING', ids.valid);
  ids.suspended = await register('GH-LICENSING', B.suspended.name, B.suspended.registrationNumber);
  await license('GH-LICENSING', ids.suspended);
  await act('GH-LICENSING', 'suspendBroker', ids.suspended, 'annual report missing');
  ids.revoked = await register('GH-LICENSING', B.revoked.name, B.revoked.registrationNumber);
  await license('GH-LICENSING', ids.revoked);
  await act('GH-LICENSING', 'revokeBroker', ids.revoked, 'convicted of diversion');
  // Registered sixty days ago for thirty days: lapsed before any seizure reported today.
  licensingNow = new Date(Date.now() - 60 * DAY);
  ids.expired = await register('GH-LICENSING', B.expired.name, B.expired.registrationNumber, { validUntil: fromNow(-30) });
  licensingNow = null;
  ids.embargo = await register('GH-LICENSING', B.embargo.name, B.embargo.registrationNumber);
  await license('GH-LICENSING', ids.embargo, { importingState: 'LY', transitStates: ['TN'] });
  ids.amber = await register('TG-LICENSING', B.amber.name, B.amber.registrationNumber, { handling: { tlp: 'AMBER' } });
  await license('TG-LICENSING', ids.amber, { importingState: 'TG', transitStates: [] });
}, 60_000);

type Warning = { code: string; message: string };
let serial = 0;
/** Report a seizure naming `brokers` as `agency` (customs), now; the broker check's warnings (and EMBARGO from a licence). */
async function report(brokers: Record<string, unknown>[], over: Record<string, unknown> = {}, agency = 'GH-CUSTOMS'): Promise<Warning[]> {
  const input = {
    clientReference: randomUUID(),
    occurredAt: new Date().toISOString(),
    location: { country: agency.slice(0, 2), place: 'Tema port', kind: 'PORT' },
    route: { origin: 'TR', transit: ['TG'], destination: 'GH' },
    items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Kalashnikov', serialNumber: `BC-${tag}-${++serial}` }],
    brokers,
    handling: { tlp: 'GREEN' },
    ...over,
  };
  const r = await stack.service<{ reportCustomsSeizure: { warnings: Warning[] } }>(
    'customs',
    agency,
    'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { warnings { code message } } }',
    {
      i: input,
    },
  );
  return ok(r).reportCustomsSeizure.warnings.filter((w) => w.code.startsWith('BROKER_') || w.code.startsWith('EMBARGO'));
}
const codes = (ws: Warning[]) => ws.map((w) => w.code);

describe('the report-time broker check', () => {
  it('is silent for a registered broker whose licence covers the weapons and the route, matched by number or by name', async () => {
    expect(await report([B.valid])).toEqual([]);
    expect(await report([{ name: 'VOLTA ARMS BROKERAGE' }])).toEqual([]);
    expect(await report([{ name: 'volta arms brokerage limited', state: 'GH' }])).toEqual([]);
    // Ammunition and parts need no brokering licence here.
    expect(await report([B.valid], { items: [{ kind: 'AMMUNITION', calibre: '7.62x39mm', quantity: 500 }] })).toEqual([]);
  });

  it('warns BROKER_UNREGISTERED for a broker in no register the reporter may consult, or not in its stated state', async () => {
    const unknown = await report([{ name: 'Phantom Brokers Ltd', registrationNumber: 'GH-BR-NONE', state: 'GH' }]);
    expect(unknown).toEqual([{ code: 'BROKER_UNREGISTERED', message: expect.stringContaining('broker "Phantom Brokers Ltd" (registration GH-BR-NONE) of GH') }]);
    expect(codes(await report([{ ...B.valid, state: 'TG' }]))).toEqual(['BROKER_UNREGISTERED']);
    expect(codes(await report([{ name: 'Volta Arms', state: 'GH' }]))).toEqual(['BROKER_UNREGISTERED']);
  });

  it('warns BROKER_SUSPENDED and BROKER_REVOKED, naming the broker as read and the authority’s reason', async () => {
    const [suspended] = await report([B.suspended]);
    expect(suspended).toEqual({
      code: 'BROKER_SUSPENDED',
      message: expect.stringContaining(`broker "${B.suspended.name}" (registration ${B.suspended.registrationNumber}) of GH`),
    });
    expect(suspended!.message).toContain('annual report missing');
    const [revoked] = await report([{ name: 'ACCRA DEFENCE TRADING LTD', state: 'GH' }]);
    expect(revoked).toEqual({ code: 'BROKER_REVOKED', message: expect.stringContaining('convicted of diversion') });
    expect(revoked!.message).toContain('broker "ACCRA DEFENCE TRADING LTD"');
  });

  it('never lets a namesake in good standing in another register hide a revoked broker', async () => {
    // TG-LICENSING registers (and licenses) a broker of the same name as GH's revoked one: naming it without a state still warns of the revocation.
    const namesake = await register('TG-LICENSING', B.revoked.name, `TG-BR-${tag}-9`);
    await license('TG-LICENSING', namesake);
    const warned = await report([{ name: B.revoked.name }]);
    expect(codes(warned)).toContain('BROKER_REVOKED');
    expect(warned.find((w) => w.code === 'BROKER_REVOKED')!.message).toContain('convicted of diversion');
    // Within one register the best standing is judged: the valid GH broker named by number alone warns of nothing.
    expect(await report([B.valid])).toEqual([]);
  });

  it('takes a registration lapsed before the seizure for an unregistered broker, saying it expired', async () => {
    const [expired] = await report([B.expired]);
    expect(expired).toEqual({ code: 'BROKER_UNREGISTERED', message: expect.stringMatching(/registration expired on .* before the seizure/) });
    const status = ok(await stack.hub<{ broker: { status: string } }>('TG-POLICE', 'query($id: ID!) { broker(id: $id) { status } }', { id: ids.expired })).broker.status;
    expect(status).toBe('EXPIRED');
  });

  it('warns BROKER_LICENCE_MISSING when no licence valid at the date covers a seized weapon’s category and the route', async () => {
    const pistols = await report([B.valid], { items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `BC-${tag}-P` }] });
    expect(pistols).toEqual([{ code: 'BROKER_LICENCE_MISSING', message: expect.stringContaining('PISTOL') }]);
    expect(codes(await report([B.valid], { route: { origin: 'TR', transit: ['TG'], destination: 'BF' } }))).toEqual(['BROKER_LICENCE_MISSING']);
    expect(codes(await report([B.valid], { route: { origin: 'TR', transit: ['TG', 'BJ'], destination: 'GH' } }))).toEqual(['BROKER_LICENCE_MISSING']);
    expect(codes(await report([B.valid], { route: { origin: 'CN', transit: [], destination: 'GH' } }))).toEqual(['BROKER_LICENCE_MISSING']);
    // A seizure before the licence was granted is not covered by it.
    expect(codes(await report([B.valid], { occurredAt: fromNow(-2) }))).toEqual(['BROKER_LICENCE_MISSING']);
  });

  it('warns EMBARGO when a licence of the broker imports into a state under a UN arms embargo in force', async () => {
    const warned = await report([B.embargo]);
    expect(codes(warned).sort()).toEqual(['BROKER_LICENCE_MISSING', 'EMBARGO']);
    expect(warned.find((w) => w.code === 'EMBARGO')!.message).toMatch(new RegExp(`broker "${B.embargo.name}".*LY`));
  });

  it('reads only the registers the reporter may see: a restricted broker of another state is unregistered to it', async () => {
    expect(codes(await report([B.amber]))).toEqual(['BROKER_UNREGISTERED']);
    expect(await report([B.amber], { route: { origin: 'TR', transit: [], destination: 'TG' } }, 'TG-CUSTOMS')).toEqual([]);
  });

  it('judges each broker a seizure names, and audits the registry reads for the authority', async () => {
    const warned = await report([B.valid, B.suspended, { name: 'Nobody Known' }]);
    expect(codes(warned)).toEqual(['BROKER_SUSPENDED', 'BROKER_UNREGISTERED']);
    const reads = ok(
      await stack.hub<{ readsOfMyRecords: { recordId: string; reader: { id: string } }[] }>('GH-LICENSING', '{ readsOfMyRecords(first: 500) { recordId reader { id } } }'),
    ).readsOfMyRecords;
    expect(reads).toEqual(
      expect.arrayContaining([
        { recordId: ids.valid, reader: { id: 'GH-CUSTOMS' } },
        { recordId: ids.suspended, reader: { id: 'GH-CUSTOMS' } },
      ]),
    );
  });
});

describe('a flag naming a seizure', () => {
  it('names the seizure only to viewers who may see it, and only a seizure the authority may see', async () => {
    const r = await stack.service<{ reportCustomsSeizure: { seizure: { id: string } } }>(
      'customs',
      'GH-CUSTOMS',
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }',
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: new Date().toISOString(),
          location: { country: 'GH', place: 'Aflao', kind: 'LAND_BORDER' },
          items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Kalashnikov', serialNumber: `FL-${tag}` }],
          brokers: [B.valid],
          handling: { tlp: 'AMBER' },
        },
      },
    );
    const seizureId = ok(r).reportCustomsSeizure.seizure.id;
    await stack.projection.waitForSeizure(seizureId, 10_000);
    const FLAG = 'mutation($i: BrokerFlagInput!) { flagBrokerActivity(input: $i) { flags { reason seizureId } } }';
    const flagged = ok(
      await stack.hub<{ flagBrokerActivity: { flags: { seizureId: string | null }[] } }>('GH-LICENSING', FLAG, { i: { brokerId: ids.valid, reason: 'named at Aflao', seizureId } }),
    );
    expect(flagged.flagBrokerActivity.flags).toEqual([{ reason: 'named at Aflao', seizureId }]);
    const flagsAs = async (agency: string) =>
      ok(await stack.hub<{ broker: { flags: { seizureId: string | null }[] } }>(agency, 'query($id: ID!) { broker(id: $id) { flags { seizureId } } }', { id: ids.valid })).broker
        .flags;
    expect(await flagsAs('GH-POLICE')).toEqual([{ seizureId }]);
    expect(await flagsAs('TG-POLICE')).toEqual([{ seizureId: null }]);
    // TG-LICENSING may not see the AMBER Ghanaian seizure: it cannot name it in a flag.
    const refused = await stack.hub('TG-LICENSING', FLAG, { i: { brokerId: ids.amber, reason: 'named in Ghana', seizureId } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ tbCode: 'TB_ERR_SEIZURE_NOT_FOUND', path: ['input', 'seizureId'] });
  });
});
