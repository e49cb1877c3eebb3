import type Database from 'better-sqlite3';
import { WINDOW_RANGES, type BatchItem, type DiversionRules, type LotNumbers } from '@tracebridge/domain';

/** A chain of the network (the index's), as the reader looks around it. */
export interface ChainRef {
  id: number;
  lot: number;
  lo: number;
  hi: number;
}

/** Whose items, from when to when (epoch ms), leaving out one seizure (a report being checked; -1 none). */
export interface Scope {
  agency: string;
  from: number;
  to: number;
  except: number;
}

export const EARLIEST = -8.64e15;
export const LATEST = 8.64e15;

/** An item as read, raw (arrays cost half what objects do per row): seq, number, state, occurred_at, chain. */
type ItemRow = [number, number, string, number, number];

/** Every item read here is one the viewer may VIEW: the visibility index decides, as on every read path. */
const VISIBLE = 'CROSS JOIN visibility v ON v.agency = @agency AND v.level = 2 AND v.seq = i.seq';
const IN_SCOPE = 'i.occurred_at >= @from AND i.occurred_at < @to AND i.seq != @except';
const CHAIN = 'c.id, c.lot, c.lo, c.hi';
const FLAGGED = 'c.flagged = 1 AND c.last_seen >= @from AND c.first_seen < @to';
/** From this many chains on, the viewer's visible seizures are read once (rowReader). */
export const MANY_CHAINS = 64;

/**
 * What one viewer may see of the index around some of its chains, read
 * once: the viewer's items in a window of WINDOW_RANGES × range on each side
 * of each chain (windows of one lot merged), which holds both the chains'
 * visible items (the candidates) and the serials around them that the
 * chance test reads. Each item is read once, with one index range scan per
 * merged window and one visibility lookup per item; CROSS JOIN keeps SQLite
 * walking from the chains outwards (without statistics it started from the
 * viewer's visible seizures, every one of them).
 */
export class VisibleBatches {
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly rules: DiversionRules,
    /** From this many chains on, the viewer's visible seizures are read once (rowReader). @default MANY_CHAINS */
    private readonly manyChains = MANY_CHAINS,
  ) {
    this.stmt = {
      flagged: db.prepare<Omit<Scope, 'agency' | 'except'>, ChainRef>(`SELECT ${CHAIN} FROM batch_chains c INDEXED BY batch_chains_flagged WHERE ${FLAGGED}`),
      flaggedOfMaker: db.prepare<Omit<Scope, 'agency' | 'except'> & { manufacturer: string }, ChainRef>(
        `SELECT ${CHAIN} FROM batch_lots l CROSS JOIN batch_chains c INDEXED BY batch_chains_flagged ON c.lot = l.id WHERE l.manufacturer = @manufacturer AND ${FLAGGED}`,
      ),
      flaggedOf: db.prepare<[number], ChainRef>(`SELECT DISTINCT ${CHAIN} FROM batch_items i CROSS JOIN batch_chains c ON c.id = i.chain WHERE i.seq = ? AND c.flagged = 1`),
      chain: db.prepare<[number], ChainRef>(`SELECT ${CHAIN} FROM batch_chains c WHERE c.id = ?`),
      items: db
        .prepare<Scope & { lot: number; lo: number; hi: number }, ItemRow>(
          `SELECT i.seq, i.number, i.state, i.occurred_at, i.chain FROM batch_items i ${VISIBLE} WHERE i.lot = @lot AND i.number BETWEEN @lo AND @hi AND ${IN_SCOPE} ORDER BY i.number`,
        )
        .raw(),
      everyItem: db
        .prepare<Omit<Scope, 'agency'> & { lot: number; lo: number; hi: number }, ItemRow>(
          `SELECT i.seq, i.number, i.state, i.occurred_at, i.chain FROM batch_items i WHERE i.lot = @lot AND i.number BETWEEN @lo AND @hi AND ${IN_SCOPE} ORDER BY i.number`,
        )
        .raw(),
      visibleSeqs: db.prepare<[string], number>('SELECT seq FROM visibility WHERE agency = ? AND level = 2 AND seq IS NOT NULL').pluck(),
      width: db.prepare<[number], number>('SELECT width FROM batch_lots WHERE id = ?').pluck(),
    };
  }

  /** The flagged chains with items in the period (of one manufacturer, normalised, when given). */
  flaggedChains(period: { from: number; to: number }, manufacturer?: string): ChainRef[] {
    return manufacturer ? this.stmt.flaggedOfMaker.all({ ...period, manufacturer }) : this.stmt.flagged.all(period);
  }

  /** The flagged chains holding items of seizure `seq`. */
  flaggedChainsOf(seq: number): ChainRef[] {
    return this.stmt.flaggedOf.all(seq);
  }

  /** Chains by id. */
  chains(ids: Iterable<number>): ChainRef[] {
    return [...ids].flatMap((id) => this.stmt.chain.all(id));
  }

  /** The viewer's items of `chains` (the candidates) and its serials around them (for the chance test). */
  read(chains: readonly ChainRef[], scope: Scope): { candidates: BatchItem[]; numbersOf: LotNumbers } {
    const wanted = new Set(chains.map((c) => c.id));
    const byLot = new Map<number, ChainRef[]>();
    for (const c of chains) {
      const refs = byLot.get(c.lot);
      if (refs) refs.push(c);
      else byLot.set(c.lot, [c]);
    }
    const rowsIn = this.rowReader(chains.length, scope);
    const candidates: BatchItem[] = [];
    const numbers = new Map<string, number[]>();
    for (const [lot, refs] of byLot) {
      const width = this.stmt.width.get(lot) ?? 0;
      const ns: number[] = [];
      for (const [lo, hi] of mergedWindows(refs, WINDOW_RANGES * this.rules.range)) {
        for (const [seq, number, state, occurredAt, chain] of rowsIn(lot, lo, hi)) {
          if (ns.at(-1) !== number) ns.push(number);
          if (wanted.has(chain)) candidates.push({ recordId: String(seq), lot: String(lot), width, number, state, occurredAt });
        }
      }
      numbers.set(String(lot), ns);
    }
    return { candidates, numbersOf: (lot) => numbers.get(lot) ?? [] };
  }

  /**
   * How the viewer's items of a window are read: for a few chains (a report's
   * check, a seizure's links), joined with the visibility index row by row;
   * for many (the whole list), the viewer's visible seizures are read once
   * from the same index into a bitmap and the windows are scanned without a
   * lookup per item, which is several times cheaper once windows hold
   * thousands of items.
   */
  private rowReader(chains: number, scope: Scope): (lot: number, lo: number, hi: number) => ItemRow[] {
    if (chains < this.manyChains) return (lot, lo, hi) => this.stmt.items.all({ ...scope, lot, lo, hi });
    const seqs = this.stmt.visibleSeqs.all(scope.agency);
    const visible = new Uint8Array(seqs.reduce((m, s) => Math.max(m, s), 0) + 1);
    for (const s of seqs) visible[s] = 1;
    const { agency: _, ...unscoped } = scope;
    return (lot, lo, hi) => this.stmt.everyItem.all({ ...unscoped, lot, lo, hi }).filter((r) => visible[r[0]] === 1);
  }
}

/** The windows [lo − reach, hi + reach] of a lot's chains, overlapping ones merged, in order. */
function mergedWindows(chains: readonly ChainRef[], reach: number): [number, number][] {
  const windows = chains.map((c): [number, number] => [Math.max(0, c.lo - reach), c.hi + reach]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1] + 1) last[1] = Math.max(last[1], w[1]);
    else merged.push(w);
  }
  return merged;
}
