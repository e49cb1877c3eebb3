/**
 * The analysts' queries at the issue's scale (issue 9): `routes` (and, when
 * the hub has it, `diversionClusters`) over 10^6 items from 10^5 seizures
 * (TB_BENCH_SCALE scales both), through a real gateway process and straight
 * to the hub subgraph in the same run, p50 and p99; and the hub's RSS with
 * that read model open. The seizures are the demo scenario's (planted
 * corridors, links, a lot), each padded to ten items (weapons of its own
 * models, serials of their own), signed by their originators and applied as
 * the hub's consumer applies them.
 */
import { decodeEvent, normaliseSerial } from '@tracebridge/contracts';
import { mintDevToken } from '@tracebridge/identity';
import { createAnalysisScenario, freePort, signedSeizure, type ScenarioSeizure } from '@tracebridge/testkit';
import type { ServiceProcess } from '../support/processes';
import { buildBenchHub, machine, median, ms, now, openBenchWorld, openProjection, pct, runBench, scale, startBenchGateway, type BenchWorld } from './hubBench';

const SEIZURES = Math.round(100_000 * scale);
const ITEMS_PER_SEIZURE = 10;

/** A seizure's items padded to ten: more weapons of the models it already holds, with serials of their own. */
function padded(s: ScenarioSeizure, n: number): ScenarioSeizure {
  const weapons = s.data.items.filter((i) => i.kind === 'WEAPON');
  const base = weapons[0] ?? s.data.items[0]!;
  const extra = Array.from({ length: Math.max(0, ITEMS_PER_SEIZURE - s.data.items.length) }, (_, k) => {
    const asRead = `PAD${n.toString(36).toUpperCase()}X${k}`;
    return { ...base, itemId: crypto.randomUUID(), kind: 'WEAPON' as const, serial: { asRead, normalised: normaliseSerial(asRead) }, quantity: 1 };
  });
  return { ...s, data: { ...s.data, items: [...s.data.items, ...extra] } };
}

/** Sign and apply the scenario in batches (never all of it in memory at once). */
async function load(world: BenchWorld, projection: ReturnType<typeof openProjection>): Promise<{ items: number }> {
  const { seizures } = createAnalysisScenario(2026, SEIZURES);
  let items = 0;
  for (let i = 0; i < seizures.length; i += 1000) {
    const batch = await Promise.all(
      seizures.slice(i, i + 1000).map(async (raw, k) => {
        const s = padded(raw, i + k);
        items += s.data.items.length;
        return decodeEvent(await signedSeizure(s, world.keysOf(s.originator.agency).eventKey));
      }),
    );
    projection.db.transaction(() => batch.forEach((e) => projection.apply(e)))();
    seizures.fill(undefined as never, i, i + 1000);
  }
  return { items };
}

/** One more seizure, signed and applied as the consumer would: the read model has changed. */
let touched = 0;
async function touch(world: BenchWorld, projection: ReturnType<typeof openProjection>): Promise<void> {
  const n = ++touched;
  const s = padded(createAnalysisScenario(1_000_000 + n, 1).seizures[0]!, 10_000_000 + n);
  const e = decodeEvent(await signedSeizure(s, world.keysOf(s.originator.agency).eventKey));
  projection.db.transaction(() => projection.apply(e))();
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<number> {
  const start = now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors).slice(0, 1000)}`);
  return now() - start;
}

/** `fresh`: a new seizure is applied before each request, so the hub's per-viewer answer cache (diversionClusters) is of no help. */
const QUERIES: { name: string; query: string; variables: Record<string, unknown>; fresh?: boolean }[] = [
  {
    name: 'routes, a year, first 20',
    query: 'query($f: RouteFilter) { routes(filter: $f, first: 20) { totalCount nodes { id seizures weapons states firstSeen lastSeen trend observations } } }',
    variables: { f: { from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } },
  },
  {
    name: 'routes through TG, assault rifles',
    query: 'query($f: RouteFilter) { routes(filter: $f, first: 20) { nodes { id seizures trend } } }',
    variables: { f: { from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z', country: 'TG', category: 'ASSAULT_RIFLE' } },
  },
  {
    name: 'diversionClusters(first: 20), a report applied before each',
    query: '{ diversionClusters(first: 20) { id manufacturer model serialFrom serialTo items states firstSeen lastSeen seizureCount } }',
    variables: {},
    fresh: true,
  },
  {
    name: 'diversionClusters(manufacturer: "Zastava Arms"), a report applied before each',
    query: 'query($m: String) { diversionClusters(filter: { manufacturer: $m }, first: 20) { id serialFrom serialTo items states } }',
    variables: { m: 'Zastava Arms' },
    fresh: true,
  },
  {
    name: 'diversionClusters(first: 20), asked again with nothing changed',
    query: '{ diversionClusters(first: 20) { id manufacturer model serialFrom serialTo items states firstSeen lastSeen seizureCount } }',
    variables: {},
  },
];

async function main(): Promise<void> {
  console.log(`# analysts' queries benchmark, ${machine()}`);
  const world = await openBenchWorld('tb-bench-analysis-');
  const processes: ServiceProcess[] = [];
  try {
    const projection = openProjection(world, 'liaison.db');
    const t = now();
    const { items } = await load(world, projection);
    console.log(`loaded ${SEIZURES.toLocaleString('en')} seizures, ${items.toLocaleString('en')} items in ${((now() - t) / 1000).toFixed(0)} s`);
    const hub = await buildBenchHub(world, projection, 'liaison-audit.db');
    const hubPort = await freePort();
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const gateway = await startBenchGateway(world, hubPort);
    processes.push(...gateway.processes);
    const direct = `http://127.0.0.1:${hubPort}/graphql`;
    const token = await mintDevToken(world.keysOf('GH-POLICE'));
    const n = Math.max(10, Math.round(50 * Math.min(1, scale * 2)));
    console.log('| query (as GH-POLICE) | through the gateway | straight to the hub subgraph (same run) | ratio gateway / direct (p50) |');
    console.log('|---|---|---|---|');
    for (const q of QUERIES) {
      for (let i = 0; i < 3; i++) await post(gateway.url, token, q.query, q.variables);
      const g: number[] = [];
      const d: number[] = [];
      const rounds = q.fresh ? Math.max(5, Math.round(n / 3)) : n;
      for (let i = 0; i < rounds; i++) {
        if (q.fresh) await touch(world, projection);
        g.push(await post(gateway.url, token, q.query, q.variables));
        if (q.fresh) await touch(world, projection);
        d.push(await post(direct, token, q.query, q.variables));
      }
      console.log(
        `| ${q.name}; ${SEIZURES.toLocaleString('en')} seizures, ${items.toLocaleString('en')} items; ${q.fresh ? Math.max(5, Math.round(n / 3)) : n} each | p50 ${ms(pct(g, 50))}, p99 ${ms(pct(g, 99))} | p50 ${ms(pct(d, 50))}, p99 ${ms(pct(d, 99))} | ${(median(g) / median(d)).toFixed(2)} |`,
      );
    }
    global.gc?.();
    const rss = process.memoryUsage().rss;
    console.log(
      `hub process RSS with the read model open, after the queries: ${Math.round(rss / 2 ** 20)} MiB (the benchmark's own data dropped; the gateway and directory are separate processes)`,
    );
    await hub.close();
  } finally {
    for (const p of processes) await p.stop();
    await world.close();
  }
}

runBench(main);
