import { decodeEvent, type SeizureReported } from '@tracebridge/contracts';
import { batchChains, chainFacts, DEFAULT_DIVERSION_RULES, isProbableDiversion, lotKeyText, lotOf, type BatchItem, type DiversionRules } from '@tracebridge/domain';
import { createTrustRegistry, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, tempDir } from '@tracebridge/testkit';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createHubPolicy } from './access';
import { SerialBatchIndex } from './batchIndex';
import { LiaisonProjection } from './projection';
import type { SeizureFacts } from './seizureIndexes';

/**
 * Incremental = batch: the chains the index keeps item by item (merging
 * neighbours' chains as they come) are the chains the pure rule computes
 * from all the items at once, with the same aggregates and flags, whatever
 * the order the seizures arrive in.
 */

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

interface Weapon {
  model: 'A' | 'B';
  number: number;
}
interface Seizure {
  state: string;
  day: number;
  weapons: Weapon[];
}

const facts = (s: Seizure, seq: number): SeizureFacts => ({
  seizureId: `s${seq}`,
  seq,
  occurredAt: new Date(T0 + s.day * DAY).toISOString(),
  reportedAt: new Date(T0).toISOString(),
  originator: { agency: `${s.state}-POLICE`, state: s.state },
  data: {
    items: s.weapons.map((w) => ({
      kind: 'WEAPON',
      manufacturer: 'Glock',
      model: w.model,
      serial: { asRead: `KX${w.number}`, normalised: `KX${String(w.number).padStart(4, '0')}` },
    })),
  } as unknown as SeizureReported,
});

/** The pure rule's view of the same seizures. */
function expectedChains(seizures: readonly SeizureFacts[], rules: DiversionRules) {
  const items: BatchItem[] = seizures.flatMap((f) =>
    f.data.items.flatMap((i) => {
      const lot = lotOf({ kind: i.kind, manufacturer: i.manufacturer, model: i.model, serialNormalised: i.serial?.normalised });
      return lot
        ? [{ recordId: String(f.seq), lot: lotKeyText(lot.key), width: lot.key.width, number: lot.number, state: f.originator.state, occurredAt: Date.parse(f.occurredAt) }]
        : [];
    }),
  );
  return normalised(
    batchChains(items, rules.range).map((c) => ({
      members: c.items.map((i) => `${i.recordId}:${i.number}`),
      lo: c.from,
      hi: c.to,
      serials: c.serials,
      states: c.states.join(','),
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
      flagged: isProbableDiversion(chainFacts(c), rules),
    })),
  );
}

/** The chains as the index holds them. */
function indexedChains(db: Database.Database) {
  const rows = db
    .prepare<[], { chain: number; seq: number; number: number }>('SELECT chain, seq, number FROM batch_items')
    .all()
    .reduce((m, r) => m.set(r.chain, [...(m.get(r.chain) ?? []), `${r.seq}:${r.number}`]), new Map<number, string[]>());
  type Row = { id: number; lo: number; hi: number; items: number; serials: number; states: string; first_seen: number; last_seen: number; flagged: number };
  const chains = db.prepare<[], Row>('SELECT * FROM batch_chains').all();
  for (const c of chains) expect(rows.get(c.id)?.length, `chain ${c.id}'s item count`).toBe(c.items);
  expect(chains.length).toBe(rows.size);
  return normalised(
    chains.map((c) => ({
      members: rows.get(c.id)!,
      lo: c.lo,
      hi: c.hi,
      serials: c.serials,
      states: c.states,
      firstSeen: c.first_seen,
      lastSeen: c.last_seen,
      flagged: c.flagged === 1,
    })),
  );
}

const normalised = <T extends { members: string[] }>(chains: T[]) =>
  chains.map((c) => ({ ...c, members: [...c.members].sort() })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A seeded PRNG (the same cases every run; the hub's tests do without fast-check). */
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return Math.floor((x / 2 ** 32) * n);
  };
}

const randomSeizures = (r: (n: number) => number, count: number, numbers: number, days: number): Seizure[] =>
  Array.from({ length: count }, () => ({
    state: ['GH', 'TG', 'BF'][r(3)]!,
    day: r(days),
    weapons: Array.from({ length: 1 + r(4) }, () => ({ model: r(2) === 0 ? ('A' as const) : ('B' as const), number: r(numbers) })),
  }));

describe('the serial-batch index', () => {
  it('keeps the chains the rule computes from all items, whatever the order of arrival (300 generated cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = prng(seed);
      const rules = { ...DEFAULT_DIVERSION_RULES, range: 1 + r(40) };
      const db = new Database(':memory:');
      const index = new SerialBatchIndex(db, rules);
      const all = randomSeizures(r, r(40), 400, 120).map((s, i) => facts(s, i + 1));
      for (const f of all) index.add(f);
      expect(indexedChains(db), `case ${seed}`).toEqual(expectedChains(all, rules));
      db.close();
    }
  });

  it('stays equal over thousands of items in a crowded serial space (merges of long chains)', () => {
    const db = new Database(':memory:');
    const all = randomSeizures(prng(42), 3000, 9999, 365).map((s, i) => facts(s, i + 1));
    const index = new SerialBatchIndex(db, { ...DEFAULT_DIVERSION_RULES, range: 8 });
    for (const f of all) index.add(f);
    const want = expectedChains(all, index.rules);
    expect(indexedChains(db)).toEqual(want);
    // Some long, some flagged, some not: the comparison covered merges.
    expect(Math.max(...want.map((c) => c.members.length))).toBeGreaterThan(20);
    expect(want.filter((c) => c.flagged).length).toBeGreaterThan(10);
    expect(want.filter((c) => !c.flagged).length).toBeGreaterThan(10);
    db.close();
  });

  it('is rebuilt from the seizures the hub holds when the rules change (TB_DIVERSION_RANGE)', async () => {
    const dir = tempDir('tb-batches-');
    try {
      const keys = await generateDevKeys();
      const registry = createTrustRegistry(devAgencyRecords(keys), []);
      const policy = createHubPolicy(() => registry);
      const events = (await signedSeizures(createSeizureGenerator(11), keys, 300)).map(decodeEvent);
      const first = new LiaisonProjection(dir.file('liaison.db'), policy);
      for (const e of events) first.inbox.applyOnce(e.id, () => first.apply(e));
      const stored = first.db.prepare<[], { seq: number }>('SELECT seq FROM seizures ORDER BY seq').all();
      const asFacts = events.map((e, i) => ({
        ...facts({ state: 'GH', day: 0, weapons: [] }, stored[i]!.seq),
        occurredAt: e.occurredAt,
        originator: e.originator,
        data: e.data as SeizureReported,
      }));
      expect(indexedChains(first.db)).toEqual(expectedChains(asFacts, DEFAULT_DIVERSION_RULES));
      first.db.close();
      const wide = { ...DEFAULT_DIVERSION_RULES, range: 100_000 };
      const second = new LiaisonProjection(dir.file('liaison.db'), policy, { diversion: wide });
      const rebuilt = indexedChains(second.db);
      expect(rebuilt).toEqual(expectedChains(asFacts, wide));
      expect(rebuilt.some((c) => c.flagged)).toBe(true);
      second.db.close();
    } finally {
      dir.remove();
    }
  });
});
