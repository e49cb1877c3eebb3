/**
 * Serial-batch diversion detection (issue 9): what the incremental index
 * costs per reported weapon, beside what projecting the seizure costs
 * without it (same run, same events), and `diversionClusters` over a large
 * projection: 100,000 seizures of 10 weapons each (10^6 weapons) drawn from
 * the demo data's generator (its models and serial formats: several are
 * crowded at this size), handled as the generator hands them out, asked in
 * process by an agency that sees about half of them. Baseline in the same
 * run: `seizures(first: 20)` on the same hub.
 *
 * `bash scripts/pnpm.sh exec tsx test/bench/diversion.bench.ts` (TB_BENCH_SCALE=0.1 for 10^4 seizures)
 */
import { copyFileSync } from 'node:fs';
import { createUnsignedEnvelope, decodeEvent, type SignedEnvelope } from '@tracebridge/contracts';
import { DEFAULT_DIVERSION_RULES } from '@tracebridge/domain';
import { createHubPolicy, LiaisonProjection } from '@tracebridge/hub';
import { mintDevToken, signEvent, verifyEventSignatureSync } from '@tracebridge/identity';
import { createSeizureGenerator, type GeneratedSeizure } from '@tracebridge/testkit';
import { buildBenchHub, machine, median, ms, now, openBenchWorld, pct, runBench, scale, type BenchWorld } from './hubBench';

