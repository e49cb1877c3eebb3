import { randomUUID } from 'node:crypto';
import { createUnsignedEnvelope, decodeEvent, type SharingAgreement } from '@tracebridge/contracts';
import { connectBus, ensureStreams, type NatsConnection } from '@tracebridge/bus';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateServiceKeys, mintDevToken, signEvent } from '@tracebridge/identity';
import type { AgencyKeys, TrustRegistry } from '@tracebridge/identity';
import { mayLearnHolder, maySeePersonIdentities, mayView, type Viewer } from '@tracebridge/policy';
import { loadEmbargoRegimes, type FastifyInstance } from '@tracebridge/server';
import { createSeizureGenerator, startNatsServer, tempDir, type GeneratedSeizure, type NatsServer, type TempDir } from '@tracebridge/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore, type HubPolicy } from '@tracebridge/hub';
import { createCasePlayer } from './worldCasePlayer';
import { policyRecordOf, type RefWorld } from './worldCases';
import { POOL_SEED, SERIALS, worldsOf, type World, type WorldAgency } from './worlds';

/**
 * The generated-worlds test of the access policy, run by test/policy/*.int.spec.ts
 * (two files, so the worlds use both cores). One policy, everywhere: generated worlds — agencies with their states and
 * groups, the originators' sharing agreements, records with random handling
 * and serials, cross-border cases with their share grants — are loaded into
 * the hub, and what its GraphQL API serves to each agency (`seizure`,
 * `seizures` nodes and `totalCount`, `serialCheck`, a record's persons) is
 * compared with the reference model in packages/policy, the records' case
 * grantees derived by the test from the world's case acts (worldCases.ts).
 * Later the hub changes registry and agreements the way it does in
 * production (a new registry, new agreements) and, in a world with cases, a
 * holder withdraws a grant and a participant leaves, before or after that
 * change; between worlds the read model is reset. The visibility index must
 * follow every change.
 */

let dir: TempDir;
let nats: NatsServer;
let nc: NatsConnection;
let app: FastifyInstance;
let close: () => void;
let keys: AgencyKeys[];
let tokens: Map<string, string>;
let serviceRecords: unknown[];
let registry: TrustRegistry;
let policy: HubPolicy;
let projection: LiaisonProjection;
let templates: GeneratedSeizure[];

/** Change the hub's registry (agencies, states, groups) and the agreements in force, as a directory refresh and an operator would. */
function setPolicy(agencies: readonly WorldAgency[], agreements: readonly SharingAgreement[]): void {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const records = devAgencyRecords(keys)
    .filter((r) => byId.get(r.id)!.present)
    .map((r) => ({ ...r, state: byId.get(r.id)!.state, groups: byId.get(r.id)!.groups }));
  registry = createTrustRegistry(records, serviceRecords);
  policy.setAgreements(agreements);
}

/** The present agencies as the reference's viewers, as the registry lists them. */
const viewersOf = (agencies: readonly WorldAgency[]): Map<string, Viewer> =>
  new Map(agencies.filter((a) => a.present).map((a) => [a.id, { agency: a.id, state: a.state, groups: a.groups }]));

const eventKeyOf = (agency: string) => keys.find((k) => k.agency.id === agency)!.eventKey;
const cases = createCasePlayer({ projection: () => projection, eventKeyOf });
/** What the grants showed, over the run: records seen only thanks to a grant (with serials), grantees' persons kept withheld. */
const views = { grantOnly: 0, grantOnlyWithSerials: 0, personsWithheldFromGrantees: 0 };

/**
 * Load a world into the hub as production changes it: the registry, the agreements in force, the read model from events.
 * Returns the world as the reference follows it (its records, no case yet) and how many persons each record links.
 */
