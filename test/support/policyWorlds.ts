import { randomUUID } from 'node:crypto';
import { createUnsignedEnvelope, decodeEvent, type RecordFamily, type SharingAgreement, type Tlp } from '@tracebridge/contracts';
import { connectBus, ensureStreams, type NatsConnection } from '@tracebridge/bus';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateServiceKeys, mintDevToken, signEvent } from '@tracebridge/identity';
import type { AgencyKeys, TrustRegistry } from '@tracebridge/identity';
import { mayLearnHolder, mayView, type Viewer } from '@tracebridge/policy';
import { loadEmbargoRegimes, type FastifyInstance } from '@tracebridge/server';
import { createSeizureGenerator, startNatsServer, tempDir, type GeneratedSeizure, type NatsServer, type TempDir } from '@tracebridge/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLiaison, createHubPolicy, LiaisonProjection, openAuditStore, type HubPolicy } from '@tracebridge/hub';

/**
 * The generated-worlds test of the access policy, run by test/policy/*.int.spec.ts
 * (two files, so the worlds use both cores). One policy, everywhere: generated worlds — agencies with their states and
 * groups, the originators' sharing agreements, records with random handling
 * and serials — are loaded into the hub, and what its GraphQL API serves to
 * each agency (`seizure`, `seizures` nodes and `totalCount`, `serialCheck`)
 * is compared with the reference model in packages/policy. Between worlds
 * the hub changes registry, agreements and records the way it does in
 * production (a new registry, new agreements, a reset read model), so the
 * visibility index must follow every change.
 */
const POOL_SEED = Number(process.env.TB_POLICY_POOL_SEED ?? Date.now() % 2 ** 31);
const STATES = ['GH', 'TG', 'BF'] as const;
const GROUPS = ['WA-NETWORK', 'ECOWAS-WAPIS'] as const;
const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
const SERIALS = [
  ['Glock', 'AB100'],
  ['Glock', 'AB200'],
  ['Norinco', 'AB100'],
] as const;

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

interface WorldAgency {
  id: string;
  present: boolean;
  state: string;
  groups: string[];
}
interface WorldRecord {
  originator: number;
  tlp: Tlp;
  releasableTo: string[];
  serials: number[];
  template: number;
}
interface World {
  agencies: WorldAgency[];
  agreements: SharingAgreement[];
  records: WorldRecord[];
  /** The same world later: states, groups and agreements changed, the records as they were. */
  later: { agencies: Omit<WorldAgency, 'present'>[]; agreements: SharingAgreement[] };
}

