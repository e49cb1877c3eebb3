import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { requestService } from '@tracebridge/bus';
import { brokerStreamId, CaseCommandReply, decodeEvent, rpcSubjects, type BrokerCommandRequest, type OfficerRole } from '@tracebridge/contracts';
import { recordedToEnvelope } from '@tracebridge/eventstore';
import {
  createTrustRegistry,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  mintDevToken,
  verifyEventSignature,
  type AgencyKeys,
  type ServiceKeys,
} from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgencyService } from './agencyService';
import { openAgencyStorage, type AgencyStorage } from './agencyStorage';
import { hmacKeyedIds } from './keyedIds';
import { useBus } from './agencyServiceTestbed.spec';

/**
 * The licensing service (LICENSING agencies, ADR 12) in process over a real
 * nats-server: it answers the hub's broker commands for its authorities'
 * licensing officers, decides on each authority's own broker stream, signs
 * with the authority's key, and appends. Nobody else may ask, and an
 * authority never acts on another's broker.
 */
const bus = useBus('licensing');
let keys: AgencyKeys[];
const storages = new Map<string, AgencyStorage>();
let service: Awaited<ReturnType<typeof buildAgencyService>>;
let registry: ReturnType<typeof createTrustRegistry>;
let hub: ServiceKeys;
const key = (id: string) => keys.find((k) => k.agency.id === id)!;

beforeAll(async () => {
  const { nc, dir } = bus();
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(join(dir, 'keys')));
  const agencies = ['GH-LICENSING', 'TG-LICENSING'].map((id) => {
    const storage = openAgencyStorage(id, dir, { kind: 'sqlite' });
    storages.set(id, storage);
    const k = key(id);
    return {
      id,
      state: k.agency.state,
      eventKey: k.eventKey,
      keyedIds: hmacKeyedIds(id, randomBytes(32)),
      store: storage.store,
      vault: storage.vault,
      checkpoints: storage.checkpoints,
    };
  });
  service = await buildAgencyService({
    kind: 'LICENSING',
    agencies,
    registry: () => registry,
    nc,
    serviceKeys: await loadOrCreateServiceKeys(join(dir, 'keys'), 'licensing'),
    embargoes: [],
  });
  hub = await loadOrCreateServiceKeys(join(dir, 'keys'), 'liaison');
});

afterAll(async () => {
  await service?.close();
  for (const s of storages.values()) await s.close();
});

const officer = (agency: string, roles: OfficerRole[] = ['LICENSING_OFFICER']) => ({
  agency,
  state: agency.slice(0, 2),
  kind: 'LICENSING' as const,
  subject: `officer@${agency}`,
  roles,
});
const registration = (brokerId: string): BrokerCommandRequest => ({
  command: {
    type: 'RegisterBroker',
    data: {
      brokerId,
      name: 'Volta Arms Brokerage Ltd',
      registrationNumber: 'GH-BR-7',
      activities: ['BROKERING'],
      validUntil: '2099-01-01T00:00:00.000Z',
      handling: { tlp: 'GREEN' },
    },
  },
});
const ask = async (as: ServiceKeys, authority: string, viewer: ReturnType<typeof officer>, body: BrokerCommandRequest) =>
  CaseCommandReply.parse(await requestService(bus().nc, as, () => registry, { subject: rpcSubjects.brokerCommand(authority), to: 'licensing', viewer, body, timeoutMs: 3000 }));

describe('the licensing service (LICENSING agencies) in process', () => {
  it('lists the authorities it records, and has no report form', async () => {
    const r = await service.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${await mintDevToken(key('GH-LICENSING'))}`, 'content-type': 'application/json' },
      payload: { query: '{ licensingAgencies _service { sdl } }' },
    });
    const { data } = r.json<{ data: { licensingAgencies: string[]; _service: { sdl: string } } }>();
    expect(data.licensingAgencies).toEqual(['GH-LICENSING', 'TG-LICENSING']);
    expect(data._service.sdl).not.toMatch(/Mutation|report|Seizure/);
  });

  it('decides a licensing officer’s act on the authority’s own stream, signed by the authority', async () => {
    const brokerId = randomUUID();
    const reply = await ask(hub, 'GH-LICENSING', officer('GH-LICENSING'), registration(brokerId));
    expect(reply.ok?.eventIds).toHaveLength(1);
    const [stored] = await storages.get('GH-LICENSING')!.store.readStream(brokerStreamId(brokerId));
    const envelope = recordedToEnvelope(stored!);
    expect(decodeEvent(envelope)).toMatchObject({ type: 'BrokerRegistered', originator: { agency: 'GH-LICENSING', state: 'GH' }, handling: { tlp: 'GREEN' } });
    await expect(verifyEventSignature(envelope, registry)).resolves.toBeUndefined();
    await expect(verifyEventSignature({ ...envelope, originator: { agency: 'TG-LICENSING', state: 'TG' } }, registry)).rejects.toThrow();
    // Registered once: the stream says so.
    expect((await ask(hub, 'GH-LICENSING', officer('GH-LICENSING'), registration(brokerId))).error?.code).toBe('TB_ERR_BROKER_ALREADY_REGISTERED');
    // Another authority's store holds no such broker: it cannot act on it.
    const foreign = await ask(hub, 'TG-LICENSING', officer('TG-LICENSING'), { command: { type: 'SuspendBroker', data: { brokerId, reason: 'not mine' } } });
    expect(foreign.error).toMatchObject({ code: 'TB_ERR_BROKER_NOT_FOUND', path: ['brokerId'] });
  });

  it('takes broker commands from the hub only, for a licensing officer of the authority only', async () => {
    const analyst = await ask(hub, 'GH-LICENSING', officer('GH-LICENSING', ['ANALYST']), registration(randomUUID()));
    expect(analyst.error?.code).toBe('TB_ERR_ROLE_REQUIRED');
    const otherAuthority = await ask(hub, 'GH-LICENSING', officer('TG-LICENSING'), registration(randomUUID()));
    expect(otherAuthority.error?.code).toBe('TB_ERR_SERVICE_NOT_ALLOWED');
    const customs = await loadOrCreateServiceKeys(join(bus().dir, 'keys'), 'customs');
    const notHub = await ask(customs, 'GH-LICENSING', officer('GH-LICENSING'), registration(randomUUID()));
    expect(notHub.error?.code).toBe('TB_ERR_SERVICE_NOT_ALLOWED');
    const malformed = await ask(hub, 'GH-LICENSING', officer('GH-LICENSING'), { command: { type: 'RegisterBroker', data: { brokerId: 'x' } } } as unknown as BrokerCommandRequest);
    expect(malformed.error?.code).toBe('TB_ERR_BAD_USER_INPUT');
    expect(await storages.get('GH-LICENSING')!.store.readStream(brokerStreamId(randomUUID()))).toEqual([]);
  });
});