async function load(world: World): Promise<{ ref: RefWorld; persons: number[] }> {
  const present = world.agencies.filter((a) => a.present);
  setPolicy(world.agencies, world.agreements);
  projection.reset();
  const ref: RefWorld = { viewers: viewersOf(world.agencies), agreements: world.agreements, records: [], cases: new Map() };
  const persons: number[] = [];
  for (const r of world.records) {
    const origin = present[r.originator % present.length]!;
    const t = templates[r.template]!;
    const seizureId = randomUUID();
    const items = r.serials.map((s) => ({
      ...t.data.items[0]!,
      itemId: randomUUID(),
      manufacturer: SERIALS[s]![0],
      serial: { asRead: SERIALS[s]![1], normalised: SERIALS[s]![1] },
    }));
    const unsigned = createUnsignedEnvelope({
      type: 'SeizureReported',
      streamId: `seizure-${seizureId}`,
      originator: { agency: origin.id, state: origin.state },
      handling: { ...t.handling, tlp: r.tlp, releasableTo: r.releasableTo, code: r.code },
      occurredAt: t.occurredAt,
      recordedAt: t.occurredAt,
      data: { ...t.data, seizureId, items: items.length > 0 ? items : t.data.items.map((i) => ({ ...i, serial: undefined })) },
    });
    const event = decodeEvent(await signEvent(unsigned, eventKeyOf(origin.id)));
    projection.inbox.applyOnce(event.id, () => projection.apply(event));
    ref.records.push({ id: seizureId, originator: { agency: origin.id, state: origin.state }, tlp: r.tlp, releasableTo: r.releasableTo, code: r.code });
    persons.push(t.data.persons?.length ?? 0);
  }
  return { ref, persons };
}

/** The same text for every world with as many records (ids are variables), so the hub validates each shape once. */
const query = (count: number) => `query World(${['$none: ID!', ...Array.from({ length: count }, (_, i) => `$r${i}: ID!, $p${i}: Boolean!`)].join(', ')}) {
  all: seizures(first: 100) { totalCount nodes { id } }
  none: seizure(id: $none) { id }
  ${Array.from({ length: count }, (_, i) => `r${i}: seizure(id: $r${i}) { id persons @include(if: $p${i}) { redacted } }`).join('\n  ')}
  ${SERIALS.map(([m, s], i) => `h${i}: serialCheck(manufacturer: "${m}", serialNumber: "${s}") { recordId holder { id } }`).join('\n  ')}
}`;

type Hit = { recordId: string | null; holder: { id: string } };
const sortHits = (hits: Hit[]) => [...hits].sort((a, b) => `${a.holder.id}/${a.recordId}`.localeCompare(`${b.holder.id}/${b.recordId}`));

/** What the reference model says `viewer` gets of the world's records, with the grants its cases hold now. */
function expected(world: World, ref: RefWorld, persons: number[], viewer: Viewer, agreements: SharingAgreement[]) {
  const ids = ref.records.map((r) => r.id);
  const records = ref.records.map((_, i) => policyRecordOf(ref, i));
  const seen = records.map((r) => mayView(r, viewer, agreements));
  const visible = ids.filter((_, i) => seen[i]);
  const hits = SERIALS.map((_, s) =>
    sortHits(
      world.records.flatMap((r, i) =>
        r.serials
          .filter((x) => x === s)
          .flatMap((): Hit[] => {
            const holder = { id: ref.records[i]!.originator.agency };
            if (seen[i]) return [{ recordId: ids[i]!, holder }];
            return mayLearnHolder(records[i]!, viewer, agreements) ? [{ recordId: null, holder }] : [];
          }),
      ),
    ),
  );
  // Person identities, asked for where a grantee sees the record: a grant never widens them, so they stay redacted unless
  // an agreement lets them out (then the hub would ask the originator's service, which these worlds do not run). Asking
  // every viewer of every record made the run a fifth slower.
  const withheld = records.map((r, i) => seen[i]! && r.grantees!.includes(viewer.agency) && persons[i]! > 0 && !maySeePersonIdentities(r, viewer, agreements));
  const grantOnly = records.map((r, i) => seen[i]! && !mayView({ ...r, grantees: [] }, viewer, agreements));
  return { visible, hits, withheld, grantOnly, grantees: records.map((r) => r.grantees) };
}