function worldsOf(agencyIds: readonly string[]): fc.Arbitrary<World> {
  const agency = (id: string) => fc.record({ id: fc.constant(id), present: fc.boolean(), state: fc.constantFrom(...STATES), groups: fc.subarray([...GROUPS]) });
  const names = [...agencyIds, ...GROUPS];
  // Agreements from a pool of sixteen (drawn once per run), up to three in force per world: a few hundred policy sets,
  // so worlds revisit policies as a long-running hub does, and each one costs a Cedar parse only the first time.
  const agreement: fc.Arbitrary<SharingAgreement> = fc.oneof(
    fc.record({
      id: fc.constantFrom('A1', 'A2', 'A3'),
      effect: fc.constant('SHARE' as const),
      originator: fc.constantFrom(...agencyIds),
      with: fc.constantFrom(...names),
      tlp: fc.constantFrom<Tlp[]>(['AMBER'], ['AMBER_STRICT', 'RED'], ['RED'], ['AMBER', 'AMBER_STRICT']),
    }),
    fc
      .record({ id: fc.constantFrom('W1', 'W2'), effect: fc.constant('WITHHOLD' as const), originator: fc.constantFrom(...agencyIds), from: fc.constantFrom(...names) })
      .filter((a) => a.from !== a.originator),
    // Directory agreements (ADR 10), in force since long ago: the worlds' records are seizures, so a family list without SEIZURE opens nothing.
    fc.record({
      id: fc.constantFrom('0190a3b4-1c2d-7e8f-9a0b-00000000000d', '0190a3b4-1c2d-7e8f-9a0b-00000000000e'),
      effect: fc.constant('AGREEMENT' as const),
      originator: fc.constantFrom(...agencyIds),
      parties: fc.subarray(names, { minLength: 1, maxLength: 2 }),
      families: fc.constantFrom<RecordFamily[]>(['SEIZURE'], ['STOCKPILE_LOSS'], ['SEIZURE', 'TRACE']),
      tlpCeiling: fc.constantFrom<Tlp>('AMBER', 'AMBER_STRICT', 'RED'),
      includePersons: fc.boolean(),
      legalBasis: fc.constant('Generated protocol'),
      validFrom: fc.constant('2020-01-01T00:00:00Z'),
    }),
  );
  // A new pool each run (its seed is printed on failure; TB_POLICY_POOL_SEED replays it), with group agreements always in it.
  const groupShare = fc.record({
    id: fc.constant('A3'),
    effect: fc.constant('SHARE' as const),
    originator: fc.constantFrom(...agencyIds),
    with: fc.constantFrom(...GROUPS),
    tlp: fc.constant<Tlp[]>(['AMBER', 'AMBER_STRICT', 'RED']),
  });
  const groupWithhold = fc.record({ id: fc.constant('W2'), effect: fc.constant('WITHHOLD' as const), originator: fc.constantFrom(...agencyIds), from: fc.constantFrom(...GROUPS) });
  const seeded = (n: number, k: number) => ({ numRuns: n, seed: POOL_SEED + k });
  const pool = [...fc.sample(agreement, seeded(12, 0)), ...fc.sample(groupShare, seeded(2, 1)), ...fc.sample(groupWithhold, seeded(2, 2))];
  const record = fc.record({
    originator: fc.nat(),
    tlp: fc.constantFrom(...TLPS),
    releasableTo: fc.subarray(names, { maxLength: 3 }),
    serials: fc.array(fc.nat({ max: SERIALS.length - 1 }), { maxLength: 2 }),
    template: fc.nat({ max: 19 }),
  });
  const agreements = fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 3, selector: (a) => a.id });
  return fc.record({
    agencies: fc.tuple(...agencyIds.map(agency)).filter((as) => as.filter((a) => a.present).length >= 2),
    agreements,
    records: fc.array(record, { maxLength: 6 }),
    later: fc.record({ agencies: fc.tuple(...agencyIds.map(agency)), agreements }),
  });
}

/** Change the hub's registry (agencies, states, groups) and the agreements in force, as a directory refresh and an operator would. */
function setPolicy(agencies: readonly WorldAgency[], agreements: readonly SharingAgreement[]): void {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const records = devAgencyRecords(keys)
    .filter((r) => byId.get(r.id)!.present)
    .map((r) => ({ ...r, state: byId.get(r.id)!.state, groups: byId.get(r.id)!.groups }));
  registry = createTrustRegistry(records, serviceRecords);
  policy.setAgreements(agreements);
}

/** Load a world into the hub as production changes it: the registry, the agreements in force, the read model from events. */
async function load(world: World): Promise<{ ids: string[]; originators: WorldAgency[] }> {
  const present = world.agencies.filter((a) => a.present);
  setPolicy(world.agencies, world.agreements);
  projection.reset();
  const ids: string[] = [];
  const originators: WorldAgency[] = [];
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
      handling: { ...t.handling, tlp: r.tlp, releasableTo: r.releasableTo },
      occurredAt: t.occurredAt,
      recordedAt: t.occurredAt,
      data: { ...t.data, seizureId, items: items.length > 0 ? items : t.data.items.map((i) => ({ ...i, serial: undefined })) },
    });
    const event = decodeEvent(await signEvent(unsigned, keys.find((k) => k.agency.id === origin.id)!.eventKey));
    projection.inbox.applyOnce(event.id, () => projection.apply(event));
    ids.push(seizureId);
    originators.push(origin);
  }
  return { ids, originators };
}

/** The same text for every world with as many records (ids are variables), so the hub validates each shape once. */
const query = (count: number) => `query World(${['$none: ID!', ...Array.from({ length: count }, (_, i) => `$r${i}: ID!`)].join(', ')}) {
  all: seizures(first: 100) { totalCount nodes { id } }
  none: seizure(id: $none) { id }
  ${Array.from({ length: count }, (_, i) => `r${i}: seizure(id: $r${i}) { id }`).join('\n  ')}
  ${SERIALS.map(([m, s], i) => `h${i}: serialCheck(manufacturer: "${m}", serialNumber: "${s}") { recordId holder { id } }`).join('\n  ')}
}`;

