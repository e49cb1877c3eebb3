import { randomUUID } from 'node:crypto';
/**
 * Security review, finding 2: the bus authenticates every connection and lets
 * each service do only what it needs. Every attack runs against the real
 * nats-server that the launcher configures, with the identities it created.
 */
import { jetstream, jetstreamManager, AckPolicy } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { connect, nkeyAuthenticator, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { DLQ_STREAM, EVENTS_STREAM, natsInboxPrefix, readSeed, type NatsIdentityName } from '@tracebridge/bus';
import { join } from 'node:path';
import { rpcSubjects, subjectFor } from '@tracebridge/contracts';
import { loadOrCreateDevKeys, loadOrCreateServiceKeys, signServiceRequest } from '@tracebridge/identity';
import { signedCaseOpened } from '@tracebridge/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

let net: TestNetwork;
const open: NatsConnection[] = [];

beforeAll(async () => {
  net = await startTestNetwork('tb-natsauth-');
}, 120_000);
afterEach(async () => {
  for (const nc of open.splice(0)) await nc.close();
});
afterAll(async () => {
  await net?.close();
});

const natsUrl = (): string => `nats://127.0.0.1:${net.network.ports.nats}`;

async function connectAs(name: NatsIdentityName): Promise<NatsConnection> {
  const nc = await connect({
    servers: natsUrl(),
    name: `attacker-as-${name}`,
    authenticator: nkeyAuthenticator(readSeed(net.network.natsSeed(name))),
    inboxPrefix: natsInboxPrefix(name),
    reconnect: false,
  });
  open.push(nc);
  return nc;
}

/** nats.js v3 closes a refused subscription with the server's `Permissions Violation` as a PermissionViolationError. */
async function expectSubscribeRefused(nc: NatsConnection, subject: string, queue?: string): Promise<void> {
  const received: string[] = [];
  const sub = nc.subscribe(subject, {
    ...(queue ? { queue } : {}),
    callback: (err, msg) => {
      if (!err) received.push(msg.subject);
    },
  });
  const err = await sub.closed;
  expect(err, subject).toBeInstanceOf(PermissionViolationError);
  expect((err as PermissionViolationError).operation).toBe('subscription');
  expect((err as PermissionViolationError).subject).toBe(subject);
  expect(received).toEqual([]);
}

/** A refused publish inside a request (every JetStream API call and JetStream publish is one) rejects the request. */
async function expectRefused(attempt: Promise<unknown>, subjectPrefix: string): Promise<void> {
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  const pv = err instanceof PermissionViolationError ? err : (err as { cause?: unknown } | undefined)?.cause;
  expect(pv, String(err)).toBeInstanceOf(PermissionViolationError);
  expect((pv as PermissionViolationError).operation).toBe('publish');
  expect((pv as PermissionViolationError).subject.startsWith(subjectPrefix), (pv as PermissionViolationError).subject).toBe(true);
}

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id persons { name redacted } } hits { holder { id } } } }';
const seizure = (serialNumber: string) => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber }],
  persons: [{ role: 'driver', name: 'Ama Owusu', nationality: 'GH' }],
  handling: { tlp: 'GREEN' },
});

describe('NATS authentication', () => {
  it('refuses an anonymous connection', async () => {
    await expect(connect({ servers: natsUrl(), reconnect: false })).rejects.toThrow(/authorization/i);
  });

  it('refuses an nkey the server does not know', async () => {
    const stranger = createUser();
    await expect(connect({ servers: natsUrl(), reconnect: false, authenticator: nkeyAuthenticator(stranger.getSeed()) })).rejects.toThrow(/authorization/i);
  });
});

