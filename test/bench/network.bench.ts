import { randomUUID } from 'node:crypto';
/**
 * Network benchmarks (`npm run bench`, after the backbone's): the whole
 * network as processes on this machine, each figure beside a baseline
 * measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectBus, ensureStreams } from '@tracebridge/bus';
import { createTrustRegistry, devAgencyRecords, loadOrCreateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateServiceKeys, mintDevToken } from '@tracebridge/identity';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore } from '@tracebridge/hub';
import { startNetwork, type Network } from '@tracebridge/network';
import { loadEmbargoRegimes } from '@tracebridge/server';
import { startNatsServer, tempDir } from '@tracebridge/testkit';
import { freeNetworkPorts } from '../support/network';

const scale = Number(process.env.TB_BENCH_SCALE ?? 1);
const now = (): number => performance.now();
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

const rssOf = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return m ? Number(m[1]) / 1024 : 0;
};
const networkRss = (network: Network, field: 'VmRSS' | 'VmHWM'): number =>
  Math.round([...network.processes.values()].reduce((sum, p) => sum + (p.child.pid ? rssOf(p.child.pid, field) : 0), 0));

const MUTATION = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } warnings { code } } }';
let serial = 0;
const input = (tag: string) => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  items: [{ kind: 'WEAPON', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `${tag}-${++serial}` }],
  handling: { tlp: 'GREEN' },
});

async function post(url: string, token: string, query: string, variables: unknown): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function reportsPerSecond(url: string, token: string, total: number, clients: number, tag: string): Promise<number> {
  let next = 0;
  const t = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < total) {
        const r = await post(url, token, MUTATION, { i: input(tag) });
        if (r.errors) throw new Error(JSON.stringify(r.errors));
      }
    }),
  );
  return Math.round((total / (now() - t)) * 1000);
}

async function networkPhase(): Promise<void> {
  const dir = tempDir('tb-bench-net-');
  const ports = await freeNetworkPorts();
  // The benchmark is one officer sending as fast as it can: lift the per-officer rate limit.
  const network = await startNetwork({ dataDir: dir.path, ports, env: { TB_RATE_LIMIT_PER_MINUTE: '100000000', TB_AGENCY_RATE_LIMIT_PER_MINUTE: '100000000' } });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = networkRss(network, 'VmRSS');
    const keys = await loadOrCreateDevKeys(join(dir.path, 'dev-keys'));
    const token = await mintDevToken(keys.find((k) => k.agency.id === 'GH-CUSTOMS')!);
    const police = await mintDevToken(keys.find((k) => k.agency.id === 'GH-POLICE')!);
    const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;
    const subgraph = `http://127.0.0.1:${ports.customs}/graphql`;
    const n = Math.round(1000 * scale);
    await reportsPerSecond(subgraph, token, 100, 16, 'warm');
    await reportsPerSecond(gateway, token, 100, 16, 'warm');
    const direct: number[] = [];
    const viaGateway: number[] = [];
    for (let round = 0; round < 3; round++) {
      direct.push(await reportsPerSecond(subgraph, token, n, 16, `d${round}`));
      viaGateway.push(await reportsPerSecond(gateway, token, n, 16, `g${round}`));
    }
    const loadRss = networkRss(network, 'VmHWM');

    // report-to-visible: returned at GH-CUSTOMS (straight from its service) → visible to GH-POLICE through the gateway
    const latencies: number[] = [];
    for (let i = 0; i < Math.round(200 * scale); i++) {
      const r = await post(subgraph, token, MUTATION, { i: input('vis') });
      const id = ((r.data?.reportCustomsSeizure as { seizure: { id: string } }) ?? { seizure: { id: '' } }).seizure.id;
      const returned = now();
      for (;;) {
        const seen = await post(gateway, police, 'query($id: ID!) { seizure(id: $id) { id } }', { id });
        if ((seen.data?.seizure as { id?: string } | null)?.id === id) break;
        if (now() - returned > 10_000) throw new Error('not visible after 10 s');
      }
      latencies.push(now() - returned);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    console.log(
      `| reports/s, 16 clients, ${n} per round (median of 3) | gateway ${med(viaGateway)}/s | straight to the customs subgraph ${med(direct)}/s | ${(med(viaGateway) / med(direct)).toFixed(2)} |`,
    );
    console.log(`| report returned → visible to GH-POLICE via gateway (${latencies.length} reports) | p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))} | | |`);
    console.log(`| network RSS (7 processes incl. nats-server) | idle ${idleRss} MB, peak under load ${loadRss} MB | | |`);
  } finally {
    await network.stop();
    dir.remove();
  }
}

/** serialCheck on a hub with 1,000,000 indexed items: liaison subgraph in process, SQLite index, Cedar policy. */
async function serialCheckPhase(): Promise<void> {
  const dir = tempDir('tb-bench-serial-');
  const nats = await startNatsServer();
  try {
    const keys = await loadOrCreateDevKeys(dir.file('dev-keys'));
    const registry = createTrustRegistry(devAgencyRecords(keys), await loadOrCreateDevServiceRecords(dir.file('dev-keys')));
    const projection = new LiaisonProjection(
      dir.file('liaison.db'),
      createHubPolicy(() => registry),
    );
    const items = Math.round(1_000_000 * scale);
    const agencies = ['GH-CUSTOMS', 'GH-POLICE', 'TG-POLICE', 'BF-BORDER'];
    const states: Record<string, string> = { 'GH-CUSTOMS': 'GH', 'GH-POLICE': 'GH', 'TG-POLICE': 'TG', 'BF-BORDER': 'BF' };
    const tlps = ['GREEN', 'AMBER', 'RED', 'CLEAR', 'AMBER_STRICT'];
    const makers = ['KALASHNIKOV CONCERN', 'NORINCO', 'GLOCK', 'BERETTA', 'ZASTAVA ARMS', 'TAURUS', 'BAIKAL', 'HATSAN'];
    const ins = projection.db.prepare(
      'INSERT INTO items (record_id, record_kind, holder_agency, holder_state, tlp, releasable_to, manufacturer_norm, serial_norm, manufacturer, serial_as_read, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    );
    // Records as the policy reads them; the visibility index is then computed from them by the hub's own rebuild.
    const record = projection.db.prepare('INSERT OR IGNORE INTO stockpile_losses (id, originator_agency, originator_state, tlp, releasable_to) VALUES (?, ?, ?, ?, ?)');
    let t = now();
    projection.db.transaction(() => {
      for (let i = 0; i < items; i++) {
        const r = Math.floor(i / 3);
        const a = agencies[r % 4]!;
        const tlp = tlps[r % 5]!;
        const m = makers[i % makers.length]!;
        ins.run(`rec-${r}`, i % 10 === 0 ? 'STOCKPILE_LOSS' : 'SEIZURE', a, states[a]!, tlp, '[]', m, `SN${i}`, m, `SN-${i}`);
        record.run(`rec-${r}`, a, states[a]!, tlp, '[]');
      }
    })();
    const loadS = (now() - t) / 1000;
    t = now();
    projection.db.exec('DELETE FROM read_model_meta');
    projection.visibility.ensureCurrent();
    const indexS = (now() - t) / 1000;
    const nc = await connectBus(nats.url, 'bench');
    await ensureStreams(nc);
    const serviceKeys = await loadOrCreateServiceKeys(dir.file('dev-keys'), 'liaison');
    const embargoes = loadEmbargoRegimes();
    const { app } = await buildLiaison({ projection, auditDb: openAuditStore(dir.file('liaison-audit.db')), registry: () => registry, nc, serviceKeys, embargoes });
    const token = await mintDevToken(keys.find((k) => k.agency.id === 'TG-POLICE')!);
    const query = async (manufacturer: string, s: string): Promise<number> => {
      const start = now();
      const r = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { query: `{ serialCheck(manufacturer: "${manufacturer}", serialNumber: "${s}") { recordId holder { id } } }` },
      });
      if (r.statusCode !== 200) throw new Error(r.body);
      return now() - start;
    };
    const health = async (): Promise<number> => {
      const start = now();
      await app.inject({ method: 'GET', url: '/health' });
      return now() - start;
    };
    for (let i = 0; i < 200; i++) await query('Glock', `SN-${i}`);
    const hits: number[] = [];
    const misses: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const k = Math.floor(Math.random() * items);
      hits.push(await query(makers[k % makers.length]!, `sn ${k}`));
      misses.push(await query('Glock', `NOPE-${i}`));
      base.push(await health());
    }
    t = now();
    console.log(
      `| serialCheck on ${items.toLocaleString('en')} indexed items (liaison subgraph, in process; 2,000 each) | hit p50 ${ms(pct(hits, 50))}, p99 ${ms(pct(hits, 99))}; miss p50 ${ms(pct(misses, 50))}, p99 ${ms(pct(misses, 99))} | fastify inject round trip (GET /health) p50 ${ms(pct(base, 50))} | (item index built in ${loadS.toFixed(1)} s; visibility index of ${Math.ceil(items / 3).toLocaleString('en')} records × 7 agencies computed in ${indexS.toFixed(1)} s) |`,
    );
    await app.close();
    await nc.close();
    projection.db.close();
  } finally {
    await nats.dispose();
    dir.remove();
  }
}

async function main(): Promise<void> {
  console.log('\n| network measure | ours | baseline (same run) | ratio |');
  console.log('|---|---|---|---|');
  await networkPhase();
  await serialCheckPhase();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
