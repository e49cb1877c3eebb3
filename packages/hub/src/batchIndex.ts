import type Database from 'better-sqlite3';
import { isProbableDiversion, lotOf, type DiversionRules, type LotKey } from '@tracebridge/domain';
import type { SeizureFacts, SeizureIndex } from './seizureIndexes';

/** A chain as stored: the aggregates the rule reads, kept as items join and chains merge. */
export interface ChainRow {
  id: number;
  lot: number;
  lo: number;
  hi: number;
  items: number;
  serials: number;
  first_seen: number;
  last_seen: number;
  /** Distinct states, sorted, comma-separated. */
  states: string;
  /** One of its seizures (seq), and whether it holds others. */
  record: number;
  several: number;
  flagged: number;
}

/** An item's place in its lot: its number and chain. */
interface Neighbour {
  number: number;
  chain: number;
}

/** What one new item brings to a chain. */
interface NewItem {
  seq: number;
  /** Its place among the seizure's items. */
  item: number;
  lot: number;
  number: number;
  state: string;
  occurredAt: number;
}

/** The index's layout version; the rules' thresholds are part of its version too (a change rebuilds it). */
const LAYOUT = 1;

/**
 * The serial-batch index (issue 9, docs/diversion.md): every weapon of every
 * seizure with a lot key, in its lot ordered by number, and the chains of
 * the whole network kept incrementally: a new item joins the chain of its
 * neighbour below and above when within the range, merging the two (the
 * smaller is relabelled, so an item moves O(log n) times at most). Chains
 * carry no policy: a viewer's clusters are computed from the viewer's
 * visible items of flagged chains (diversionViews.ts). A flagged chain
 * contains every flagged chain of any subset of its items, so only flagged
 * chains need looking at. Only seizures are indexed: a stockpile loss is
 * matched serial by serial (serial checks), not as a lot.
 */
