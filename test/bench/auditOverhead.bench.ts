/**
 * What the read audit costs a read-heavy load (issue 8): officers of four
 * agencies, two each, reading other agencies' seizures one `seizure(id)` at a
 * time, eight requests in flight, on the hub with its audit (hash-chained,
 * one fsynced transaction per request, docs/operations.md) and on an
 * identical hub whose audit notes and writes nothing, alternately, in the
 * same run, in process.
 *
 * Two loads: every read new (each round's officers are new: the worst case,
 * one chained entry and one fsync per request), and the same records read
 * again within a minute (coalesced: a lookup per read, no entry written).
 *
 * `bash scripts/pnpm.sh exec tsx test/bench/auditOverhead.bench.ts`
 */
import Database from 'better-sqlite3';
import { mintDevToken } from '@tracebridge/identity';
import type { FastifyInstance } from '@tracebridge/server';
import {
  applyAll,
  buildBenchHub,
  copyProjection,
  machine,
  median,
  ms,
  now,
  openBenchWorld,
  openProjection,
  pct,
  scale,
  signedSeizuresOf,
  type BenchHub,
  type BenchWorld,
  runBench,
} from './hubBench';

/**
 * Benchmark only, never in runtime code: audit off. The hub's one ReadAudit
 * (the views note reads on it, the tb-read-audit plugin flushes it) is made
 * to note and write nothing, on this hub instance only (the hub has no switch for it).
 */
function silenceReadAudit(app: FastifyInstance): void {
  app.readAudit.note = () => undefined;
  app.readAudit.flush = () => undefined;
}

const READERS = ['GH-POLICE', 'TG-CUSTOMS', 'BF-BORDER', 'CI-POLICE'];
const READ =
  'query($id: ID!) { seizure(id: $id) { id occurredAt originator { id } location { country place } items { kind category manufacturer serialNumber } handling { tlp } } }';

/** Eight officers (two per reader agency), each reading `perOfficer` records in turn; reads per second and each request's latency. */
async function load(world: BenchWorld, hub: BenchHub, records: Map<string, string[]>, tag: string, perOfficer: number) {
  const officers = await Promise.all(
    READERS.flatMap((agency) =>
      [0, 1].map(async (i) => ({
        ids: records.get(agency)!.slice(i * perOfficer, (i + 1) * perOfficer),
        token: await mintDevToken(world.keysOf(agency), { subject: `bench-${tag}-${i}` }),
      })),
    ),
  );
  const latencies: number[] = [];
  const t = now();
  await Promise.all(
    officers.map(async (o) => {
      for (const id of o.ids) {
        const r = await hub.ask(o.token, READ, { id });
        if (!(r.body.data?.seizure as { id?: string } | null)?.id) throw new Error(`no seizure ${id}`);
        latencies.push(r.ms);
      }
    }),
  );
  return { perSecond: (latencies.length / (now() - t)) * 1000, latencies };
}

async function compare(world: BenchWorld, on: BenchHub, off: BenchHub, records: Map<string, string[]>, fresh: boolean, perOfficer: number) {
  const rounds: { on: Awaited<ReturnType<typeof load>>; off: Awaited<ReturnType<typeof load>>; disk: number }[] = [];
  if (!fresh) {
    // The officers' first reads, written; the measured rounds read the same again.
    await load(world, off, records, 'off-again', perOfficer);
    await load(world, on, records, 'on-again', perOfficer);
  }
  for (let round = 0; round < 3; round++) {
    // New officers every round read records no one of them has read: every read is written. Else the same officers read the same records again.
    const tag = fresh ? `r${round}` : 'again';
    const offRun = await load(world, off, records, `off-${tag}`, perOfficer);
    // The disk's fsync rate changes by the minute on a shared machine: measured right before the round that depends on it.
    const disk = fsyncedCommitsPerSecond(world);
    const onRun = await load(world, on, records, `on-${tag}`, perOfficer);
    rounds.push({ on: onRun, off: offRun, disk });
  }
  const rate = (side: 'on' | 'off') => median(rounds.map((r) => r[side].perSecond));
  const lat = (side: 'on' | 'off', p: number) => median(rounds.map((r) => pct(r[side].latencies, p)));
  const ratios = rounds.map((r) => r.on.perSecond / r.off.perSecond);
  const spread = ratios.map((x) => x.toFixed(2)).join(', ');
  const disk = rounds.map((r) => Math.round(r.disk)).join(', ');
  return {
    row: `${Math.round(rate('on'))} reads/s, p50 ${ms(lat('on', 50))}, p99 ${ms(lat('on', 99))} | audit off ${Math.round(rate('off'))} reads/s, p50 ${ms(lat('off', 50))}, p99 ${ms(lat('off', 99))} | ${median(ratios).toFixed(2)} (rounds: ${spread}) |`,
    disk,
  };
}

