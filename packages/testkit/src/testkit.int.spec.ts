import { connect } from '@nats-io/transport-node';
import { createUnsignedEnvelope } from '@tracebridge/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createSeizureGenerator } from '@tracebridge/demo-data';
import { startNatsCluster, startNatsServer } from './natsServer';
import { tempSqliteStore } from './tempFiles';
import { existsSync } from 'node:fs';

describe('seizure generator', () => {
  it('is deterministic per seed and every seizure it makes is a valid SeizureReported', () => {
    const a = createSeizureGenerator(7);
    const b = createSeizureGenerator(7);
    const c = createSeizureGenerator(8);
    const xs = Array.from({ length: 300 }, () => a.next());
    expect(Array.from({ length: 300 }, () => b.next())).toEqual(xs);
    expect(c.next()).not.toEqual(xs[0]);
    for (const s of xs) {
      expect(() =>
        createUnsignedEnvelope({
          type: 'SeizureReported',
          streamId: `seizure-${s.data.seizureId}`,
          originator: s.originator,
          handling: s.handling,
          occurredAt: s.occurredAt,
          recordedAt: s.occurredAt,
          data: s.data,
        }),
      ).not.toThrow();
    }
    const items = xs.flatMap((s) => s.data.items);
    // realistic mix: mostly marked weapons, some obliterated serials, ammunition lots
    expect(items.filter((i) => i.serialObliterated).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.kind === 'AMMUNITION').length).toBeGreaterThan(0);
    expect(new Set(xs.map((s) => s.originator.agency)).size).toBe(6);
  });
});

describe('nats-server launcher', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of disposers) await d();
  });

  it('starts a JetStream server on a free port, restarts it with its data, and removes its store', async () => {
    const server = await startNatsServer();
    disposers.push(server.dispose);
    const nc = await connect({ servers: server.url });
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'T', subjects: ['t.>'] });
    await nc.close();
    await server.kill();
    await server.start();
    const nc2 = await connect({ servers: server.url });
    const jsm2 = await jetstreamManager(nc2);
    expect((await jsm2.streams.info('T')).config.name).toBe('T');
    await nc2.close();
    await server.dispose();
    expect(existsSync(server.storeDir)).toBe(false);
  });

  it('starts a 3-node cluster that holds an R3 stream', async () => {
    const cluster = await startNatsCluster(3);
    disposers.push(cluster.dispose);
    const nc = await connect({ servers: cluster.urls });
    const { jetstreamManager, jetstream } = await import('@nats-io/jetstream');
    // JetStream is available once the cluster has elected a meta leader.
    let jsm: Awaited<ReturnType<typeof jetstreamManager>>;
    for (let i = 0; ; i++) {
      try {
        jsm = await jetstreamManager(nc);
        await jsm.streams.add({ name: 'R3', subjects: ['r3.>'], num_replicas: 3 });
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const info = await jsm.streams.info('R3');
    expect(info.cluster?.replicas?.length).toBe(2);
    const ack = await jetstream(nc).publish('r3.x', 'hello');
    expect(ack.seq).toBe(1);
    await nc.close();
  });

  it('gives each temp store its own file', async () => {
    const a = tempSqliteStore();
    const b = tempSqliteStore();
    expect(a.file).not.toBe(b.file);
    await a.close();
    await b.close();
    expect(existsSync(a.file)).toBe(false);
  });
});
