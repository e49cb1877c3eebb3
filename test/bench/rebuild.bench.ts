/**
 * Rebuild speed (issue 10, item 3): the hub's read model rebuilt from the
 * event stream, every signature verified, against a baseline measured in
 * the same run: the same messages consumed raw from JetStream (no
 * verification, no projection). `npm run bench:rebuild`; TB_BENCH_SCALE
 * scales the event count (1 = 20,000 seizures).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectBus, ensureStreams, EVENTS_STREAM, LIAISON_DURABLE, startConsumer } from '@tracebridge/bus';
import { createHubPolicy, LiaisonProjection } from '@tracebridge/hub';
import { createTrustRegistry, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsServer, tempDir } from '@tracebridge/testkit';
import { publishChained } from '../support/chained';

const scale = Number(process.env.TB_BENCH_SCALE ?? 1);
const N = Math.round(20_000 * scale);
const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);

async function main(): Promise<void> {
  process.env.TB_LOG_LEVEL ??= 'warn';
  const dir = tempDir('tb-rebuild-bench-');
  const nats = await startNatsServer({ name: 'rebuild-bench' });
  const nc = await connectBus(nats.url, 'rebuild-bench');
  try {
    await ensureStreams(nc);
    const keys = await generateDevKeys();
    const registry = createTrustRegistry(devAgencyRecords(keys));
    const events = await signedSeizures(createSeizureGenerator(2026), keys, N);
    // Published as the agencies' relays publish them: chained per origin.
    await publishChained(nc, events);
    const js = jetstream(nc);

    // Baseline: the same messages read raw (ordered consumer, nothing done with them).
    let t = performance.now();
    const raw = await (await js.consumers.get(EVENTS_STREAM)).consume();
    let seen = 0;
    for await (const m of raw) {
      void m;
      if (++seen === N) break;
    }
    const rawMs = performance.now() - t;

    const rows: string[] = [];
    for (const threads of (process.env.TB_BENCH_THREADS ?? '0,1,2').split(',').map(Number)) {
      const projection = new LiaisonProjection(
        dir.file(`liaison-${threads}.db`),
        createHubPolicy(() => registry),
      );
      await (await jetstreamManager(nc)).consumers.delete(EVENTS_STREAM, LIAISON_DURABLE).catch(() => undefined);
      const profiler = process.env.TB_BENCH_PROFILE ? new Session() : undefined;
      profiler?.connect();
      profiler?.post('Profiler.enable');
      profiler?.post('Profiler.start');
      t = performance.now();
      const consumer = await startConsumer({
        batchSize: Number(process.env.TB_BENCH_BATCH ?? 500),
        maxAckPending: Number(process.env.TB_BENCH_ACK_PENDING ?? 2000),
        nc,
        durable: LIAISON_DURABLE,
        registry,
        db: projection.db,
        inbox: projection.inbox,
        handle: (e) => projection.apply(e),
        verifyThreads: threads,
        bulk: { threshold: 1000, eligible: () => projection.isEmpty(), begin: () => projection.beginBulk(), end: () => projection.endBulk() },
      });
      while (consumer.stats().position < N) await new Promise((r) => setTimeout(r, 5));
      const takenMs = performance.now() - t;
      while (consumer.stats().rebuilding) await new Promise((r) => setTimeout(r, 5));
      const ms = performance.now() - t;
      profiler?.post('Profiler.stop', (err, { profile }) => {
        if (!err) writeFileSync(`${process.env.TB_BENCH_PROFILE}-${threads}.cpuprofile`, JSON.stringify(profile));
      });
      const applied = consumer.stats().applied;
      await consumer.stop();
      projection.db.close();
      if (applied !== N) throw new Error(`rebuilt ${applied} of ${N}`);
      rows.push(
        `| ${threads} | ${rate(N, ms).toLocaleString('en')} events/s | ${(ms / 1000).toFixed(1)} s (events taken in ${(takenMs / 1000).toFixed(1)} s, indexes ${((ms - takenMs) / 1000).toFixed(1)} s) | ${(rate(N, ms) / rate(N, rawMs)).toFixed(3)}× |`,
      );
    }
    console.log(`\nRebuild of the hub's read model from ${N.toLocaleString('en')} signed seizures (raw JetStream read: ${rate(N, rawMs).toLocaleString('en')} msgs/s)\n`);
    console.log('| verifier threads | rebuild | time | vs raw read |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    await nc.close();
    await nats.dispose();
    dir.remove();
  }
}

await main();