type Hit = { recordId: string | null; holder: { id: string } };
const sortHits = (hits: Hit[]) => [...hits].sort((a, b) => `${a.holder.id}/${a.recordId}`.localeCompare(`${b.holder.id}/${b.recordId}`));

/** What the reference model says `viewer` gets in `world`. */
function expected(world: World, viewer: Viewer, ids: string[], originators: WorldAgency[]) {
  const policyRecord = (i: number) => ({
    originator: { agency: originators[i]!.id, state: originators[i]!.state },
    family: 'SEIZURE' as const,
    handling: { tlp: world.records[i]!.tlp, releasableTo: world.records[i]!.releasableTo },
  });
  const visible = ids.filter((_, i) => mayView(policyRecord(i), viewer, world.agreements));
  const hits = SERIALS.map((_, s) =>
    sortHits(
      world.records.flatMap((r, i) =>
        r.serials
          .filter((x) => x === s)
          .flatMap((): Hit[] => {
            if (mayView(policyRecord(i), viewer, world.agreements)) return [{ recordId: ids[i]!, holder: { id: originators[i]!.id } }];
            return mayLearnHolder(policyRecord(i), viewer, world.agreements) ? [{ recordId: null, holder: { id: originators[i]!.id } }] : [];
          }),
      ),
    ),
  );
  return { visible, hits };
}

/** Ask the hub as each present agency, and compare every answer with the reference model. */
async function compare(agencies: readonly WorldAgency[], agreements: SharingAgreement[], world: World, ids: string[], originators: WorldAgency[]): Promise<number> {
  let compared = 0;
  for (const a of agencies.filter((x) => x.present)) {
    const viewer: Viewer = { agency: a.id, state: a.state, groups: a.groups };
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${tokens.get(a.id)}`, 'content-type': 'application/json' },
      payload: { query: query(ids.length), variables: { none: randomUUID(), ...Object.fromEntries(ids.map((id, i) => [`r${i}`, id])) } },
    });
    const body = res.json<{ data: Record<string, unknown>; errors?: unknown }>();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const want = expected({ ...world, agreements }, viewer, ids, originators);
    const all = body.data.all as { totalCount: number; nodes: { id: string }[] };
    expect(all.nodes.map((n) => n.id)).toEqual([...want.visible].reverse());
    expect(all.totalCount).toBe(want.visible.length);
    expect(ids.filter((_, i) => body.data[`r${i}`] !== null)).toEqual(want.visible);
    expect(body.data.none).toBeNull();
    expect(SERIALS.map((_, s) => sortHits(body.data[`h${s}`] as Hit[]))).toEqual(want.hits);
    compared += 1;
  }
  return compared;
}

/**
 * Load `worlds` generated worlds into one hub in process (real nats-server,
 * real SQLite files) and compare each agency's answers with the reference
 * model, before and after each world's policy changes.
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
    it(`serves exactly what the reference model allows, in ${worlds.toLocaleString('en')} generated worlds, before and after their policy changes`, async () => {
      let compared = 0;
      await fc
        .assert(
          fc.asyncProperty(worldsOf(keys.map((k) => k.agency.id)), async (world) => {
            const { ids, originators } = await load(world);
            compared += await compare(world.agencies, world.agreements, world, ids, originators);
            // Later: the directory moves agencies between states and groups, agreements are made and revoked; the records stay.
            const later = world.later.agencies.map((a, i) => ({ ...a, present: world.agencies[i]!.present }));
            setPolicy(later, world.later.agreements);
            compared += await compare(later, world.later.agreements, world, ids, originators);
          }),
          { numRuns: worlds },
        )
        .catch((err: unknown) => {
          throw new Error(`agreement pool seed ${POOL_SEED} (replay with TB_POLICY_POOL_SEED=${POOL_SEED}): ${(err as Error).message}`);
        });
      // Every world was loaded and asked of by its agencies (at least two each), twice.
      expect(compared).toBeGreaterThanOrEqual(4 * worlds);
    }, 900_000);
  });
}