describe('the customs identity', () => {
  it('cannot subscribe to everything; the connection reports the violation', async () => {
    const nc = await connectAs('customs');
    const errors: PermissionViolationError[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error' && s.error instanceof PermissionViolationError) errors.push(s.error);
    })();
    await expectSubscribeRefused(nc, '>');
    await until(() => errors.some((e) => e.subject === '>'), 5000, 'the permission error on the connection status');
    expect(nc.isClosed(), 'a violation is refused, not fatal').toBe(false);
  });

  it('cannot read events through JetStream: no consumer, no direct get, no borrowing the hub’s durable', async () => {
    const nc = await connectAs('customs');
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    await expectRefused(jsm.consumers.add(EVENTS_STREAM, { durable_name: 'spy', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.`);
    await expectRefused(jsm.streams.getMessage(EVENTS_STREAM, { seq: 1 }), `$JS.API.STREAM.MSG.GET.${EVENTS_STREAM}`);
    await expectRefused(jetstream(nc).consumers.get(EVENTS_STREAM, 'liaison'), `$JS.API.CONSUMER.INFO.${EVENTS_STREAM}.liaison`);
    await expectRefused(jetstreamManager(nc), '$JS.API.INFO');
    await expectSubscribeRefused(nc, 'tb.v1.>');
  });

  it('cannot purge the dead letters or delete the event stream', async () => {
    const nc = await connectAs('customs');
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    await expectRefused(jsm.streams.purge(DLQ_STREAM), `$JS.API.STREAM.PURGE.${DLQ_STREAM}`);
    await expectRefused(jsm.streams.delete(EVENTS_STREAM), `$JS.API.STREAM.DELETE.${EVENTS_STREAM}`);
    const operator = await jetstreamManager(await connectAs('operator'));
    expect((await operator.streams.info(EVENTS_STREAM)).config.name).toBe(EVENTS_STREAM);
    expect((await operator.streams.info(DLQ_STREAM)).config.name).toBe(DLQ_STREAM);
  });

  it('cannot publish events in another agency’s name', async () => {
    const subject = 'tb.v1.GH-POLICE.seizure.SeizureReported';
    const nc = await connectAs('customs');
    await expectRefused(jetstream(nc).publish(subject, '{"forged":true}'), subject);
    const operator = await jetstreamManager(await connectAs('operator'));
    expect(await operator.streams.getMessage(EVENTS_STREAM, { last_by_subj: subject }), 'nothing stored under the forged subject').toBeNull();
  });

  it('cannot answer RPCs for the hub or another agency, nor read others’ replies', async () => {
    const nc = await connectAs('customs');
    await expectSubscribeRefused(nc, 'tb.rpc.liaison.serial-check', 'liaison');
    await expectSubscribeRefused(nc, 'tb.rpc.GH-POLICE.persons');
    await expectSubscribeRefused(nc, 'tb.rpc.GH-POLICE.record-disposition');
    await expectSubscribeRefused(nc, `${natsInboxPrefix('liaison')}.>`);
    await expectSubscribeRefused(nc, `${natsInboxPrefix('police')}.>`);
    await expectSubscribeRefused(nc, '_INBOX.>');
  });
});

describe('the liaison identity', () => {
  it('cannot publish events in an agency’s name', async () => {
    const subject = 'tb.v1.GH-CUSTOMS.seizure.SeizureReported';
    const nc = await connectAs('liaison');
    await expectRefused(jetstream(nc).publish(subject, '{"forged":true}'), subject);
  });

  it('cannot create consumers other than its own durable, nor touch the streams', async () => {
    const jsm = await jetstreamManager(await connectAs('liaison'), { checkAPI: false });
    await expectRefused(jsm.consumers.add(EVENTS_STREAM, { durable_name: 'other', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.`);
    await expectRefused(jsm.streams.purge(DLQ_STREAM), `$JS.API.STREAM.PURGE.${DLQ_STREAM}`);
    await expectRefused(jsm.consumers.delete(EVENTS_STREAM, 'liaison'), `$JS.API.CONSUMER.DELETE.${EVENTS_STREAM}.liaison`);
  });
});

describe('the regional identity (the LIAISON agencies’ service; not the hub)', () => {
  it('publishes its own agency’s events, as its relay does, and no other agency’s', async () => {
    const keys = await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'));
    const opened = await signedCaseOpened(keys.find((k) => k.agency.id === 'WA-LIAISON')!);
    const nc = await connectAs('regional');
    const own = subjectFor('WA-LIAISON', 'CaseOpened');
    expect((await jetstream(nc).publish(own, JSON.stringify(opened), { msgID: opened.id })).duplicate).toBe(false);
    const forged = 'tb.v1.GH-CUSTOMS.seizure.SeizureReported';
    await expectRefused(jetstream(nc).publish(forged, '{"forged":true}'), forged);
    const operator = await jetstreamManager(await connectAs('operator'));
    expect((await operator.streams.getMessage(EVENTS_STREAM, { last_by_subj: own }))?.json()).toEqual(opened);
    expect(await operator.streams.getMessage(EVENTS_STREAM, { last_by_subj: forged })).toBeNull();
  });

  it('reads no events, asks the hub nothing, and answers no RPC: it reports no seizures', async () => {
    const nc = await connectAs('regional');
    await expectRefused(jetstreamManager(nc), '$JS.API.INFO');
    await expectRefused(nc.request(rpcSubjects.serialCheck, 'x', { timeout: 5000 }), rpcSubjects.serialCheck);
    for (const subject of ['tb.v1.>', rpcSubjects.persons('WA-LIAISON'), rpcSubjects.recordDisposition('WA-LIAISON'), rpcSubjects.persons('GH-CUSTOMS'), rpcSubjects.serialCheck]) {
      await expectSubscribeRefused(nc, subject);
    }
    for (const other of ['liaison', 'customs'] as const) await expectSubscribeRefused(nc, `${natsInboxPrefix(other)}.>`);
  });
});

describe('the network still works with authentication on', () => {
  it('carries a report to the hub, person identities from the originator, and serial checks back', async () => {
    const serial = `AUTH-${Date.now()}`;
    const first = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(net.url, net.tokens['GH-CUSTOMS'], REPORT, { i: seizure(serial) });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const id = first.data!.reportCustomsSeizure.seizure.id;
    const read = (agency: string) =>
      gql<{ seizure: { id: string; persons: { name: string | null; redacted: boolean }[] } | null }>(
        net.url,
        net.tokens[agency],
        'query($id: ID!) { seizure(id: $id) { id persons { name redacted } } }',
        { id },
      );
    // customs relays to JetStream, the hub consumes it
    await until(async () => (await read('GH-POLICE')).data?.seizure?.id === id, 30_000, 'the report to reach the hub');
    // the hub asks customs for the identities (request/reply across inbox prefixes)
    expect((await read('GH-CUSTOMS')).data!.seizure!.persons).toEqual([{ name: 'Ama Owusu', redacted: false }]);
    // customs asks the hub for a serial check
    const second = await gql<{ reportCustomsSeizure: { hits: { holder: { id: string } }[] } }>(net.url, net.tokens['TG-CUSTOMS'], REPORT, { i: seizure(serial) });
    expect(second.errors, JSON.stringify(second.errors)).toBeUndefined();
    expect(second.data!.reportCustomsSeizure.hits).toEqual([{ holder: { id: 'GH-CUSTOMS' } }]);
  });
});

describe('reply subjects cannot be turned against JetStream (review C1)', () => {
  const streamState = async () => {
    const jsm = await jetstreamManager(await connectAs('operator'));
    const events = await jsm.streams.info(EVENTS_STREAM);
    const dlq = await jsm.streams.info(DLQ_STREAM);
    const hub = await jsm.consumers.info(EVENTS_STREAM, 'liaison');
    return { events: events.state, dlq: dlq.state, hub: hub.name };
  };

  it('a publish whose reply names a JetStream API subject is stored as a publish and purges or deletes nothing', async () => {
    const before = await streamState();
    expect(before.events.messages).toBeGreaterThan(0);
    const nc = await connectAs('customs');
    const replies = [
      `$JS.API.STREAM.PURGE.${EVENTS_STREAM}`,
      `$JS.API.STREAM.PURGE.${DLQ_STREAM}`,
      `$JS.API.CONSUMER.DELETE.${EVENTS_STREAM}.liaison`,
      `$JS.API.STREAM.DELETE.${DLQ_STREAM}`,
    ];
    for (const reply of replies) nc.publish('tb.v1.GH-CUSTOMS.seizure.SeizureReported', '{"junk":true}', { reply });
    await nc.flush();
    // The junk itself is the customs identity's to publish: once all of it is stored (and its acks sent), nothing may be gone.
    await until(async () => (await streamState()).events.last_seq >= before.events.last_seq + replies.length, 10_000, 'the junk publishes to be stored');
    const after = await streamState();
    expect(after.events.first_seq).toBe(before.events.first_seq);
    expect(after.events.messages).toBe(before.events.messages + replies.length);
    expect(after.hub).toBe('liaison');
    // The hub's consumer still runs: it quarantines the junk, and the dead letters are all there.
    await until(async () => (await streamState()).dlq.messages >= before.dlq.messages + replies.length, 10_000, 'the junk to be dead-lettered');
  });

  it('the hub’s answer to a validly signed request cannot be aimed at a JetStream API subject', async () => {
    // A hostile partner holding its agency service's own keys and bus identity.
    const customsKeys = await loadOrCreateServiceKeys(join(net.dir.path, 'dev-keys'), 'customs');
    const nc = await connectAs('customs');
    const viewer = { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS' as const, subject: 'x', roles: ['REPORTING_OFFICER' as const] };
    const before = await streamState();
    for (const reply of [`$JS.API.STREAM.PURGE.${DLQ_STREAM}`, `$JS.API.STREAM.DELETE.${EVENTS_STREAM}`]) {
      const { message } = await signServiceRequest(customsKeys, 'tb.rpc.liaison.serial-check', { queries: [], reportedRecordId: '' }, viewer);
      nc.publish('tb.rpc.liaison.serial-check', message, { reply });
    }
    // A normal request after them: once it is answered, the hub has answered the two before it.
    const { message } = await signServiceRequest(customsKeys, 'tb.rpc.liaison.serial-check', { queries: [], reportedRecordId: '' }, viewer);
    await nc.request('tb.rpc.liaison.serial-check', message, { timeout: 5000 });
    const after = await streamState();
    expect(after.events.first_seq).toBe(before.events.first_seq);
    expect(after.events.messages).toBeGreaterThanOrEqual(before.events.messages);
    expect(before.dlq.messages).toBeGreaterThan(0);
    expect(after.dlq.messages).toBeGreaterThanOrEqual(before.dlq.messages);
  });

  it('the hub does not answer a request it cannot verify', async () => {
    const nc = await connectAs('customs');
    await expect(nc.request('tb.rpc.liaison.serial-check', 'not a signed request', { timeout: 1500 })).rejects.toThrow(/timeout/i);
  });
});
