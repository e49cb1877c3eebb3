import type { Handling, Tlp } from '@tracebridge/contracts';
import { DEFAULT_DIVERSION_RULES, diversionClusters, lotKeyText, lotOf, serialOf, type BatchChain, type BatchItem } from '@tracebridge/domain';
import { diversionCheck, DiversionViews } from '@tracebridge/hub';
import { mayView, type Viewer } from '@tracebridge/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchItemsOf, CLUSTER_FIELDS, generatedSeizures, seizureOf, startDiversionHub, type ClusterDto, type DiversionHub, type TestSeizure } from '../support/diversionHub';

/**
 * "Seizures the viewer may not see contribute nothing that the viewer sees"
 * (issue 9). Generated worlds of seizures with mixed handling (every TLP,
 * some released to one agency), dense in a few lots so that hidden weapons
 * sit between visible ones, are loaded into the hub; three agencies of three
 * states ask `diversionClusters` (whole and for a period) and `batchLinks`,
 * and every answer must equal the rule applied to the weapons that agency may
 * see by the reference policy model (packages/policy), nothing more.
 */

const WORLDS = 24;
const VIEWERS = ['GH-POLICE', 'TG-POLICE', 'BF-BORDER'];
const ORIGINATORS = [
  { agency: 'GH-CUSTOMS', state: 'GH' },
  { agency: 'GH-POLICE', state: 'GH' },
  { agency: 'TG-CUSTOMS', state: 'TG' },
  { agency: 'TG-POLICE', state: 'TG' },
  { agency: 'BF-BORDER', state: 'BF' },
];
const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER', 'AMBER_STRICT', 'RED', 'RED'];
const LOTS = [
  { manufacturer: 'Glock', model: '17', prefix: 'PX' },
  { manufacturer: 'Beretta', model: '92FS', prefix: 'BR' },
  { manufacturer: 'Glock', model: '19', prefix: 'PX' },
];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

let hub: DiversionHub;
let views: DiversionViews;
/** The same views reading the viewer's visible seizures at once whatever the number of chains (the other way the hub reads). */
let bulk: DiversionViews;
let template: TestSeizure;
const stats = { compared: 0, differsFromAll: 0, bridged: 0, clusters: 0, warnings: 0 };

function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** A world: 30 to 50 seizures of one to three weapons of three lots, serials 1 to 60 apart, handled every way. */
function world(seed: number): TestSeizure[] {
  const r = prng(seed);
  const next = LOTS.map(() => 10_000 + r(1000));
  return Array.from({ length: 30 + r(21) }, () => {
    const tlp = TLPS[r(TLPS.length)]!;
    const releasableTo = r(4) === 0 ? [VIEWERS[r(VIEWERS.length)]!] : [];
    const handling: Handling = { tlp, code: 'H0', reliability: 'B', accuracy: 2, releasableTo };
    const weapons = Array.from({ length: 1 + r(3) }, () => {
      const l = r(LOTS.length);
      const lot = LOTS[l]!;
      return { manufacturer: lot.manufacturer, model: lot.model, serial: `${lot.prefix}${(next[l]! += 1 + r(60))}` };
    });
    return seizureOf(template, ORIGINATORS[r(ORIGINATORS.length)]!, new Date(T0 + r(120) * DAY).toISOString(), weapons, handling);
  });
}

const maySee = (viewer: Viewer) => (s: TestSeizure) => mayView({ originator: s.originator, family: 'SEIZURE', handling: s.handling }, viewer);

/** A cluster as compared: its lot and range, counts, states, dates and seizures. */
const fromRule = (c: BatchChain) => {
  const [manufacturer, model, prefix, width, suffix] = c.lot.split('\u001f') as [string, string, string, string, string];
  const k = { prefix, width: Number(width), suffix };
  return {
    lot: `${manufacturer} ${model} ${serialOf(k, c.from)}–${serialOf(k, c.to)}`,
    items: c.items.length,
    serials: c.serials,
    states: c.states,
    firstSeen: new Date(c.firstSeen).toISOString(),
    lastSeen: new Date(c.lastSeen).toISOString(),
    seizures: [...c.records].sort(),
  };
};
const fromHub = (c: ClusterDto) => ({
  lot: `${c.manufacturer} ${c.model} ${c.serialFrom}–${c.serialTo}`,
  items: c.items,
  serials: c.serials,
  states: c.states,
  firstSeen: c.firstSeen,
  lastSeen: c.lastSeen,
  seizures: c.seizures.map((s) => s.id).sort(),
});
const sorted = <T extends { lot: string }>(xs: T[]) => [...xs].sort((a, b) => a.lot.localeCompare(b.lot));

async function clustersOf(agency: string, filter = ''): Promise<ClusterDto[]> {
  const r = await hub.ask<{ diversionClusters: ClusterDto[] }>(agency, `{ diversionClusters(${filter} first: 100) { ${CLUSTER_FIELDS} } }`);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!.diversionClusters;
}

