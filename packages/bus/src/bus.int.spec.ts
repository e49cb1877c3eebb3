import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import Database from 'better-sqlite3';
import { deadLetterSubject, ErrorCodes, newEventId, newId, UnsignedEnvelope, type SignedEnvelope, type TracebridgeEvent } from '@tracebridge/contracts';
import { envelopeToEvent, getSqliteCheckpointStore, type EventStore } from '@tracebridge/eventstore';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, signEvent, type AgencyKeys, type TrustRegistry } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsServer, tempDir, tempSqliteStore, type NatsServer } from '@tracebridge/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectBus, type NatsConnection } from './connection';
import { startConsumer } from './consumer';
import { RejectedEvent } from './rejectedEvent';
import { startRelay } from './relay';
import { DLQ_STREAM, ensureStreams, EVENTS_STREAM } from './streams';

let server: NatsServer;
let nc: NatsConnection;
let keys: AgencyKeys[];
let registry: TrustRegistry;
const dir = tempDir('tb-bus-');

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connectBus(server.url, 'bus-test');
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys));
});
afterAll(async () => {
  await nc.close();
  await server.dispose();
  dir.remove();
});
beforeEach(async () => {
  const jsm = await jetstreamManager(nc);
  for (const s of [EVENTS_STREAM, DLQ_STREAM]) await jsm.streams.delete(s).catch(() => undefined);
  await ensureStreams(nc);
});

const append = async (store: EventStore, events: SignedEnvelope[]): Promise<bigint> => {
  let last = 0n;
  for (const e of events) last = (await store.appendToStream(e.streamId, [envelopeToEvent(e)])).position;
  return last;
};