const SEIZURES = Math.round(100_000 * scale);
const WEAPONS_PER_SEIZURE = 10;
const BATCH = 500;
const QUERIES = 30;
const rss = () => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`;

/** Seizures of ten weapons: a generated seizure, with the weapons of the next ones the generator draws. */
function* tenWeaponSeizures(count: number): Generator<GeneratedSeizure> {
  const g = createSeizureGenerator(9);
  for (let i = 0; i < count; i++) {
    const s = g.next();
    const weapons = s.data.items.filter((it) => it.kind === 'WEAPON');
    while (weapons.length < WEAPONS_PER_SEIZURE) weapons.push(...g.next().data.items.filter((it) => it.kind === 'WEAPON'));
    yield { ...s, data: { ...s.data, items: weapons.slice(0, WEAPONS_PER_SEIZURE) } };
  }
}

async function signBatch(world: BenchWorld, seizures: GeneratedSeizure[]): Promise<SignedEnvelope[]> {
  const at = new Date().toISOString();
  return Promise.all(
    seizures.map((s) =>
      signEvent(
        createUnsignedEnvelope({
          type: 'SeizureReported',
          streamId: `seizure-${s.data.seizureId}`,
          originator: s.originator,
          handling: s.handling,
          occurredAt: s.occurredAt,
          recordedAt: at,
          data: s.data,
        }),
        world.keysOf(s.originator.agency).eventKey,
      ),
    ),
  );
}

/** Project every seizure as the consumer does (one transaction a batch), timing the serial-batch index inside each apply. */
async function build(world: BenchWorld, projection: LiaisonProjection) {
  const index = projection.batches;
  const add = index.add.bind(index);
  let indexMs = 0;
  index.add = (facts) => {
    const t = now();
    add(facts);
    indexMs += now() - t;
  };
  const steady = { applyMs: 0, indexMs: 0, seizures: 0, verifyMs: 0 };
  let pending: GeneratedSeizure[] = [];
  let done = 0;
  const started = now();
  const flush = async () => {
    const signed = await signBatch(world, pending);
    pending = [];
    const events = signed.map(decodeEvent);
    const [t, before] = [now(), indexMs];
    projection.db.transaction(() => events.forEach((e) => projection.apply(e)))();
    done += events.length;
    // The last tenth: the index at its full size.
    if (done > SEIZURES * 0.9) {
      const tv = now();
      for (const e of signed) verifyEventSignatureSync(e, world.registry);
      steady.verifyMs += now() - tv;
      steady.applyMs += tv - t;
      steady.indexMs += indexMs - before;
      steady.seizures += events.length;
    }
    if (done % 20_000 === 0) console.log(`  ${done} seizures projected, ${Math.round((now() - started) / 1000)} s, RSS ${rss()}`);
  };
  for (const s of tenWeaponSeizures(SEIZURES)) {
    pending.push(s);
    if (pending.length === BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  index.add = add;
  return { totalMs: now() - started, indexMs, steady };
}

function indexStats(projection: LiaisonProjection) {
  const one = (sql: string) => projection.db.prepare<[], number>(sql).pluck().get() ?? 0;
  return {
    items: one('SELECT COUNT(*) FROM batch_items'),
    lots: one('SELECT COUNT(*) FROM batch_lots'),
    chains: one('SELECT COUNT(*) FROM batch_chains'),
    flagged: one('SELECT COUNT(*) FROM batch_chains WHERE flagged = 1'),
    inFlagged: one('SELECT COALESCE(SUM(items), 0) FROM batch_chains WHERE flagged = 1'),
  };
}

async function main(): Promise<void> {
  const world = await openBenchWorld('tb-diversion-bench-');
  try {
    console.log(`diversion benchmark: ${SEIZURES} seizures × ${WEAPONS_PER_SEIZURE} weapons; ${machine()}`);
    const projection = new LiaisonProjection(
      world.dir.file('liaison.db'),
      createHubPolicy(() => world.registry),
    );
    const built = await build(world, projection);
    const s = built.steady;
    const weapons = s.seizures * WEAPONS_PER_SEIZURE;
    const perItem = (s.indexMs * 1000) / weapons;
    const withoutIndex = ((s.applyMs - s.indexMs) * 1000) / s.seizures;
    const verify = (s.verifyMs * 1000) / s.seizures;
    const stats = indexStats(projection);
    console.log(`built in ${Math.round(built.totalMs / 1000)} s (index ${Math.round(built.indexMs / 1000)} s of it); RSS ${rss()}; ${JSON.stringify(stats)}`);
    console.log(`incremental update (last ${s.seizures} seizures): ${perItem.toFixed(1)} µs per weapon, ${(perItem * WEAPONS_PER_SEIZURE).toFixed(0)} µs per seizure`);
    console.log(
      `projecting the seizure without it: ${withoutIndex.toFixed(0)} µs; ratio ${((perItem * WEAPONS_PER_SEIZURE) / withoutIndex).toFixed(3)} per seizure, ${(perItem / withoutIndex).toFixed(4)} per weapon`,
    );
    console.log(`with the consumer's signature check (${verify.toFixed(0)} µs): ratio ${((perItem * WEAPONS_PER_SEIZURE) / (withoutIndex + verify)).toFixed(3)} per seizure`);
    await queries(world, projection);
    console.log(`peak RSS before the rebuild ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    rebuild(world, projection);
    console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    await world.close();
  }
}

/**
 * In process, as GH-POLICE. "After a report": a new seizure is projected
 * before each question, so the hub computes the answer afresh (what the
 * first analyst after each report waits); "repeated": the same question
 * again with nothing changed (kept answers: paging, other analysts).
 */
async function queries(world: BenchWorld, projection: LiaisonProjection): Promise<void> {
  const hub = await buildBenchHub(world, projection, 'audit.db');
  const token = await mintDevToken(world.keysOf('GH-POLICE'));
  const fields = 'id manufacturer model serialFrom serialTo items serials states firstSeen lastSeen seizureCount';
  // The generator's next seizures, after the ones projected (drawn again from the start: the seed fixes them).
  const next: GeneratedSeizure[] = [];
  let drawn = 0;
  for (const s of tenWeaponSeizures(SEIZURES + 4 * QUERIES)) if (drawn++ >= SEIZURES) next.push(s);
  const fresh = (await signBatch(world, next)).map(decodeEvent);
  const report = () => projection.db.transaction(() => projection.apply(fresh.pop()!))();
  const cases: [string, string, boolean][] = [
    ['diversionClusters(first: 20), after a report', `{ diversionClusters(first: 20) { ${fields} } }`, true],
    ['diversionClusters(first: 20) with 5 seizures each, after a report', `{ diversionClusters(first: 20) { ${fields} seizures(first: 5) { id occurredAt } } }`, true],
    ['diversionClusters(manufacturer: "Glock"), after a report', `{ diversionClusters(filter: { manufacturer: "Glock" }, first: 20) { ${fields} } }`, true],
    ['diversionClusters(first: 20), repeated', `{ diversionClusters(first: 20) { ${fields} } }`, false],
    ['baseline seizures(first: 20)', '{ seizures(first: 20) { nodes { id occurredAt } } }', false],
  ];
  const times = new Map<string, number[]>(cases.map(([k]) => [k, []]));
  // The questions after a report alternate; then the repeated ones, with nothing reported in between.
  for (const phase of [true, false]) {
    for (let i = 0; i < QUERIES; i++) {
      for (const [name, query, afterReport] of cases.filter((c) => c[2] === phase)) {
        if (afterReport) report();
        times.get(name)!.push((await hub.ask(token, query)).ms);
      }
    }
  }
  const all = await hub.ask(token, `{ diversionClusters(first: 100) { ${fields} } }`);
  console.log(`GH-POLICE sees ${(all.body.data!.diversionClusters as unknown[]).length} clusters in the first 100`);
  for (const [name, xs] of times) console.log(`${name}: p50 ${ms(median(xs))}, p99 ${ms(pct(xs, 99))} (${xs.length} queries)`);
  console.log(`RSS after queries ${rss()}`);
  await hub.close();
}

/** A changed TB_DIVERSION_RANGE rebuilds the index at start: how long, for this many seizures. */
function rebuild(world: BenchWorld, projection: LiaisonProjection): void {
  if (projection.db.open) projection.db.close();
  copyFileSync(world.dir.file('liaison.db'), world.dir.file('rebuilt.db'));
  const t = now();
  const again = new LiaisonProjection(
    world.dir.file('rebuilt.db'),
    createHubPolicy(() => world.registry),
    { diversion: { ...DEFAULT_DIVERSION_RULES, range: 50 } },
  );
  console.log(`rebuild of the index at start after TB_DIVERSION_RANGE changed: ${ms(now() - t)}; RSS ${rss()}`);
  again.db.close();
}

runBench(main);
