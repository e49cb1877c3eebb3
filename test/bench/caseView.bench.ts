/**
 * `case(id)` of a large case (issue 8): 20 participants, 200 attachments and
 * 1,000 timeline events, read by a participant through a real gateway (the
 * gateway service as a process, composing the directory and the hub) and
 * straight from the hub's subgraph, alternately, in the same run.
 *
 * The hub runs in this process (listening on a port, as services/liaison
 * does) over a projection seeded with signed events as its consumer would
 * apply them: every act decided by the one case decider, signed by its
 * agency's key, checked and applied by the hub's case projection. The
 * directory serves a registry of 21 agencies (the demo's seven and fourteen
 * benchmark agencies) from files, as in production.
 *
 * `bash scripts/pnpm.sh exec tsx test/bench/caseView.bench.ts`
 */
import { randomUUID } from 'node:crypto';
import { createUnsignedEnvelope, type EventType, type NewEventInput, type SignedEnvelope } from '@tracebridge/contracts';
import { caseDecider, type CaseCommand } from '@tracebridge/domain';
import type { LiaisonProjection } from '@tracebridge/hub';
import { mintDevToken, signEvent } from '@tracebridge/identity';
import { freePort } from '@tracebridge/testkit';
import type { ServiceProcess } from '../support/processes';
import {
  applyAll,
  buildBenchHub,
  startBenchGateway,
  machine,
  median,
  ms,
  now,
  openBenchWorld,
  openProjection,
  pct,
  scale,
  signedSeizuresOf,
  type BenchWorld,
  runBench,
} from './hubBench';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;
type Act = WithoutMetadata<CaseCommand>;

const OPENER = 'TG-POLICE';
const TIMELINE = 1000;

/** The case, act by act, as its participants' services would have signed it and the hub applied it. */
async function seedCase(world: BenchWorld, projection: LiaisonProjection): Promise<{ caseId: string; shared: number }> {
  const caseId = randomUUID();
  // Nineteen invitees: every agency but the opener and the regional liaison point.
  const invitees = world.keys.map((k) => k.agency.id).filter((a) => a !== OPENER && a !== 'WA-LIAISON');
  let clock = Date.parse('2026-11-01T08:00:00Z');
  const state = () => projection.cases.state(caseId) ?? caseDecider.initialState();
  const act = async (agency: string, command: Act): Promise<void> => {
    const k = world.keysOf(agency);
    const at = new Date((clock += 60_000)).toISOString();
    const decided = caseDecider.decide({ ...command, metadata: { now: at, actor: { agency, state: k.agency.state } } }, state());
    for (const e of decided) {
      const input = { type: e.type, streamId: `case-${caseId}`, originator: e.originator, handling: e.handling, occurredAt: e.occurredAt, recordedAt: at, data: e.data };
      applyAll(projection, [await signEvent(createUnsignedEnvelope(input as NewEventInput<EventType>), k.eventKey)]);
    }
  };
  await act(OPENER, {
    type: 'OpenCase',
    data: { caseId, title: 'Pistols through the coastal corridor', summary: 'A benchmark case.', handling: { tlp: 'RED', releasableTo: invitees } },
  });
  for (const a of invitees) await act(OPENER, { type: 'InviteToCase', data: { caseId, agency: a, inviteeMaySeeCase: projection.cases.inviteeMaySee(state(), a) } });
  for (const a of invitees) await act(a, { type: 'RespondToCaseInvitation', data: { caseId, accept: true } });

  // 200 seizures of the invitees: 100 attached by their holders (shared at once), 100 H2 ones attached by another participant (consent asked).
  const own = await signedSeizuresOf(world, 100, { seed: 81, originators: invitees });
  const h2 = await signedSeizuresOf(world, 100, { seed: 82, originators: invitees, handling: { tlp: 'GREEN', code: 'H2' } });
  applyAll(projection, [...own, ...h2]);
  const attach = async (by: string, record: SignedEnvelope): Promise<void> => {
    const recordId = (record.data as { seizureId: string }).seizureId;
    const facts = projection.cases.attachFacts(state(), recordId, by);
    if (!facts) throw new Error(`${by} may not see ${recordId}`);
    const data = { caseId, attachmentId: randomUUID(), record: { id: recordId, family: facts.record.family, holder: facts.record.holder, handlingCode: facts.record.code } };
    await act(by, { type: 'AttachToCase', data: { ...data, attacherMaySee: true, everyParticipantMaySee: facts.everyParticipantMaySee } });
  };
  for (const e of own) await attach(e.originator.agency, e);
  for (const [i, e] of h2.entries()) await attach(invitees[(i + 1) % invitees.length]!, e);
  // Three in four holders consent; the rest are still asked (participants see who holds them, nothing more).
  const asked = Object.entries(state().attachments).filter(([, a]) => a.status === 'AWAITING_CONSENT');
  for (const [attachmentId, a] of asked.slice(0, 75)) await act(a.holder, { type: 'DecideShareRequest', data: { caseId, attachmentId, grant: true, reason: 'joint operation' } });

  // The rest of the timeline is notes, by every participant in turn.
  const participants = [OPENER, ...invitees];
  const count = projection.db.prepare<[string], number>('SELECT COUNT(*) FROM case_events WHERE case_id = ?').pluck();
  for (let i = count.get(caseId)!; i < TIMELINE; i++) {
    const text = `Note ${i}: the courier crossed at Aflao on the morning bus; the buyer paid in cash in Lomé. Markings match the earlier seizures of this case.`;
    await act(participants[i % participants.length]!, { type: 'AddCaseNote', data: { caseId, noteId: randomUUID(), text, handling: { tlp: i % 3 ? 'RED' : 'AMBER' } } });
  }
  return { caseId, shared: Object.values(state().attachments).filter((a) => a.status === 'SHARED').length };
}

