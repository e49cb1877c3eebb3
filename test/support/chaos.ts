import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { superviseNetwork } from '@tracebridge/network';
import { startTestNetwork, type TestNetwork } from './network';
import { until } from './processes';
import { hubHolds, storedEventIds } from './stores';

/**
 * The crash run of issue 10: reports through the gateway, each with its
 * clientReference and retried on retryable answers, while random processes
 * of the network (agency services, the hub, the gateway, nats-server) are
 * SIGKILLed and the launcher's supervisor restarts them. Then, once the
 * network has caught up (waited on, not slept): every report stored once
 * and visible once in the hub. Shared by the short run in the README's test
 * command and `npm run test:chaos`.
 */
export interface ChaosOptions {
  reports: number;
  kills: number;
  /** Reports in flight at once. @default 8 */
  concurrency?: number;
  /** Between two kills. @default 1500 */
  killEveryMs?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  reports: number;
  kills: number;
  killed: Record<string, number>;
  retries: number;
  /** Answers that were neither a success nor safe to retry (must be none). */
  refused: string[];
  ms: number;
  convergedMs: number;
  /** Per clientReference: events in the stores, seizures in the hub (each must be exactly 1). */
  storedPerReference: Map<string, number>;
  hubPerReference: Map<string, number>;
  hubItems: number;
  hubDeadLetters: number;
  storedEvents: number;
  hubApplied: number;
}

const VICTIMS = ['customs', 'police', 'border', 'regional', 'licensing', 'liaison', 'gateway', 'nats'] as const;
const AGENCIES = ['GH-CUSTOMS', 'TG-CUSTOMS'];

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const net = await startTestNetwork('tb-chaos-', undefined, { TB_HUB_SYNC_INTERVAL_MS: '2000', TB_HUB_REPAIR_RETRY_MS: '3000' });
  const supervisor = superviseNetwork(net.network, { log: (l) => log(l.split('\n')[0]!), backoff: { initialMs: 200, maxMs: 2000 }, stableMs: 5000 });
  try {
    const run = `chaos-${Date.now().toString(36)}`;
    const started = Date.now();
    const state = { kills: 0, killed: {} as Record<string, number>, retries: 0, refused: [] as string[], done: false };
    const killer = killRandomly(net, state, options.killEveryMs ?? 1500);
    await reportAll(net, run, options, state);
    state.done = true;
    await killer;
    const ms = Date.now() - started;
    log(`${options.reports} reports in ${ms} ms with ${state.kills} kills; converging`);
    await until(() => everyProcessUp(net), 60_000, 'every process to be up again');
    await until(() => converged(net), 180_000, 'the hub to hold every stored event');
    return { ...state, reports: options.reports, ms, convergedMs: Date.now() - started - ms, ...count(net, run) };
  } finally {
    supervisor.stop();
    await net.close();
  }
}

/** Reports released in step with the kills, so that at least `kills` of them happen while reports flow. */
async function reportAll(net: TestNetwork, run: string, options: ChaosOptions, state: { kills: number; retries: number; refused: string[] }): Promise<void> {
  let next = 0;
  // K + 1 slices: the last one only after the K-th kill, so every kill falls while reports are still to be made.
  const allowed = (): number => (state.kills >= options.kills ? options.reports : Math.floor(((state.kills + 1) * options.reports) / (options.kills + 1)));
  const worker = async (): Promise<void> => {
    for (;;) {
      while (next >= allowed() && next < options.reports) await new Promise((r) => setTimeout(r, 50));
      if (next >= options.reports) return;
      const i = next++;
      await reportUntilStored(net, `${run}-${i}`, AGENCIES[i % AGENCIES.length]!, state);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
}

const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'RATE_LIMITED']);

