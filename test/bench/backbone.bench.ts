/**
 * Backbone benchmarks (`npm run bench`). Each phase runs in its own process
 * so its peak RSS is its own; every figure is printed beside a baseline
 * measured in the same run on the same machine, since these machines are
 * shared and noisy: ratios, not absolute numbers, are what to compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import Database from 'better-sqlite3';
import { connectBus, ensureStreams, EVENTS_STREAM, startConsumer, startRelay } from '@tracebridge/bus';
import { subjectFor, type SignedEnvelope } from '@tracebridge/contracts';
import { envelopeToEvent, getSqliteCheckpointStore, getSqliteEventStore, openSqliteDatabase } from '@tracebridge/eventstore';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, verifyEventSignature } from '@tracebridge/identity';
import { createSeizureGenerator, natsServerBin, signedSeizures, startNatsServer, tempDir } from '@tracebridge/testkit';

type Result = Record<string, number | string>;
const phase = process.argv[2];
const scale = Number(process.env.TB_BENCH_SCALE ?? 1);
const now = (): number => performance.now();
const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);
const ROUNDS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function events(n: number): Promise<SignedEnvelope[]> {
  const keys = await generateDevKeys();
  return signedSeizures(createSeizureGenerator(99), keys, n);
}

/** SQLite store appends vs raw better-sqlite3 inserts of the same rows, same pragmas (WAL, synchronous=FULL). */
async function storePhase(): Promise<Result> {
  const dir = tempDir('tb-bench-');
  const evs = await events(Math.round(10_000 * scale));
  const rows = evs.map(envelopeToEvent);
  const out: Result = {};
  for (const batch of [1, 100]) {
    const n = batch === 1 ? Math.round(1000 * scale) : rows.length;
    // Alternate raw and store runs and keep each one's median: one slow fsync must not decide a ratio.
    const rawRuns: number[] = [];
    const storeRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // raw: same table shape, one transaction per batch, JSON serialised as the store does
      const raw = openSqliteDatabase(dir.file(`raw-${batch}-${round}.db`));
      const ins = raw.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const tx = raw.transaction((slice: typeof rows, streamId: string, base: number) => {
        slice.forEach((r, i) => ins.run(r.id, streamId, base + i, r.type, JSON.stringify(r.data), JSON.stringify(r.metadata), Date.now()));
      });
      let t = now();
      for (let i = 0; i < n; i += batch) tx(rows.slice(i, i + batch), `s-${i}`, 0);
      rawRuns.push(now() - t);
      raw.close();

      const store = getSqliteEventStore(dir.file(`store-${batch}-${round}.db`));
      t = now();
      for (let i = 0; i < n; i += batch) await store.appendToStream(`s-${i}`, rows.slice(i, i + batch), { expectedRevision: 'no_stream' });
      storeRuns.push(now() - t);
      await store.close();
    }
    const rawMs = median(rawRuns);
    const storeMs = median(storeRuns);
    out[`batch${batch}_events`] = n;
    out[`batch${batch}_raw_per_s`] = rate(n, rawMs);
    out[`batch${batch}_store_per_s`] = rate(n, storeMs);
    out[`batch${batch}_ratio`] = +(rawMs / storeMs).toFixed(2);
  }
  dir.remove();
  out.peak_rss_mb = maxRssMb();
  return out;
}

/** Relay (store → JetStream, acked, checkpointed) vs raw pipelined JetStream publishes of the same messages. */
async function relayPhase(): Promise<Result> {
  const n = Math.round(10_000 * scale);
  const evs = await events(n);
  const nats = await startNatsServer();
  const dir = tempDir('tb-bench-');
  try {
    const nc = await connectBus(nats.url, 'bench');
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const payloads = evs.map((e) => ({ subject: subjectFor(e.originator.agency, 'SeizureReported'), data: JSON.stringify(e), id: e.id }));

    const window = 256;
    const store = getSqliteEventStore(dir.file('events.db'));
    let last = 0n;
    for (let i = 0; i < evs.length; i += 100) last = (await store.appendToStream(`s-${i}`, evs.slice(i, i + 100).map(envelopeToEvent))).position;
    const rawRuns: number[] = [];
    const relayRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await jsm.streams.delete(EVENTS_STREAM).catch(() => undefined);
      await ensureStreams(nc);
      let t = now();
      const inflight: Promise<unknown>[] = [];
      for (const p of payloads) {
        inflight.push(js.publish(p.subject, p.data, { msgID: p.id }));
        if (inflight.length >= window) await inflight.shift();
      }
      await Promise.all(inflight);
      rawRuns.push(now() - t);

      await jsm.streams.delete(EVENTS_STREAM);
      await ensureStreams(nc);
      t = now();
      const relay = await startRelay({ store, checkpoints: getSqliteCheckpointStore(store.db), nc, maxInFlight: window, name: `bench-${round}` });
      await relay.waitFor(last, 300_000);
      relayRuns.push(now() - t);
      await relay.stop();
      const stored = (await jsm.streams.info(EVENTS_STREAM)).state.messages;
      if (stored !== n) throw new Error(`relay stored ${stored} of ${n}`);
    }
    const rawMs = median(rawRuns);
    const relayMs = median(relayRuns);
    await store.close();
    await nc.close();
    return { events: n, raw_publish_per_s: rate(n, rawMs), relay_per_s: rate(n, relayMs), ratio: +(rawMs / relayMs).toFixed(2), peak_rss_mb: maxRssMb() };
  } finally {
    await nats.dispose();
    dir.remove();
  }
}