const CASE_QUERY = `query($id: ID!) { case(id: $id) {
  id title summary handling { tlp releasableTo } openedBy { id } openedAt
  participants { agency { id } status }
  attachments { id status family holder { id } attachedBy { id }
    record { ... on Seizure { id occurredAt originator { id } location { country place } items { kind category manufacturer serialNumber } handling { tlp code } } } }
  notes { id author { id } text at }
  timeline { at agency { id } type summary } } }`;

interface CaseView {
  participants: unknown[];
  attachments: { record: unknown }[];
  notes: unknown[];
  timeline: unknown[];
}

async function post(url: string, token: string, caseId: string): Promise<{ ms: number; bytes: number; view: CaseView }> {
  const start = now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: CASE_QUERY, variables: { id: caseId } }),
  });
  const text = await res.text();
  const took = now() - start;
  const body = JSON.parse(text) as { data?: { case: CaseView | null }; errors?: unknown };
  if (!body.data?.case || body.errors) throw new Error(`${url}: ${text.slice(0, 2000)}`);
  return { ms: took, bytes: text.length, view: body.data.case };
}

async function main(): Promise<void> {
  console.log(`# case(id) benchmark, ${machine()}`);
  const world = await openBenchWorld('tb-bench-case-');
  const processes: ServiceProcess[] = [];
  try {
    const projection = openProjection(world, 'liaison.db');
    let t = now();
    const { caseId, shared } = await seedCase(world, projection);
    const seedS = (now() - t) / 1000;
    const hub = await buildBenchHub(world, projection, 'liaison-audit.db');
    const hubPort = await freePort();
    await hub.app.listen({ port: hubPort, host: '127.0.0.1' });
    const gateway = await startBenchGateway(world, hubPort);
    processes.push(...gateway.processes);
    const token = await mintDevToken(world.keysOf(OPENER));
    const direct = `http://127.0.0.1:${hubPort}/graphql`;

    const first = await post(gateway.url, token, caseId);
    const v = first.view;
    const records = v.attachments.filter((a) => a.record !== null).length;
    if (v.participants.length !== 20 || v.attachments.length !== 200 || v.timeline.length !== TIMELINE || records !== shared) {
      throw new Error(`unexpected case view: ${v.participants.length} participants, ${v.attachments.length} attachments, ${v.timeline.length} events, ${records} records`);
    }
    for (let i = 0; i < 20; i++) {
      await post(direct, token, caseId);
      await post(gateway.url, token, caseId);
    }
    // Alternate request by request, so a slow spell of the shared machine falls on both; three rounds, each round's p50 and p99.
    const n = Math.max(10, Math.round(100 * scale));
    const rounds: { direct: number[]; gateway: number[] }[] = [];
    t = now();
    for (let round = 0; round < 3; round++) {
      const r = { direct: [] as number[], gateway: [] as number[] };
      for (let i = 0; i < n; i++) {
        r.direct.push((await post(direct, token, caseId)).ms);
        r.gateway.push((await post(gateway.url, token, caseId)).ms);
      }
      rounds.push(r);
    }
    const measureS = (now() - t) / 1000;
    const of = (side: 'direct' | 'gateway', p: number) => median(rounds.map((r) => pct(r[side], p)));
    const ratios = rounds.map((r) => pct(r.gateway, 50) / pct(r.direct, 50));
    const spread = ratios.map((x) => x.toFixed(2)).join(', ');
    console.log('| measure | through the gateway | straight to the hub subgraph (same run) | ratio gateway / direct (p50; median of the rounds’ ratios) |');
    console.log('|---|---|---|---|');
    console.log(
      `| case(id): 20 participants, 200 attachments (${shared} records shown), ${v.notes.length} notes, ${TIMELINE} timeline events; ${Math.round(first.bytes / 1024)} kB response; 3 rounds of ${n} each, median of the rounds | p50 ${ms(of('gateway', 50))}, p99 ${ms(of('gateway', 99))} | p50 ${ms(of('direct', 50))}, p99 ${ms(of('direct', 99))} | ${median(ratios).toFixed(2)} (rounds: ${spread}) |`,
    );
    console.log(`(case seeded in ${seedS.toFixed(1)} s; measured in ${measureS.toFixed(1)} s; peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
    await hub.close();
  } finally {
    for (const p of processes) await p.stop();
    await world.close();
  }
}

runBench(main);