/** What bounds the audit: 200 one-row transactions on a file like the audit's (WAL, synchronous=FULL), on the same disk. */
function fsyncedCommitsPerSecond(world: BenchWorld): number {
  const db = new Database(world.dir.file('fsync-probe.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  const n = 200;
  const t = now();
  for (let i = 0; i < n; i++) db.transaction(() => insert.run(`row ${i}`)).immediate();
  const perSecond = (n / (now() - t)) * 1000;
  db.close();
  return perSecond;
}

async function main(): Promise<void> {
  console.log(`# audit overhead benchmark, ${machine()}`);
  const world = await openBenchWorld('tb-bench-audit-');
  try {
    const count = Math.round(10_000 * scale);
    const seeded = openProjection(world, 'audit-on.db');
    // Originators among the demo reporters and the benchmark agencies, so every reader has records of others to read.
    const originators = world.keys.map((k) => k.agency.id).filter((a) => a !== 'WA-LIAISON');
    applyAll(seeded, await signedSeizuresOf(world, count, { originators }));
    copyProjection(world, seeded, 'audit-off.db');
    const on = await buildBenchHub(world, openProjection(world, 'audit-on.db'), 'audit-on-audit.db');
    const off = await buildBenchHub(world, openProjection(world, 'audit-off.db'), 'audit-off-audit.db');
    silenceReadAudit(off.app);
    const check = openProjection(world, 'audit-on.db');
    const records = new Map(
      READERS.map((agency) => [
        agency,
        check.db
          .prepare<[string, string], string>(
            'SELECT v.record_id FROM visibility v JOIN seizures s ON s.seq = v.seq WHERE v.agency = ? AND v.level = 2 AND s.originator_agency <> ? ORDER BY v.seq',
          )
          .pluck()
          .all(agency, agency),
      ]),
    );
    check.db.close();
    const perOfficer = Math.min(Math.round(250 * scale), ...[...records.values()].map((ids) => Math.floor(ids.length / 2)));
    // Warm both (JIT, statement caches, the page cache) on records the measured rounds do not read.
    await load(world, on, new Map([...records].map(([a, ids]) => [a, ids.slice(-40)])), 'warm', 20);
    await load(world, off, new Map([...records].map(([a, ids]) => [a, ids.slice(-40)])), 'warm', 20);

    const fresh = await compare(world, on, off, records, true, perOfficer);
    const again = await compare(world, on, off, records, false, perOfficer);
    const written = on.app.readAudit.readsOf('GH-CUSTOMS', null, 1_000_000).length;
    console.log('| measure | audit on | audit off (same run) | ratio on / off (reads/s; median of the rounds’ ratios) |');
    console.log('|---|---|---|---|');
    console.log(
      `| seizure(id) of others' records, 8 officers of 4 agencies in flight, ${perOfficer * 8} reads a round, every read new (one chained entry each; the reads of requests resolving together share one commit); median of 3 rounds | ${fresh.row}`,
    );
    console.log(`| the same records read again by the same officers within a minute (coalesced: looked up, not written) | ${again.row}`);
    console.log(`| one-row SQLite transactions alone (WAL, synchronous=FULL, same disk), before each audit-on round of the first load | ${fresh.disk} commits/s | | |`);
    console.log(`(${count.toLocaleString('en')} records; the audit holds ${written} reads of GH-CUSTOMS' records after the run)`);
    await on.close();
    await off.close();
  } finally {
    await world.close();
  }
}

runBench(main);