const until = async (cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const streamCount = async (name = EVENTS_STREAM): Promise<number> => (await (await jetstreamManager(nc)).streams.info(name)).state.messages;

describe('relay and consumer over a real nats-server', () => {
  it('relays every stored event once, and a consumer applies each once with its signature verified', async () => {
    const store = tempSqliteStore();
    const events = await signedSeizures(createSeizureGenerator(1), keys, 300);
    const last = await append(store, events);
    const relay = await startRelay({ store, checkpoints: getSqliteCheckpointStore(store.db), nc });
    await relay.waitFor(last);
    expect(relay.stats()).toMatchObject({ published: 300, duplicates: 0, deadLettered: 0 });
    expect(await streamCount()).toBe(300);

    const applied: string[] = [];
    const consumer = await startConsumer({
      nc,
      durable: 'test-projection',
      registry,
      db: new Database(':memory:'),
      handle: (e) => {
        applied.push(e.id);
      },
    });
    await until(() => applied.length === 300);
    // per-stream (and here global) order is the store's order
    expect(applied).toEqual(events.map((e) => e.id));
    await consumer.stop();
    await relay.stop();
    await store.close();
  });

  it('re-publishes from a lost checkpoint without duplicating anything in the stream', async () => {
    const store = tempSqliteStore();
    const events = await signedSeizures(createSeizureGenerator(2), keys, 100);
    const last = await append(store, events);
    const checkpoints = getSqliteCheckpointStore(store.db);
    const first = await startRelay({ store, checkpoints, nc });
    await first.waitFor(last);
    await first.stop();
    await checkpoints.save('relay', 0n); // as if the process died before its checkpoint was written
    const second = await startRelay({ store, checkpoints, nc });
    await second.waitFor(last);
    expect(second.stats()).toMatchObject({ published: 0, duplicates: 100 });
    expect(await streamCount()).toBe(100);
    await second.stop();
    await store.close();
  });

  it('keeps relaying new events appended while it runs', async () => {
    const store = tempSqliteStore();
    const relay = await startRelay({ store, checkpoints: getSqliteCheckpointStore(store.db), nc });
    const events = await signedSeizures(createSeizureGenerator(3), keys, 50);
    const last = await append(store, events);
    await relay.waitFor(last);
    expect(await streamCount()).toBe(50);
    await relay.stop();
    await store.close();
  });

  it('dead-letters unparseable, unsigned, forged and misrouted messages, and goes on applying good ones', async () => {
    const js = jetstream(nc);
    const [good, other] = await signedSeizures(createSeizureGenerator(4), keys, 2);
    const subject = (e: SignedEnvelope) => `tb.v1.${e.originator.agency}.seizure.SeizureReported`;
    const forger = keys.find((k) => k.agency.id !== good!.originator.agency)!;
    const { signature: _s, ...unsigned } = good!;
    void _s;
    const forged = await signEvent(
      { ...unsigned, id: other!.id, handling: { ...unsigned.handling, tlp: 'CLEAR' } },
      { ...forger.eventKey, kid: `${good!.originator.agency}#events-1` },
    );
    await js.publish(subject(good!), 'not json');
    await js.publish(subject(good!), JSON.stringify({ ...good, signature: undefined }));
    await js.publish(subject(good!), JSON.stringify(forged));
    await js.publish('tb.v1.SOMEONE-ELSE.seizure.SeizureReported', JSON.stringify(good));
    await js.publish(subject(good!), JSON.stringify({ ...good, data: { ...(good!.data as object), items: 'x' } }));
    await js.publish(subject(good!), JSON.stringify(good));

    const applied: string[] = [];
    const consumer = await startConsumer({ nc, durable: 'dlq-test', registry, db: new Database(':memory:'), handle: (e) => void applied.push(e.id) });
    await until(() => applied.length === 1 && consumer.stats().deadLettered === 5);
    expect(applied).toEqual([good!.id]);
    await until(async () => (await streamCount(DLQ_STREAM)) === 5);
    const jsm = await jetstreamManager(nc);
    const codes: string[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      const m = await jsm.streams.getMessage(DLQ_STREAM, { seq });
      expect(m?.subject).toBe(deadLetterSubject('dlq-test'));
      codes.push(m?.header.get('Tb-Dlq-Code') ?? '');
    }
    // not JSON, no signature, forged key, subject that is not the signed originator's, tampered data
    expect(codes).toEqual(['TB_ERR_INVALID_EVENT', 'TB_ERR_INVALID_EVENT', 'TB_ERR_SIGNATURE_INVALID', 'TB_ERR_INVALID_EVENT', 'TB_ERR_SIGNATURE_INVALID']);
    // Dead-lettered messages are finished with, not left pending: on nats-server 2.9 a "+TERM <reason>" was ignored,
    // so quarantined messages held the consumer's window (max_ack_pending) until they had been redelivered five times.
    await until(async () => (await jsm.consumers.info(EVENTS_STREAM, 'dlq-test')).num_ack_pending === 0);
    await consumer.stop();
  });

  it('retries a batch whose handler fails for a passing reason, for as long as it takes, and loses, doubles and dead-letters nothing', async () => {
    const js = jetstream(nc);
    const events = await signedSeizures(createSeizureGenerator(5), keys, 3);
    for (const e of events) await js.publish(`tb.v1.${e.originator.agency}.seizure.SeizureReported`, JSON.stringify(e));
    const db = new Database(dir.file('retrying.db'));
    // No unique key: an application that survived a rolled-back attempt would show as a second row.
    db.exec('CREATE TABLE IF NOT EXISTS applied (event_id TEXT)');
    const ins = db.prepare('INSERT INTO applied VALUES (?)');
    let failing = 7; // more failures than the old max_deliver (5): the old consumer dead-lettered here
    const consumer = await startConsumer({
      nc,
      durable: 'retry-test',
      registry,
      db,
      retryBackoffMs: [50],
      handle: (e) => {
        ins.run(e.id);
        if (e.id === events[1]!.id && failing > 0) {
          failing -= 1;
          throw new Error('disk full');
        }
      },
    });
    await until(() => consumer.stats().retrying && consumer.stats().lastError === 'disk full');
    await until(() => consumer.stats().applied === 3);
    expect(consumer.stats()).toMatchObject({ applied: 3, deadLettered: 0, retrying: false, position: 3 });
    expect(consumer.stats().retried).toBeGreaterThanOrEqual(7);
    expect(db.prepare('SELECT event_id FROM applied ORDER BY rowid').pluck().all()).toEqual(events.map((e) => e.id));
    expect(consumer.ledger.deadLetterCount()).toBe(0);
    await consumer.stop();
    db.close();
  });

  it('dead-letters an event its handler rejects at once, with the rejection code, rolled back and not marked, and applies the next', async () => {
    const js = jetstream(nc);
    const [rejected, next] = await signedSeizures(createSeizureGenerator(7), keys, 2);
    for (const e of [rejected!, next!]) await js.publish(`tb.v1.${e.originator.agency}.seizure.SeizureReported`, JSON.stringify(e));
    const db = new Database(dir.file('rejecting.db'));
    db.exec('CREATE TABLE IF NOT EXISTS applied (event_id TEXT)');
    const ins = db.prepare('INSERT INTO applied VALUES (?)');
    let attempts = 0;
    // Default retry policy (5 deliveries, 1 s … 30 s apart): retrying first would dead-letter only after ~50 s.
    const consumer = await startConsumer({
      nc,
      durable: 'reject-test',
      registry,
      db,
      handle: (e) => {
        ins.run(e.id); // written first, so a missing roll-back would show
        if (e.id !== rejected!.id) return;
        attempts += 1;
        throw new RejectedEvent(ErrorCodes.NOT_RECORD_ORIGINATOR, 'not yours');
      },
    });
    await until(() => consumer.stats().applied === 1 && consumer.stats().deadLettered === 1);
    expect(consumer.stats()).toMatchObject({ applied: 1, deadLettered: 1, retried: 0 });
    expect(attempts).toBe(1);
    expect(db.prepare('SELECT event_id FROM applied').pluck().all()).toEqual([next!.id]);
    expect(db.prepare('SELECT event_id FROM inbox').pluck().all()).toEqual([next!.id]);
    await until(async () => (await streamCount(DLQ_STREAM)) === 1);
    const dlq = await (await jetstreamManager(nc)).streams.getMessage(DLQ_STREAM, { seq: 1 });
    expect(dlq?.header.get('Tb-Dlq-Code')).toBe('TB_ERR_NOT_RECORD_ORIGINATOR');
    expect(dlq?.json<SignedEnvelope>().id).toBe(rejected!.id);
    await consumer.stop();
    db.close();
  });

  it('applies an event once even when it arrives twice past JetStream de-duplication', async () => {
    const js = jetstream(nc);
    const [e] = await signedSeizures(createSeizureGenerator(6), keys, 1);
    const subject = `tb.v1.${e!.originator.agency}.seizure.SeizureReported`;
    await js.publish(subject, JSON.stringify(e), { msgID: 'a' });
    await js.publish(subject, JSON.stringify(e), { msgID: 'b' });
    const db = new Database(dir.file('inbox.db'));
    db.exec('CREATE TABLE IF NOT EXISTS applied (event_id TEXT, n INTEGER)');
    const ins = db.prepare('INSERT INTO applied VALUES (?, 1)');
    const consumer = await startConsumer({ nc, durable: 'inbox-test', registry, db, handle: (ev) => void ins.run(ev.id) });
    await until(() => consumer.stats().applied + consumer.stats().duplicates === 2);
    expect(consumer.stats()).toMatchObject({ applied: 1, duplicates: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM applied').get()).toEqual({ n: 1 });
    await consumer.stop();
    db.close();
  });

  it('hands the handler an old (v1) event upcast to the current version, after verifying the v1 signature', async () => {
    const js = jetstream(nc);
    const agency = keys.find((k) => k.agency.id === 'GH-CUSTOMS')!;
    const seizureId = newId();
    const v1 = UnsignedEnvelope.parse({
      id: newEventId(),
      type: 'SeizureReported',
      schemaVersion: 1,
      streamId: `seizure-${seizureId}`,
      occurredAt: '2026-01-10T08:00:00Z',
      recordedAt: '2026-01-10T09:00:00Z',
      originator: { state: 'GH', agency: 'GH-CUSTOMS' },
      handling: { tlp: 'GREEN' },
      data: {
        seizureId,
        location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
        items: [{ itemId: newId(), kind: 'WEAPON', manufacturer: 'Glock', serialNumber: 'ab-0042' }],
      },
    });
    const signed = await signEvent(v1, agency.eventKey);
    await js.publish('tb.v1.GH-CUSTOMS.seizure.SeizureReported', JSON.stringify(signed));
    const seen: TracebridgeEvent[] = [];
    const consumer = await startConsumer({ nc, durable: 'upcast-test', registry, db: new Database(':memory:'), handle: (e) => void seen.push(e) });
    await until(() => seen.length === 1);
    const [e] = seen;
    expect(e?.schemaVersion).toBe(3);
    if (e?.type !== 'SeizureReported') throw new Error(`unexpected ${String(e?.type)}`);
    expect(e.data.details).toEqual({ form: 'CUSTOMS' });
    expect(e.data.items[0]?.serial).toEqual({ asRead: 'ab-0042', normalised: 'AB0042' });
    expect(consumer.stats().deadLettered).toBe(0);
    await consumer.stop();
  });
});
