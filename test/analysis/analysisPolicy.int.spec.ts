import { decodeEvent, type SeizureReported } from '@tracebridge/contracts';
import { createAnalysisScenario, signedSeizure, type PlantedPatterns, type ScenarioSeizure } from '@tracebridge/testkit';
import { routeKey, seizureLinkKeys, seizureRouteLegs, trendOf } from '@tracebridge/domain';
import { mayView, type PolicyRecord, type Viewer } from '@tracebridge/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type HubStack } from '../support/hubStack';

/**
 * The analysts' queries over generated data with planted patterns (issue
 * 9), projected into a hub in process: the planted corridors and links are
 * found, the unplanted background links no more than it should, and three
 * agencies of different states get exactly what the reference policy model
 * (packages/policy) lets them see — no count, state, date, link or export
 * row from a record they may not see.
 */
const COUNT = 2000;
let stack: HubStack;
let seizures: ScenarioSeizure[];
let planted: PlantedPatterns;
const VIEWERS = ['GH-POLICE', 'TG-CUSTOMS', 'BF-BORDER'];
const PERIOD = { from: '2026-06-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

beforeAll(async () => {
  stack = await startHubStack('analysis');
  ({ seizures, planted } = createAnalysisScenario(4242, COUNT));
  // As signed events straight into the hub's projection (what its consumer does), in batches of one transaction.
  const events = await Promise.all(seizures.map(async (s) => decodeEvent(await signedSeizure(s, stack.keysOf(s.originator.agency).eventKey))));
  stack.projection.db.transaction(() => events.forEach((e) => stack.projection.apply(e)))();
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const viewerOf = (agency: string): Viewer => {
  const a = stack.registry.agency(agency)!;
  return { agency, state: a.state, groups: a.groups ?? [] };
};
const recordOf = (s: ScenarioSeizure): PolicyRecord => ({ originator: s.originator, family: 'SEIZURE', handling: { tlp: s.handling.tlp, releasableTo: s.handling.releasableTo } });
const visibleTo = (agency: string) => seizures.filter((s) => mayView(recordOf(s), viewerOf(agency)));
const dataOf = (s: ScenarioSeizure) => s.data as unknown as SeizureReported;

type RouteNode = { id: string; seizures: number; weapons: number; states: string[]; firstSeen: string | null; lastSeen: string | null; trend: number | null };
const ROUTES = 'query($f: RouteFilter) { routes(filter: $f, first: 100) { totalCount nodes { id seizures weapons states firstSeen lastSeen trend } } }';
const routesOf = async (agency: string) => ok(await stack.hub<{ routes: { totalCount: number; nodes: RouteNode[] } }>(agency, ROUTES, { f: PERIOD })).routes;

/** The corridors the reference model gives a viewer: its visible seizures, grouped by legs, this period against the one before. */
function expectedRoutes(agency: string): Map<string, Omit<RouteNode, 'id'>> {
  const span = Date.parse(PERIOD.to) - Date.parse(PERIOD.from);
  const inPeriod = (t: number, from: number) => t >= from && t < from + span;
  const out = new Map<string, Omit<RouteNode, 'id'> & { previous: number }>();
  for (const s of visibleTo(agency)) {
    const legs = seizureRouteLegs(dataOf(s));
    if (!legs) continue;
    const key = routeKey(legs);
    const t = Date.parse(s.occurredAt);
    const r = out.get(key) ?? { seizures: 0, weapons: 0, states: [], firstSeen: null, lastSeen: null, trend: null, previous: 0 };
    if (inPeriod(t, Date.parse(PERIOD.from) - span)) r.previous += 1;
    if (!inPeriod(t, Date.parse(PERIOD.from))) {
      out.set(key, r);
      continue;
    }
    const at = new Date(t).toISOString();
    r.seizures += 1;
    r.weapons += s.data.items.filter((i) => i.kind === 'WEAPON').reduce((n, i) => n + (i.quantity ?? 1), 0);
    r.states = [...new Set([...r.states, s.originator.state])].sort();
    r.firstSeen = r.firstSeen === null || at < r.firstSeen ? at : r.firstSeen;
    r.lastSeen = r.lastSeen === null || at > r.lastSeen ? at : r.lastSeen;
    out.set(key, r);
  }
  return new Map([...out].filter(([, r]) => r.seizures > 0).map(([k, { previous, ...r }]) => [k, { ...r, trend: trendOf(r.seizures, previous) }]));
}

describe('corridors under the one policy', () => {
  it.each(VIEWERS)("as %s: every corridor, count, weapon, state, date and trend is the reference model's, and the planted corridors lead", async (agency) => {
    const got = await routesOf(agency);
    const want = expectedRoutes(agency);
    expect(new Map(got.nodes.map(({ id, ...r }) => [id, r]))).toEqual(want);
    expect(got.totalCount).toBe(want.size);
    expect(
      got.nodes
        .slice(0, 2)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...planted.corridors].sort());
  });
});

type LinkView = { kind: string; seizure: { id: string } };
const LINKS = 'query($id: ID!) { links(seizureId: $id) { kind seizure { id } } }';
const linksOf = async (agency: string, id: string) => ok(await stack.hub<{ links: LinkView[] }>(agency, LINKS, { id })).links;
const keysOf = (s: ScenarioSeizure) => new Set(seizureLinkKeys(dataOf(s)).map((k) => `${k.kind} ${k.key}`));

describe('links under the one policy', () => {
  it('finds every planted broker, conveyance and document link, for viewers of three states', async () => {
    for (const agency of VIEWERS) {
      for (const group of planted.links.filter((l) => l.kind !== 'PERSON')) {
        for (const i of group.seizures) {
          const got = (await linksOf(agency, seizures[i]!.data.seizureId)).filter((l) => l.kind === group.kind).map((l) => l.seizure.id);
          const partners = group.seizures.filter((j) => j !== i).map((j) => seizures[j]!.data.seizureId);
          expect(got, `${agency} ${group.kind}`).toEqual(expect.arrayContaining(partners));
        }
      }
    }
  });

  it.each(VIEWERS)("as %s: links are exactly the reference model's (visible seizures sharing a key), and the background links rarely", async (agency) => {
    const visible = visibleTo(agency);
    const visibleIds = new Set(visible.map((s) => s.data.seizureId));
    const plantedIds = new Set([...planted.links.flatMap((l) => l.seizures), ...planted.lot.seizures].map((i) => seizures[i]!.data.seizureId));
    // A sample of the viewer's visible seizures, and every seizure it may not see (whose links it must not get).
    const sample = visible.filter((_, i) => i % 7 === 0);
    let background = 0;
    let linkedBackground = 0;
    for (const s of sample) {
      const mine = keysOf(s);
      const want = visible
        .filter((o) => o !== s && [...keysOf(o)].some((k) => mine.has(k)))
        .map((o) => o.data.seizureId)
        .sort();
      const got = [...new Set((await linksOf(agency, s.data.seizureId)).filter((l) => l.kind !== 'BATCH' && l.kind !== 'PERSON').map((l) => l.seizure.id))].sort();
      expect(got, s.data.seizureId).toEqual(want);
      for (const id of got) expect(visibleIds.has(id)).toBe(true);
      if (!plantedIds.has(s.data.seizureId)) {
        background += 1;
        if (got.length > 0) linkedBackground += 1;
      }
    }
    const rate = linkedBackground / background;
    console.log(`${agency}: ${linkedBackground} of ${background} unplanted seizures linked (false-positive rate ${(rate * 100).toFixed(2)} %)`);
    expect(rate).toBeLessThanOrEqual(0.01);
    for (const hidden of seizures.filter((s) => !visibleIds.has(s.data.seizureId)).slice(0, 40)) expect(await linksOf(agency, hidden.data.seizureId)).toEqual([]);
  });
});

describe('exports under the one policy', () => {
  it.each(VIEWERS)('as %s: the corridors exported are those of the routes query', async (agency) => {
    const exported = ok(
      await stack.hub<{ exportRoutes: { nodes: { id: string; seizures: number }[] } }>(
        agency,
        'query($f: RouteFilter) { exportRoutes(filter: $f, first: 100) { nodes { id seizures } } }',
        { f: PERIOD },
      ),
    );
    const want = expectedRoutes(agency);
    expect(new Map(exported.exportRoutes.nodes.map((n) => [n.id, n.seizures]))).toEqual(new Map([...want].map(([k, r]) => [k, r.seizures])));
  });
});