export class SerialBatchIndex implements SeizureIndex {
  readonly name = 'serial-batches';
  readonly version: number;
  readonly tables = ['batch_items', 'batch_chains', 'batch_lots'] as const;
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    readonly rules: DiversionRules,
  ) {
    // Injective for the rules' bounds (range ≤ 100,000, serials ≤ 1,000, days ≤ 3,650): changing any of them rebuilds the chains.
    this.version = ((LAYOUT * 100_001 + rules.range) * 1001 + rules.minSerials) * 3651 + rules.daysApart;
    db.exec(`
      CREATE TABLE IF NOT EXISTS batch_lots (
        id INTEGER PRIMARY KEY, manufacturer TEXT NOT NULL, model TEXT NOT NULL, prefix TEXT NOT NULL, width INTEGER NOT NULL, suffix TEXT NOT NULL,
        UNIQUE (manufacturer, model, prefix, width, suffix));
      -- seq: the seizure's row (seizures.seq, visibility.seq); item: the weapon's place in it; occurred_at in epoch ms.
      -- Kept in (lot, number) order on disk: the views read windows of a lot's numbers, row after row.
      CREATE TABLE IF NOT EXISTS batch_items (
        lot INTEGER NOT NULL, number INTEGER NOT NULL, seq INTEGER NOT NULL, item INTEGER NOT NULL,
        state TEXT NOT NULL, occurred_at INTEGER NOT NULL, chain INTEGER NOT NULL,
        PRIMARY KEY (lot, number, seq, item)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS batch_items_chain ON batch_items (chain, number);
      CREATE INDEX IF NOT EXISTS batch_items_seq ON batch_items (seq);
      CREATE TABLE IF NOT EXISTS batch_chains (
        id INTEGER PRIMARY KEY, lot INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, items INTEGER NOT NULL, serials INTEGER NOT NULL,
        first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, states TEXT NOT NULL, record INTEGER NOT NULL, several INTEGER NOT NULL, flagged INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS batch_chains_flagged ON batch_chains (lot) WHERE flagged = 1;`);
    this.stmt = {
      lot: db
        .prepare<LotKey, number>('SELECT id FROM batch_lots WHERE manufacturer = @manufacturer AND model = @model AND prefix = @prefix AND width = @width AND suffix = @suffix')
        .pluck(),
      newLot: db.prepare<LotKey>('INSERT INTO batch_lots (manufacturer, model, prefix, width, suffix) VALUES (@manufacturer, @model, @prefix, @width, @suffix)'),
      below: db.prepare<[number, number, number], Neighbour>('SELECT number, chain FROM batch_items WHERE lot = ? AND number <= ? AND seq != ? ORDER BY number DESC LIMIT 1'),
      above: db.prepare<[number, number, number], Neighbour>('SELECT number, chain FROM batch_items WHERE lot = ? AND number >= ? AND seq != ? ORDER BY number ASC LIMIT 1'),
      item: db.prepare('INSERT INTO batch_items (seq, item, lot, number, state, occurred_at, chain) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      chain: db.prepare<[number], ChainRow>('SELECT * FROM batch_chains WHERE id = ?'),
      newChain: db.prepare<Omit<ChainRow, 'id'>>(
        `INSERT INTO batch_chains (lot, lo, hi, items, serials, first_seen, last_seen, states, record, several, flagged)
         VALUES (@lot, @lo, @hi, @items, @serials, @first_seen, @last_seen, @states, @record, @several, @flagged)`,
      ),
      setChain: db.prepare<ChainRow>(
        `UPDATE batch_chains SET lo = @lo, hi = @hi, items = @items, serials = @serials, first_seen = @first_seen, last_seen = @last_seen,
         states = @states, record = @record, several = @several, flagged = @flagged WHERE id = @id`,
      ),
      relabel: db.prepare<[number, number]>('UPDATE batch_items SET chain = ? WHERE chain = ?'),
      dropChain: db.prepare<[number]>('DELETE FROM batch_chains WHERE id = ?'),
    };
  }

  /** Index a seizure's weapons (in the transaction that projects it). */
  add(facts: SeizureFacts): void {
    const occurredAt = Date.parse(facts.occurredAt);
    facts.data.items.forEach((i, item) => {
      const lot = lotOf({ kind: i.kind, manufacturer: i.manufacturer, model: i.model, serialNormalised: i.serial?.normalised });
      if (lot) this.addItem({ seq: facts.seq, item, lot: this.lotId(lot.key, true)!, number: lot.number, state: facts.originator.state, occurredAt });
    });
  }

  /** The lot's id; with `create`, a new lot gets one. */
  lotId(key: LotKey, create = false): number | undefined {
    const id = this.stmt.lot.get(key);
    if (id !== undefined || !create) return id;
    return Number(this.stmt.newLot.run(key).lastInsertRowid);
  }

  /**
   * The chains a new item of `lot` numbered `number` would join: those of its
   * nearest neighbours below and above within the range (other items of the
   * lot within the range are in one of those two chains), leaving out the
   * items of seizure `exceptSeq`.
   */
  chainsNear(lot: number, number: number, exceptSeq = -1): { chains: number[]; duplicate: boolean } {
    const below = this.stmt.below.get(lot, number, exceptSeq);
    const above = this.stmt.above.get(lot, number, exceptSeq);
    const chains = new Set<number>();
    if (below && number - below.number <= this.rules.range) chains.add(below.chain);
    if (above && above.number - number <= this.rules.range) chains.add(above.chain);
    return { chains: [...chains], duplicate: below?.number === number || above?.number === number };
  }

  private addItem(item: NewItem): void {
    const near = this.chainsNear(item.lot, item.number);
    const rows = near.chains.map((id) => this.stmt.chain.get(id)!).sort((a, b) => b.items - a.items);
    let kept = rows[0];
    if (!kept) {
      const chain = this.flagged(withItem(emptyChain(item), item, false));
      const id = Number(this.stmt.newChain.run(chain).lastInsertRowid);
      this.stmt.item.run(item.seq, item.item, item.lot, item.number, item.state, item.occurredAt, id);
      return;
    }
    // The larger chain keeps its id; the smaller one's items move to it.
    for (const other of rows.slice(1)) {
      this.stmt.relabel.run(kept.id, other.id);
      this.stmt.dropChain.run(other.id);
      kept = merged(kept, other);
    }
    this.stmt.item.run(item.seq, item.item, item.lot, item.number, item.state, item.occurredAt, kept.id);
    this.stmt.setChain.run(this.flagged(withItem(kept, item, near.duplicate)));
  }

  /** The chain with its flag set by the rule (`several` stands for "two seizures or more": the rule's least, minSeizures). */
  private flagged(c: ChainRow): ChainRow {
    const facts = { serials: c.serials, seizures: c.several ? 2 : 1, states: c.states.split(',').length, firstSeen: c.first_seen, lastSeen: c.last_seen };
    return { ...c, flagged: isProbableDiversion(facts, this.rules) ? 1 : 0 };
  }
}

/** A chain of no item yet, in the item's lot (withItem fills it). */
const emptyChain = (item: NewItem): ChainRow => ({
  id: 0,
  lot: item.lot,
  lo: item.number,
  hi: item.number,
  items: 0,
  serials: 0,
  first_seen: item.occurredAt,
  last_seen: item.occurredAt,
  states: '',
  record: item.seq,
  several: 0,
  flagged: 0,
});

/** Two chains' aggregates, joined (serial numbers of two chains never coincide: equal numbers are 0 apart). */
function merged(a: ChainRow, b: ChainRow): ChainRow {
  return {
    ...a,
    lo: Math.min(a.lo, b.lo),
    hi: Math.max(a.hi, b.hi),
    items: a.items + b.items,
    serials: a.serials + b.serials,
    first_seen: Math.min(a.first_seen, b.first_seen),
    last_seen: Math.max(a.last_seen, b.last_seen),
    states: unionStates(a.states, b.states),
    several: a.several || b.several || a.record !== b.record ? 1 : 0,
  };
}

/** A chain's aggregates with one more item (`duplicate`: its serial number is already in the chain). */
function withItem(c: ChainRow, item: NewItem, duplicate: boolean): ChainRow {
  return {
    ...c,
    lo: Math.min(c.lo, item.number),
    hi: Math.max(c.hi, item.number),
    items: c.items + 1,
    serials: c.serials + (duplicate ? 0 : 1),
    first_seen: Math.min(c.first_seen, item.occurredAt),
    last_seen: Math.max(c.last_seen, item.occurredAt),
    states: unionStates(c.states, item.state),
    several: c.several || c.record !== item.seq ? 1 : 0,
  };
}

const unionStates = (a: string, b: string): string => [...new Set([...a.split(','), ...b.split(',')].filter((s) => s !== ''))].sort().join(',');