/** Consumer apply with signature verification vs a raw JetStream consume of the same messages; and verification alone. */
async function consumerPhase(): Promise<Result> {
  const n = Math.round(10_000 * scale);
  const keys = await generateDevKeys();
  const registry = createTrustRegistry(devAgencyRecords(keys));
  const evs = await signedSeizures(createSeizureGenerator(7), keys, n);
  const nats = await startNatsServer();
  try {
    const nc = await connectBus(nats.url, 'bench');
    await ensureStreams(nc);
    const js = jetstream(nc);
    const inflight: Promise<unknown>[] = [];
    for (const e of evs) {
      inflight.push(js.publish(subjectFor(e.originator.agency, 'SeizureReported'), JSON.stringify(e), { msgID: e.id }));
      if (inflight.length >= 256) await inflight.shift();
    }
    await Promise.all(inflight);

    // verification alone, sequential
    let t = now();
    for (const e of evs) await verifyEventSignature(e, registry);
    const verifyUs = ((now() - t) * 1000) / n;

    // raw consume: ack only
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(EVENTS_STREAM, { durable_name: 'raw', ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get(EVENTS_STREAM, 'raw');
    t = now();
    const msgs = await c.consume({ max_messages: 500 });
    let seen = 0;
    for await (const m of msgs) {
      m.ack();
      if (++seen === n) break;
    }
    const rawMs = now() - t;

    // our consumer: parse, verify, check subject, upcast/validate, inbox, apply
    let applied = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    t = now();
    const consumer = await startConsumer({
      nc,
      durable: 'bench',
      registry,
      db: new Database(':memory:'),
      handle: () => {
        if (++applied === n) done();
      },
    });
    await finished;
    const applyMs = now() - t;
    await consumer.stop();
    await nc.close();
    return {
      events: n,
      raw_consume_per_s: rate(n, rawMs),
      apply_per_s: rate(n, applyMs),
      ratio: +(rawMs / applyMs).toFixed(2),
      verify_us_per_event: +verifyUs.toFixed(1),
      peak_rss_mb: maxRssMb(),
    };
  } finally {
    await nats.dispose();
  }
}

const phases: Record<string, () => Promise<Result>> = { store: storePhase, relay: relayPhase, consumer: consumerPhase };

async function main(): Promise<void> {
  if (phase) {
    const fn = phases[phase];
    if (!fn) throw new Error(`unknown phase ${phase}`);
    process.stdout.write(`${JSON.stringify(await fn())}\n`);
    process.exit(0);
  }
  const natsVersion = execFileSync(natsServerBin(), ['--version']).toString().trim();
  const sqliteVersion = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  console.log(`# Tracebridge backbone benchmark, ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${natsVersion}; SQLite ${sqliteVersion}; scale ${scale}\n`,
  );
  const results: Record<string, Result> = {};
  for (const name of Object.keys(phases)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, name], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`phase ${name} failed:\n${r.stderr}`);
    results[name] = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Result;
  }
  const s = results.store!;
  const rl = results.relay!;
  const c = results.consumer!;
  const goal = (x: unknown, g: number): string => (Number(x) >= g ? `≥ ${g} ✓` : `< ${g} ✗`);
  console.log('| measure | ours | baseline (same run) | ratio | goal | peak RSS |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| SQLite append, batch 1 (${s.batch1_events} events) | ${s.batch1_store_per_s} ev/s | raw better-sqlite3 ${s.batch1_raw_per_s} ev/s | ${s.batch1_ratio} | ${goal(s.batch1_ratio, 0.7)} | ${s.peak_rss_mb} MB |`,
  );
  console.log(
    `| SQLite append, batch 100 (${s.batch100_events} events) | ${s.batch100_store_per_s} ev/s | raw better-sqlite3 ${s.batch100_raw_per_s} ev/s | ${s.batch100_ratio} | ${goal(s.batch100_ratio, 0.7)} | (same process) |`,
  );
  console.log(
    `| relay store → JetStream (${rl.events} events) | ${rl.relay_per_s} ev/s | raw JetStream publish ${rl.raw_publish_per_s} ev/s | ${rl.ratio} | ${goal(rl.ratio, 0.7)} | ${rl.peak_rss_mb} MB |`,
  );
  console.log(
    `| consumer apply, signatures verified (${c.events} events) | ${c.apply_per_s} ev/s | raw JetStream consume ${c.raw_consume_per_s} ev/s | ${c.ratio} | — | ${c.peak_rss_mb} MB |`,
  );
  console.log(`| signature verification alone | ${c.verify_us_per_event} µs/event | | | | |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
