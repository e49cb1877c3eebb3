import { jetstreamManager } from '@nats-io/jetstream';
import { connectBus, ensureStreams, EVENTS_STREAM, type NatsConnection } from '@tracebridge/bus';
import type { SignedEnvelope } from '@tracebridge/contracts';
import { envelopeToEvent, getSqliteEventStore, type SqliteEventStore } from '@tracebridge/eventstore';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, type TrustRegistry } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsCluster, tempDir, type NatsCluster, type TempDir } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, spawnService, until, type ServiceProcess } from '../support/processes';
import { consumerDrained, startCountingProjection, type CountingProjection } from '../support/projection';

const TOTAL = 5_000;
const WARM_UP = 100;
const DURABLE = 'cluster-projection';
/** How long the relay may take to publish again after the kill (measured here: 9 to 13 s: the election, then its publish timeout). */
const RELAY_FAILOVER_MS = 30_000;
/** How long the consumer may take to take in again once the relay publishes again (measured here: 2 to 3 s; 20 to 30 s with the client's default pull expiry). */
const CONSUMER_FAILOVER_MS = 15_000;

let registry: TrustRegistry;
let events: SignedEnvelope[];

/**
 * One node of a 3-node JetStream cluster killed under load (issue 10): the
 * standalone relay (a real process) carries a SQLite store to an R3 stream
 * while seizures are appended, and the hub's consumer (the real one, over a
 * counting read model without a unique key) takes them in; the node leading
 * both the stream and the consumer is SIGKILLed mid-load. Nothing may be
 * lost, doubled or dead-lettered, and relay and consumer must each carry on
 * within a bound.
 */
