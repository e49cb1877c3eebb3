import { jetstreamManager } from '@nats-io/jetstream';
import { connectBus, ensureStreams, EVENTS_STREAM, type NatsConnection } from '@tracebridge/bus';
import type { SignedEnvelope } from '@tracebridge/contracts';
import { envelopeToEvent, getSqliteEventStore, type SqliteEventStore } from '@tracebridge/eventstore';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, type AgencyKeys, type TrustRegistry } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsServer, tempDir, type NatsServer, type TempDir } from '@tracebridge/testkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnService, sleep, until, type ServiceProcess } from '../support/processes';
import { consumerDrained, startCountingProjection } from '../support/projection';

const TOTAL = 10_000;
const BATCH = 10;

let keys: AgencyKeys[];
let registry: TrustRegistry;
let events: SignedEnvelope[];

beforeAll(async () => {
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys));
  events = await signedSeizures(createSeizureGenerator(2026), keys, TOTAL);
});

describe('crash safety: nothing acknowledged is lost, nothing is doubled', () => {
  let dir: TempDir;
  let nats: NatsServer;
  let nc: NatsConnection;
  let store: SqliteEventStore;
  let relay: ServiceProcess | undefined;

  beforeEach(async () => {
    dir = tempDir('tb-crash-');
    nats = await startNatsServer();
    nc = await connectBus(nats.url, 'crash-test');
    await ensureStreams(nc);
    store = getSqliteEventStore(dir.file('events.db'));
  });
  afterEach(async () => {
    await relay?.kill();
    await nc.close();
    await store.close();
    await nats.dispose();
    dir.remove();
  });

  const startRelay = async (): Promise<ServiceProcess> => spawnService('services/relay/src/main.ts', { TB_STORE: dir.file('events.db'), TB_NATS_URL: nats.url }, 'relay ready');

  /** Append all events in batches of ten, yielding between batches so the other work interleaves. */
  const appendAll = async (): Promise<void> => {
    for (let i = 0; i < TOTAL; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      // One seizure per stream here; a batch is ten appends, each fsynced.
      for (const e of batch) await store.appendToStream(e.streamId, [envelopeToEvent(e)], { expectedRevision: 'no_stream' });
      await sleep(1);
    }
  };

  const streamMessages = async (): Promise<number> => (await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM)).state.messages;

  it(`keeps every one of ${TOTAL} events exactly once while the relay process is SIGKILLed at random moments`, async () => {
    const projection = await startCountingProjection(nc, registry, dir.file('projection.db'), 'crash-projection');
    relay = await startRelay();
    let kills = 0;
    let appending = true;
    const appended = appendAll().finally(() => (appending = false));
    // Kill and restart the relay at random moments while events are appended and relayed.
    while (appending || kills < 8) {
      await sleep(150 + Math.floor(Math.random() * 600));
      await relay.kill();
      kills += 1;
      relay = await startRelay();
      if (kills > 200) break;
    }
    await appended;
    await until(async () => (await streamMessages()) >= TOTAL && projection.total() >= TOTAL, 120_000, 'all events to be relayed and projected');
    // Counted once the consumer has nothing left to deliver or to have acknowledged: a double would be in by then.
    await until(() => consumerDrained(nc, 'crash-projection'), 60_000, 'the projection consumer to drain');
    console.info(`relay SIGKILLed ${kills} times; stream ${await streamMessages()}, projection ${projection.total()} rows, ${projection.distinct()} distinct`);
    expect(kills).toBeGreaterThanOrEqual(8);
    expect(await streamMessages()).toBe(TOTAL);
    expect(projection.total()).toBe(TOTAL);
    expect(projection.distinct()).toBe(TOTAL);
    await projection.close();
  });

  it(`keeps every one of ${TOTAL} events exactly once while nats-server is killed and restarted mid-stream`, async () => {
    const projection = await startCountingProjection(nc, registry, dir.file('projection.db'), 'nats-restart-projection');
    relay = await startRelay();
    let restarts = 0;
    let appending = true;
    const appended = appendAll().finally(() => (appending = false));
    while (appending || restarts < 3) {
      await sleep(800 + Math.floor(Math.random() * 800));
      // Alternate a crash (SIGKILL) and a clean stop.
      if (restarts % 2 === 0) await nats.kill();
      else await nats.stop();
      await sleep(200 + Math.floor(Math.random() * 500));
      await nats.start();
      restarts += 1;
      if (restarts > 50) break;
    }
    await appended;
    await until(async () => (await streamMessages().catch(() => 0)) >= TOTAL && projection.total() >= TOTAL, 180_000, 'all events to be relayed and projected');
    await until(() => consumerDrained(nc, 'nats-restart-projection').catch(() => false), 60_000, 'the projection consumer to drain');
    console.info(`nats-server restarted ${restarts} times; stream ${await streamMessages()}, projection ${projection.total()} rows, ${projection.distinct()} distinct`);
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(await streamMessages()).toBe(TOTAL);
    expect(projection.total()).toBe(TOTAL);
    expect(projection.distinct()).toBe(TOTAL);
    await projection.close();
  });
});