/** Compare one viewer's answers in one world with the rule on what the reference model lets it see. */
async function compare(seizures: TestSeizure[], agency: string, seed: number): Promise<void> {
  const visible = seizures.filter(maySee(hub.viewer(agency)));
  const want = diversionClusters(batchItemsOf(visible), DEFAULT_DIVERSION_RULES);
  const who = `world ${seed}, ${agency} (sees ${visible.length} of ${seizures.length})`;
  expect(sorted((await clustersOf(agency)).map(fromHub)), who).toEqual(sorted(want.map(fromRule)));
  const seizureIdOf = (seq: number) => bulk.seizure(seq)!.id;
  const viaBulk = bulk.clusters(agency, {}, 100).map((c) => ({ ...c, seizures: c.seizureSeqs.map((seq) => ({ id: seizureIdOf(seq) })), seizureCount: c.seizureSeqs.length }));
  expect(sorted(viaBulk.map(fromHub)), `${who}, read at once`).toEqual(sorted(want.map(fromRule)));
  // For a period: only the weapons seized in it count.
  const [from, to] = [T0 + 20 * DAY, T0 + 80 * DAY];
  const inPeriod = visible.filter((s) => Date.parse(s.occurredAt) >= from && Date.parse(s.occurredAt) < to);
  const period = `filter: { from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}" }`;
  expect(sorted((await clustersOf(agency, period)).map(fromHub)), `${who}, in a period`).toEqual(
    sorted(diversionClusters(batchItemsOf(inPeriod), DEFAULT_DIVERSION_RULES).map(fromRule)),
  );
  // Links: for every seizure, the others sharing one of the viewer's clusters, only if the viewer sees it.
  for (const s of seizures) {
    const expected = visible.includes(s) ? [...new Set(want.filter((c) => c.records.includes(s.id)).flatMap((c) => c.records.filter((id) => id !== s.id)))].sort() : [];
    expect([...new Set(views.batchLinks(s.id, agency).map((l) => l.seizureId))].sort(), `${who}: links of ${s.id}`).toEqual(expected);
    expect([...new Set(bulk.batchLinks(s.id, agency).map((l) => l.seizureId))].sort(), `${who}: links of ${s.id}, read at once`).toEqual(expected);
  }
  compareWarning(seizures, visible, agency, seed);
  // What the check measures: answers that the hidden weapons would have changed, and visible weapons a hidden one would have joined.
  const all = diversionClusters(batchItemsOf(seizures), DEFAULT_DIVERSION_RULES);
  if (JSON.stringify(sorted(all.map(fromRule))) !== JSON.stringify(sorted(want.map(fromRule)))) stats.differsFromAll += 1;
  const seen = new Set(visible.map((s) => s.id));
  const visibleParts = (c: BatchChain) => new Set(want.filter((w) => w.records.some((id) => c.records.includes(id) && seen.has(id))).map((w) => w.lot + w.from)).size;
  if (all.some((c) => visibleParts(c) > 1)) stats.bridged += 1;
  stats.clusters += want.length;
  stats.compared += 1;
}

/** A report of two weapons near one of the world's (seen or not) warns exactly of the lots the rule finds with them among what the reporter sees. */
function compareWarning(seizures: TestSeizure[], visible: TestSeizure[], agency: string, seed: number): void {
  const r = prng(seed * 31 + agency.length);
  const near = seizures[r(seizures.length)]!.data.items[0]!;
  const [prefix, n] = [near.serial!.normalised!.slice(0, 2), Number(near.serial!.normalised!.slice(2))];
  const serials = [n + 1 + r(30), n + 40 + r(30)].map((x) => `${prefix}${x}`);
  const viewer = hub.viewer(agency);
  const at = new Date(T0 + r(120) * DAY).toISOString();
  const report = {
    occurredAt: at,
    state: viewer.state,
    brokers: [],
    items: serials.map((s) => ({ kind: 'WEAPON' as const, manufacturer: near.manufacturer!, model: near.model!, serialNormalised: s })),
  };
  const fresh: BatchItem[] = report.items.map((i) => {
    const lot = lotOf(i)!;
    return { recordId: 'reported', lot: lotKeyText(lot.key), width: lot.key.width, number: lot.number, state: viewer.state, occurredAt: Date.parse(at) };
  });
  const want = diversionClusters([...batchItemsOf(visible), ...fresh], DEFAULT_DIVERSION_RULES)
    .filter((c) => c.records.includes('reported'))
    .map((c) => fromRule({ ...c, records: c.records.filter((x) => x !== 'reported') }).lot);
  const officer = { subject: 'analyst', agency, state: viewer.state, kind: 'POLICE' as const, roles: [] };
  const warned = diversionCheck(views)(officer, report, '019a0000-0000-7000-8000-00000000abcd').map((w) => w.message);
  expect(warned.length, `world ${seed}: ${agency} reports ${serials.join(', ')}`).toBe(want.length);
  for (const lot of want)
    expect(
      warned.some((m) => m.includes(lot)),
      `${lot} in ${JSON.stringify(warned)}`,
    ).toBe(true);
  stats.warnings += want.length;
}

beforeAll(async () => {
  hub = await startDiversionHub('diversion-policy');
  views = new DiversionViews(hub.projection);
  bulk = new DiversionViews(hub.projection, 0);
  template = generatedSeizures(3, 1)[0]!;
}, 60_000);

afterAll(async () => hub?.close());

describe('diversion clusters under the access policy', () => {
  it(`show each of three agencies only what its visible seizures make (${WORLDS} generated worlds)`, async () => {
    for (let seed = 1; seed <= WORLDS; seed++) {
      hub.projection.reset();
      const seizures = world(seed);
      await hub.apply(seizures);
      for (const agency of VIEWERS) await compare(seizures, agency, seed);
    }
    console.log(
      `diversion policy: ${stats.compared} answers compared, ${stats.clusters} clusters, ${stats.warnings} warnings; hidden weapons changed ${stats.differsFromAll}, joined visible parts in ${stats.bridged}`,
    );
    // The worlds exercise the rule: hidden weapons would have changed most answers, and joined visible parts in some.
    expect(stats.differsFromAll).toBeGreaterThan(stats.compared / 2);
    expect(stats.bridged).toBeGreaterThan(0);
    expect(stats.clusters).toBeGreaterThan(stats.compared);
    expect(stats.warnings).toBeGreaterThan(stats.compared / 4);
  });
});