describe('a 3-node JetStream cluster loses one node under load', () => {
  let dir: TempDir;
  let cluster: NatsCluster;
  let nc: NatsConnection;
  let store: SqliteEventStore;
  let relay: ServiceProcess | undefined;
  let projection: CountingProjection | undefined;

  beforeAll(async () => {
    const keys = await generateDevKeys();
    registry = createTrustRegistry(devAgencyRecords(keys));
    events = await signedSeizures(createSeizureGenerator(2027), keys, TOTAL);
    dir = tempDir('tb-cluster-crash-');
    cluster = await startNatsCluster(3);
    // The client knows every node, as the relay and the hub do in production: it fails over to the survivors.
    nc = await connectBus(cluster.urls, 'cluster-crash-test');
    await ensureStreams(nc, { replicas: 3 });
    store = getSqliteEventStore(dir.file('events.db'));
  });
  afterAll(async () => {
    await relay?.kill();
    await projection?.close();
    await nc?.close();
    await store?.close();
    await cluster?.dispose();
    dir?.remove();
  });

  const streamInfo = async () => (await jetstreamManager(nc)).streams.info(EVENTS_STREAM);
  const leaders = async () => {
    const jsm = await jetstreamManager(nc);
    return { stream: (await jsm.streams.info(EVENTS_STREAM)).cluster?.leader, consumer: (await jsm.consumers.info(EVENTS_STREAM, DURABLE)).cluster?.leader };
  };

  it(`applies every one of ${TOTAL} events exactly once when the stream leader is SIGKILLed mid-load`, async () => {
    const started = Date.now();
    projection = await startCountingProjection(nc, registry, dir.file('projection.db'), DURABLE);
    relay = await spawnService('services/relay/src/main.ts', { TB_STORE: dir.file('events.db'), TB_NATS_URL: cluster.urls.join(',') }, 'relay ready');
    // The relay ensures the streams at start without knowing the deployment: it must not take R3 down to one copy.
    expect((await streamInfo()).config.num_replicas).toBe(3);

    // The hardest node to lose leads both the stream and the hub's durable consumer: the relay's publishes and the
    // consumer's pull request die with it. The consumer's leader is moved there (a step-down elects another peer).
    await until(
      async () => {
        const l = await leaders().catch(() => undefined);
        if (l?.consumer === undefined || l.stream === undefined) return false;
        if (l.consumer === l.stream) return true;
        await nc.request(`$JS.API.CONSUMER.LEADER.STEPDOWN.${EVENTS_STREAM}.${DURABLE}`, undefined, { timeout: 5_000 }).catch(() => undefined);
        return false;
      },
      30_000,
      'the consumer’s leader to be on the stream leader’s node',
    );

    let appended = 0;
    const append = async (upTo: number): Promise<void> => {
      for (; appended < upTo;) {
        const e = events[appended]!;
        await store.appendToStream(e.streamId, [envelopeToEvent(e)], { expectedRevision: 'no_stream' });
        appended += 1;
        if (appended % 25 === 0) await sleep(40);
      }
    };
    // A first hundred taken in: the consumer pulls from its new leader (a step-down leaves the client's pull behind).
    await append(WARM_UP);
    await until(() => projection!.total() >= WARM_UP, 30_000, 'the consumer to take in the first events');
    // The load: agencies reporting about 500 seizures a second (each append fsynced), relayed and consumed as they come.
    const appending = append(TOTAL);

    // Mid-load: once a fifth of the events are relayed, and most are still to come.
    await until(async () => (await streamInfo()).state.messages >= TOTAL / 5, 60_000, 'a fifth of the events to be relayed');
    const atKill = await leaders();
    const leader = atKill.stream;
    const victim = cluster.servers.find((s, i) => `c${i + 1}` === leader);
    if (!victim) throw new Error(`no stream leader among the nodes (leader: ${String(leader)})`);
    const killedAt = { leaders: atKill, connectedTo: nc.info?.server_name, appended, inStream: (await streamInfo()).state.messages, applied: projection.total() };
    await victim.kill();
    const killed = Date.now();
    // Not restarted: the rule is that two nodes of three (a quorum) carry an R3 stream on their own.
    // A restart would let the old leader take part again and hide whether the survivors alone kept everything.
    expect(killedAt.inStream).toBeLessThan(TOTAL / 2);

    // Failing over, each within a bound: the relay publishes again once the survivors have elected a new stream leader,
    // and the consumer takes in again once its lost pull is noticed (consumerDurable.ts). Progress past what the stream
    // held at the kill can only come through the new leaders.
    await until(async () => ((await streamInfo().catch(() => undefined))?.state.messages ?? 0) > killedAt.inStream + 100, RELAY_FAILOVER_MS, 'the relay to publish again');
    const relayBack = Date.now() - killed;
    await until(() => projection!.total() > killedAt.inStream + 100, CONSUMER_FAILOVER_MS, 'the consumer to take in again');
    const consumerBack = Date.now() - killed;

    await appending;
    expect(killedAt.appended).toBeLessThan(TOTAL);
    await until(async () => ((await streamInfo().catch(() => undefined))?.state.messages ?? 0) >= TOTAL, 60_000, 'every event to reach the stream');
    await until(() => projection!.total() >= TOTAL, 60_000, 'every event to be applied');
    // Counted once the consumer has nothing left to deliver or to have acknowledged: a double would be in by then.
    await until(() => consumerDrained(nc, DURABLE).catch(() => false), 30_000, 'the consumer to drain');

    const info = await streamInfo();
    const stats = projection.consumer.stats();
    console.info(
      `stream leader ${String(leader)} SIGKILLed at ${JSON.stringify(killedAt)}; new leader ${String(info.cluster?.leader)}; ` +
        `relay publishing again after ${relayBack} ms, consumer taking in again after ${consumerBack} ms; ` +
        `stream ${info.state.messages}, applied ${projection.total()} rows, ${projection.distinct()} distinct, ${Date.now() - started} ms`,
    );
    expect(info.cluster?.leader).not.toBe(leader);
    expect(info.state.messages).toBe(TOTAL);
    expect(projection.total()).toBe(TOTAL);
    expect(projection.distinct()).toBe(TOTAL);
    expect(projection.consumer.ledger.deadLetterCount()).toBe(0);
    expect(stats).toMatchObject({ deadLettered: 0, retrying: false });
    expect(await consumerDrained(nc, DURABLE)).toBe(true);
  });
});