/** One report, retried with the same clientReference for as long as the answer says it is safe to. */
async function reportUntilStored(net: TestNetwork, reference: string, agency: string, state: { retries: number; refused: string[] }): Promise<void> {
  const body = JSON.stringify({
    query: 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId sharedView } }',
    variables: {
      i: {
        clientReference: reference,
        occurredAt: '2026-11-20T09:30:00Z',
        location: { country: agency.slice(0, 2), place: 'Border post', kind: 'LAND_BORDER' },
        items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `CH-${reference}` }],
        handling: { tlp: 'GREEN' },
      },
    },
  });
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      state.retries += 1;
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(attempt, 5))));
    }
    let answer: { data?: { reportCustomsSeizure?: { seizureId?: string } } | null; errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[] };
    try {
      const res = await fetch(net.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${net.tokens[agency]}` },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      answer = (await res.json()) as typeof answer;
    } catch {
      continue; // the gateway is down or the answer was cut: nothing says whether it was stored, and the reference makes a retry safe
    }
    // Stored, whether the hub's shared view is CURRENT or PENDING (issue 10, item 5).
    if (answer.data?.reportCustomsSeizure?.seizureId) return;
    const e = answer.errors?.[0];
    if (e && (e.extensions?.retryable === true || RETRYABLE.has(e.extensions?.code ?? ''))) continue;
    state.refused.push(`${reference}: ${e?.extensions?.code ?? '?'} ${e?.message ?? JSON.stringify(answer)}`);
    return;
  }
}

function isUp(net: TestNetwork, name: string): boolean {
  const p = net.network.processes.get(name);
  return p !== undefined && p.child.exitCode === null && p.child.signalCode === null;
}

const everyProcessUp = (net: TestNetwork): boolean => [...VICTIMS, 'directory'].every((n) => isUp(net, n));

/** Every `everyMs`, one process that is up, chosen at random, SIGKILLed; until the reports are done. */
async function killRandomly(net: TestNetwork, state: { kills: number; killed: Record<string, number>; done: boolean }, everyMs: number): Promise<void> {
  while (!state.done) {
    await new Promise((r) => setTimeout(r, everyMs));
    if (state.done) return;
    const up = VICTIMS.filter((n) => isUp(net, n));
    const victim = up[Math.floor(Math.random() * up.length)];
    if (!victim) continue;
    net.network.processes.get(victim)!.child.kill('SIGKILL');
    state.kills += 1;
    state.killed[victim] = (state.killed[victim] ?? 0) + 1;
  }
}

/** The hub holds exactly the events the stores hold, with nothing held back or failing. */
function converged(net: TestNetwork): boolean {
  const stored = new Set(storedEventIds(net.dir.path));
  const held = hubHolds(net.dir.path);
  return held.parked === 0 && held.applied.length === stored.size && held.applied.every((id) => stored.has(id));
}

function count(net: TestNetwork, run: string) {
  const storedPerReference = new Map<string, number>();
  for (const f of readdirSync(net.dir.path).filter((x) => /^[a-z]{2}-customs\.db$/.test(x))) {
    const db = new Database(join(net.dir.path, f), { readonly: true });
    const refs = db
      .prepare<[string], string>("SELECT json_extract(data, '$.clientReference') FROM events WHERE type = 'SeizureReported' AND json_extract(data, '$.clientReference') LIKE ?")
      .pluck()
      .all(`${run}-%`);
    for (const r of refs) storedPerReference.set(r, (storedPerReference.get(r) ?? 0) + 1);
    db.close();
  }
  const hub = new Database(join(net.dir.path, 'liaison.db'), { readonly: true });
  const hubPerReference = new Map<string, number>();
  for (const r of hub
    .prepare<[string], string>("SELECT json_extract(data, '$.clientReference') FROM seizures WHERE json_extract(data, '$.clientReference') LIKE ?")
    .pluck()
    .all(`${run}-%`))
    hubPerReference.set(r, (hubPerReference.get(r) ?? 0) + 1);
  // No unique key on items: a seizure indexed twice would count its weapon twice.
  const hubItems = hub.prepare<[string], number>('SELECT COUNT(*) FROM items WHERE serial_as_read LIKE ?').pluck().get(`CH-${run}-%`) ?? 0;
  hub.close();
  const held = hubHolds(net.dir.path);
  return { storedPerReference, hubPerReference, hubItems, hubDeadLetters: held.deadLetters, storedEvents: storedEventIds(net.dir.path).length, hubApplied: held.applied.length };
}