/** Ask the hub as each present agency, and compare every answer with the reference model. */
async function compare(when: string, agencies: readonly WorldAgency[], agreements: SharingAgreement[], world: World, ref: RefWorld, persons: number[]): Promise<number> {
  let compared = 0;
  const ids = ref.records.map((r) => r.id);
  for (const a of agencies.filter((x) => x.present)) {
    const viewer: Viewer = { agency: a.id, state: a.state, groups: a.groups };
    const want = expected(world, ref, persons, viewer, agreements);
    const who = `${a.id} ${when} (records' grantees ${JSON.stringify(want.grantees)})`;
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${tokens.get(a.id)}`, 'content-type': 'application/json' },
      payload: {
        query: query(ids.length),
        variables: { none: randomUUID(), ...Object.fromEntries(ids.flatMap((id, i) => [[`r${i}`, id] as const, [`p${i}`, want.withheld[i]!] as const])) },
      },
    });
    const body = res.json<{ data: Record<string, unknown>; errors?: unknown }>();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const all = body.data.all as { totalCount: number; nodes: { id: string }[] };
    expect(
      all.nodes.map((n) => n.id),
      `seizures listed to ${who}`,
    ).toEqual([...want.visible].reverse());
    expect(all.totalCount, `seizures counted for ${who}`).toBe(want.visible.length);
    expect(
      ids.filter((_, i) => body.data[`r${i}`] !== null),
      `seizure(id) for ${who}`,
    ).toEqual(want.visible);
    expect(body.data.none).toBeNull();
    expect(
      SERIALS.map((_, s) => sortHits(body.data[`h${s}`] as Hit[])),
      `serial checks by ${who}`,
    ).toEqual(want.hits);
    ids.forEach((_, i) => {
      if (!want.withheld[i]) return;
      const shown = (body.data[`r${i}`] as { persons: { redacted: boolean }[] }).persons;
      expect(shown, `persons of ${ids[i]} shown to ${who}`).toEqual(Array.from({ length: persons[i]! }, () => ({ redacted: true })));
      views.personsWithheldFromGrantees += 1;
    });
    views.grantOnly += want.grantOnly.filter(Boolean).length;
    views.grantOnlyWithSerials += world.records.filter((r, i) => want.grantOnly[i] && r.serials.length > 0).length;
    compared += 1;
  }
  return compared;
}

/**
 * Load `worlds` generated worlds into one hub in process (real nats-server,
 * real SQLite files) and compare each agency's answers with the reference
 * model: once the world's cases are played, and again after its policy
 * changed, a grant was withdrawn and a participant left.
 */
export function describePolicyWorlds(worlds: number): void {
  beforeAll(async () => {
    process.env.TB_LOG_LEVEL ??= 'warn';
    // Tens of thousands of requests a minute from each agency: this test is not about rate limits.
    process.env.TB_AGENCY_RATE_LIMIT_PER_MINUTE = '100000000';
    dir = tempDir('tb-worlds-', { inMemory: true });
    nats = await startNatsServer({ name: 'worlds' });
    nc = await connectBus(nats.url, 'worlds-test');
    await ensureStreams(nc);
    keys = await generateDevKeys();
    serviceRecords = await loadOrCreateDevServiceRecords(dir.file('keys'));
    registry = createTrustRegistry(devAgencyRecords(keys), serviceRecords);
    tokens = new Map(await Promise.all(keys.map(async (k) => [k.agency.id, await mintDevToken(k)] as const)));
    policy = createHubPolicy(() => registry);
    projection = new LiaisonProjection(dir.file('liaison.db'), policy);
    const generator = createSeizureGenerator(11);
    templates = Array.from({ length: 20 }, () => generator.next());
    ({ app, close } = await buildLiaison({
      projection,
      auditDb: openAuditStore(dir.file('audit.db')),
      registry: () => registry,
      nc,
      serviceKeys: await loadOrCreateServiceKeys(dir.file('keys'), 'liaison'),
      embargoes: loadEmbargoRegimes(),
    }));
  }, 60_000);

  afterAll(async () => {
    close?.();
    await app?.close();
    await nc?.close();
    await nats?.dispose();
    dir?.remove();
  });

  describe('one access policy on every read path', () => {
    it(`serves exactly what the reference model allows, in ${worlds.toLocaleString('en')} generated worlds with their cases, before and after their policy changes, an agreement is revoked and a grant is withdrawn`, async () => {
      let compared = 0;
      let revokedCount = 0;
      await fc
        .assert(
          fc.asyncProperty(worldsOf(keys.map((k) => k.agency.id)), async (world) => {
            const { ref, persons } = await load(world);
            await cases.playCases(world.cases, ref);
            compared += await compare('with the cases', world.agencies, world.agreements, world, ref, persons);
            // In the middle of the run a holder withdraws a grant and a participant leaves. Later the directory moves agencies
            // between states and groups, and agreements are made and revoked; the records and cases stay. The withdrawal and
            // the leaving come before that change (the index is then recomputed from the grants left) or after it, once the
            // index is recomputed (as before the next request), so that each reindexes only the records it touches.
            const later = world.later.agencies.map((a, i) => ({ ...a, present: world.agencies[i]!.present }));
            if (world.cases.later.beforeNewPolicy) await cases.playMidRun(world.cases, ref);
            // A directory agreement of before that is not among the later ones is revoked, not forgotten: the policy still
            // knows it (as the hub's projection does) and must apply it no more.
            const revoked = world.agreements
              .filter((a) => a.effect === 'AGREEMENT' && !world.later.agreements.some((b) => b.id === a.id))
              .map((a) => ({ ...a, revokedAt: '2026-01-01T00:00:00Z' }));
            setPolicy(later, [...world.later.agreements, ...revoked]);
            projection.visibility.ensureCurrent();
            ref.viewers = viewersOf(later);
            ref.agreements = world.later.agreements;
            if (!world.cases.later.beforeNewPolicy) await cases.playMidRun(world.cases, ref);
            revokedCount += revoked.length;
            compared += await compare('later (a new policy, an agreement revoked, a grant withdrawn, a participant left)', later, world.later.agreements, world, ref, persons);
          }),
          { numRuns: worlds },
        )
        .catch((err: unknown) => {
          // The cause (fast-check's report, then the failed assertion) is printed after the message.
          throw new Error(`agreement pool seed ${POOL_SEED} (replay with TB_POLICY_POOL_SEED=${POOL_SEED}): ${(err as Error).message}`, { cause: err });
        });
      const { tally } = cases;
      console.info(
        `policy worlds: ${worlds} worlds, ${tally.worldsWithCases} with cases; case acts ${tally.acts} accepted, ${tally.refused} refused (as the rules say); ${tally.withdrawals} grants withdrawn, ${tally.leaves} participants left; ${revokedCount} directory agreements revoked mid-run; ${views.grantOnly} views only a grant allowed (${views.grantOnlyWithSerials} with serials), persons kept withheld from grantees ${views.personsWithheldFromGrantees} times`,
      );
      // Every world was loaded and asked of by its agencies (at least two each), twice.
      expect(compared).toBeGreaterThanOrEqual(4 * worlds);
      // Half the worlds have cases: in a run of any size, grants must have been withdrawn and must have shown records nothing else would.
      if (worlds >= 100) {
        expect(tally.worldsWithCases).toBeGreaterThan(worlds / 3);
        expect(views.grantOnly).toBeGreaterThan(worlds / 10);
        expect(tally.withdrawals).toBeGreaterThan(worlds / 10);
        expect(tally.leaves).toBeGreaterThan(worlds / 10);
        expect(revokedCount).toBeGreaterThan(worlds / 20);
      }
    }, 900_000);
  });
}
