import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, requestService } from '@tracebridge/bus';
import { rpcSubjects, subjectFor } from '@tracebridge/contracts';
import { envelopeToEvent } from '@tracebridge/eventstore';
import {
  createTrustRegistry,
  devAgencyRecords,
  generateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateServiceKeys,
  mintDevToken,
  type AgencyKeys,
} from '@tracebridge/identity';
import { signedCaseOpened } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgencyService } from './agencyService';
import { openAgencyStorage, type AgencyStorage } from './agencyStorage';
import { hmacKeyedIds } from './keyedIds';
import { useBus } from './agencyServiceTestbed.spec';

/**
 * The regional service (LIAISON agencies) in process over a real
 * nats-server: no report form and no responders, but the relay of every
 * hosted agency and a subgraph of its own.
 */
const bus = useBus('regional');
let keys: AgencyKeys[];
let storage: AgencyStorage;
let service: Awaited<ReturnType<typeof buildAgencyService>>;
let registry: ReturnType<typeof createTrustRegistry>;
const key = (id: string) => keys.find((k) => k.agency.id === id)!;

beforeAll(async () => {
  const { nc, dir } = bus();
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(join(dir, 'keys')));
  storage = openAgencyStorage('WA-LIAISON', dir, { kind: 'sqlite' });
  const k = key('WA-LIAISON');
  service = await buildAgencyService({
    kind: 'LIAISON',
    agencies: [
      {
        id: 'WA-LIAISON',
        state: k.agency.state,
        eventKey: k.eventKey,
        keyedIds: hmacKeyedIds('WA-LIAISON', randomBytes(32)),
        store: storage.store,
        vault: storage.vault,
        checkpoints: storage.checkpoints,
      },
    ],
    registry: () => registry,
    nc,
    serviceKeys: await loadOrCreateServiceKeys(join(dir, 'keys'), 'regional'),
    embargoes: [],
  });
});

afterAll(async () => {
  await service?.close();
  await storage?.close();
});

const gql = async (agency: string, query: string) => {
  const r = await service.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${await mintDevToken(key(agency))}`, 'content-type': 'application/json' },
    payload: { query },
  });
  return { statusCode: r.statusCode, ...r.json<{ data?: Record<string, unknown> | null; errors?: { extensions: { code: string } }[] }>() };
};

describe('the regional service (LIAISON agencies) in process', () => {
  it('lists the liaison points it records, and has no report form', async () => {
    expect(await gql('WA-LIAISON', '{ liaisonAgencies }')).toMatchObject({ statusCode: 200, data: { liaisonAgencies: ['WA-LIAISON'] } });
    const { data } = await gql('WA-LIAISON', '{ _service { sdl } }');
    const sdl = (data?._service as { sdl: string }).sdl;
    expect(sdl).toContain('liaisonAgencies');
    expect(sdl).not.toMatch(/Mutation|report|Seizure/);
    const anonymous = await service.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ liaisonAgencies }' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('relays its agency’s signed events to the bus', async () => {
    const opened = await signedCaseOpened(key('WA-LIAISON'));
    const appended = await storage.store.appendToStream(opened.streamId, [envelopeToEvent(opened)], { expectedRevision: 'no_stream' });
    await service.relays[0]!.waitFor(appended.position);
    const jsm = await jetstreamManager(bus().nc);
    const onBus = await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: subjectFor('WA-LIAISON', 'CaseOpened') });
    expect(onBus?.json()).toEqual(opened);
    expect(await storage.checkpoints.load('relay')).toBeGreaterThanOrEqual(appended.position);
  });

  it('answers no person or disposition requests for its agency: nobody is listening', async () => {
    const hub = await loadOrCreateServiceKeys(join(bus().dir, 'keys'), 'liaison');
    const viewer = { agency: 'GH-POLICE', state: 'GH', kind: 'POLICE' as const, subject: 'x', roles: ['ANALYST' as const] };
    for (const subject of [rpcSubjects.persons('WA-LIAISON'), rpcSubjects.recordDisposition('WA-LIAISON')]) {
      await expect(
        requestService(bus().nc, hub, () => registry, { subject, to: 'regional', viewer, body: {}, timeoutMs: 1000 }),
        subject,
      ).rejects.toThrow(/no responders/i);
    }
  });
});
