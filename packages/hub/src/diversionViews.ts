import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { normaliseManufacturer } from '@tracebridge/contracts';
import { diversionClusters, serialOf, type BatchChain, type BatchItem, type DiversionRules, type LotNumbers } from '@tracebridge/domain';
import type { SerialBatchIndex } from './batchIndex';
import type { LiaisonProjection, SeizureRow } from './projection';

/** A probable diverted lot as one viewer sees it: computed from that viewer's visible items only. */
export interface DiversionClusterView {
  /** Keyed hash of the lot and the first visible serial: stable, and telling nothing of the serials. */
  id: string;
  manufacturer: string;
  model: string;
  serialFrom: string;
  serialTo: string;
  /** Weapons in it (a serial reported twice counts twice). */
  items: number;
  /** Distinct serial numbers. */
  serials: number;
  states: string[];
  firstSeen: string;
  lastSeen: string;
  /** Its seizures (seizures.seq), newest first. */
  seizureSeqs: number[];
}

export interface DiversionFilter {
  /** As marked (matched normalised). */
  manufacturer?: string | undefined;
  /** Only items seized at or after (epoch ms). */
  from?: number | undefined;
  /** Only items seized before (epoch ms). */
  to?: number | undefined;
}

interface LotRow {
  id: number;
  manufacturer: string;
  model: string;
  prefix: string;
  width: number;
  suffix: string;
}

interface VisibleItem {
  seq: number;
  lot: number;
  width: number;
  number: number;
  state: string;
  occurred_at: number;
}

/** Whose items, from when to when, leaving out one seizure (a report being checked); -1 leaves none out. */
interface Scope {
  agency: string;
  from: number;
  to: number;
  except: number;
}

/** Every item read here is one the viewer may VIEW: the visibility index decides, as on every read path. */
const VISIBLE = 'JOIN visibility v ON v.agency = @agency AND v.level = 2 AND v.seq = i.seq';
const IN_SCOPE = 'i.occurred_at >= @from AND i.occurred_at < @to AND i.seq != @except';
const COLUMNS = 'i.seq, i.lot, l.width, i.number, i.state, i.occurred_at';
const EARLIEST = -8.64e15;
const LATEST = 8.64e15;

const toBatchItem = (r: VisibleItem): BatchItem => ({ recordId: String(r.seq), lot: String(r.lot), width: r.width, number: r.number, state: r.state, occurredAt: r.occurred_at });

function statements(db: Database.Database) {
  const flagged = `c.flagged = 1 AND c.last_seen >= @from AND c.first_seen < @to AND ${IN_SCOPE}`;
  return {
    all: db.prepare<Scope, VisibleItem>(`SELECT ${COLUMNS} FROM batch_chains c JOIN batch_lots l ON l.id = c.lot JOIN batch_items i ON i.chain = c.id ${VISIBLE} WHERE ${flagged}`),
    ofMaker: db.prepare<Scope & { manufacturer: string }, VisibleItem>(
      `SELECT ${COLUMNS} FROM batch_lots l JOIN batch_chains c ON c.lot = l.id JOIN batch_items i ON i.chain = c.id ${VISIBLE} WHERE l.manufacturer = @manufacturer AND ${flagged}`,
    ),
    ofChain: db.prepare<Scope & { chain: number }, VisibleItem>(
      `SELECT ${COLUMNS} FROM batch_items i JOIN batch_lots l ON l.id = i.lot ${VISIBLE} WHERE i.chain = @chain AND ${IN_SCOPE}`,
    ),
    numbers: db
      .prepare<Scope & { lot: number; lo: number; hi: number }, number>(
        `SELECT DISTINCT i.number FROM batch_items i ${VISIBLE} WHERE i.lot = @lot AND i.number BETWEEN @lo AND @hi AND ${IN_SCOPE} ORDER BY i.number`,
      )
      .pluck(),
    flaggedChainsOf: db.prepare<[number], number>('SELECT DISTINCT i.chain FROM batch_items i JOIN batch_chains c ON c.id = i.chain WHERE i.seq = ? AND c.flagged = 1').pluck(),
    lot: db.prepare<[number], LotRow>('SELECT * FROM batch_lots WHERE id = ?'),
    seqOf: db.prepare<[string], number>('SELECT seq FROM seizures WHERE id = ?').pluck(),
    bySeq: db.prepare<[number], SeizureRow>('SELECT * FROM seizures WHERE seq = ?'),
  };
}

/**
 * Diversion clusters as each viewer may see them (docs/diversion.md). The
 * index's chains are the network's; a viewer's clusters are computed afresh
 * from the items it may VIEW: an item of a hidden seizure never bridges two
 * visible ones, counts in no aggregate, and is no background to the chance
 * test. Only flagged chains are read for candidates, since a viewer's chain
 * that meets the spread rule always lies inside one (the spread rule is
 * monotone: more items never unflag a chain); the chance test then reads the
 * viewer's serials of the lot around each candidate.
 */
export class DiversionViews {
  private readonly stmt;
  private readonly idKey: string;

  constructor(private readonly projection: LiaisonProjection) {
    const db = projection.db;
    db.prepare("INSERT OR IGNORE INTO read_model_meta (key, value) VALUES ('diversion:cluster-id-key', ?)").run(randomBytes(32).toString('hex'));
    this.idKey = db.prepare<[], string>("SELECT value FROM read_model_meta WHERE key = 'diversion:cluster-id-key'").pluck().get()!;
    this.stmt = statements(db);
  }

  /** The network's chains (the index). */
  get batches(): SerialBatchIndex {
    return this.projection.batches;
  }

  get rules(): DiversionRules {
    return this.projection.batches.rules;
  }

  /** The viewer's clusters, most serials first, then most states, then most recently seen. */
  clusters(agency: string, filter: DiversionFilter, first: number): DiversionClusterView[] {
    this.projection.visibility.ensureCurrent();
    const scope = { agency, from: filter.from ?? EARLIEST, to: filter.to ?? LATEST, except: -1 };
    const rows = filter.manufacturer ? this.stmt.ofMaker.all({ ...scope, manufacturer: normaliseManufacturer(filter.manufacturer) }) : this.stmt.all.all(scope);
    return diversionClusters(rows.map(toBatchItem), this.rules, this.lotNumbers(scope))
      .sort((a, b) => b.serials - a.serials || b.states.length - a.states.length || b.lastSeen - a.lastSeen || a.lot.localeCompare(b.lot) || a.from - b.from)
      .slice(0, first)
      .map((c) => this.view(c));
  }

  /**
   * Other seizures the viewer may see that share a probable diverted lot
   * with `seizureId` (which the viewer must see too: its items count only if
   * visible), each with the lot described ("GLOCK 17 ABC100100–ABC100180").
   * For `links(seizureId)`; one entry per other seizure and lot.
   */
  batchLinks(seizureId: string, viewerAgency: string): { seizureId: string; value: string }[] {
    const seq = this.stmt.seqOf.get(seizureId);
    if (seq === undefined) return [];
    this.projection.visibility.ensureCurrent();
    const scope = { agency: viewerAgency, from: EARLIEST, to: LATEST, except: -1 };
    const links = new Map<string, { seizureId: string; value: string }>();
    for (const c of diversionClusters(this.visibleOf(this.stmt.flaggedChainsOf.all(seq), scope), this.rules, this.lotNumbers(scope))) {
      if (!c.records.includes(String(seq))) continue;
      const v = this.view(c);
      for (const other of v.seizureSeqs.filter((s) => s !== seq)) {
        const id = this.stmt.bySeq.get(other)!.id;
        links.set(`${id}/${v.id}`, { seizureId: id, value: describeLot(v) });
      }
    }
    return [...links.values()];
  }

  /** The visibility index as the policy now stands (before reading with visibleOf and lotNumbers). */
  ensureCurrent(): void {
    this.projection.visibility.ensureCurrent();
  }

  /** The viewer's items of these chains (the seizure `except` left out). */
  visibleOf(chains: Iterable<number>, scope: Scope): BatchItem[] {
    return [...chains].flatMap((chain) => this.stmt.ofChain.all({ ...scope, chain }).map(toBatchItem));
  }

  /**
   * The viewer's serials of a lot around a chain, for the chance test. Read
   * once per lot, for the first window asked: the parts a chain is split into
   * have windows inside their chain's.
   */
  lotNumbers(scope: Scope): LotNumbers {
    const read = new Map<string, { lo: number; hi: number; numbers: number[] }>();
    return (lot, lo, hi) => {
      let r = read.get(lot);
      if (!r || lo < r.lo || hi > r.hi) {
        const [l, h] = r ? [Math.min(lo, r.lo), Math.max(hi, r.hi)] : [lo, hi];
        read.set(lot, (r = { lo: l, hi: h, numbers: this.stmt.numbers.all({ ...scope, lot: Number(lot), lo: l, hi: h }) }));
      }
      return r.numbers.filter((n) => n >= lo && n <= hi);
    };
  }

  /** A seizure's row by its seq. */
  seizure(seq: number): SeizureRow | undefined {
    return this.stmt.bySeq.get(seq);
  }

  /** A seizure's seq, if the hub holds it. */
  seqOf(seizureId: string): number | undefined {
    return this.stmt.seqOf.get(seizureId);
  }

  /** A chain of visible items, as shown. */
  view(c: BatchChain): DiversionClusterView {
    const lot = this.stmt.lot.get(Number(c.lot))!;
    const when = new Map(c.items.map((i) => [Number(i.recordId), i.occurredAt]));
    return {
      id: createHmac('sha256', this.idKey).update(`${lot.id}:${c.from}`).digest('base64url').slice(0, 22),
      manufacturer: lot.manufacturer,
      model: lot.model,
      serialFrom: serialOf(lot, c.from),
      serialTo: serialOf(lot, c.to),
      items: c.items.length,
      serials: c.serials,
      states: c.states,
      firstSeen: new Date(c.firstSeen).toISOString(),
      lastSeen: new Date(c.lastSeen).toISOString(),
      seizureSeqs: c.records.map(Number).sort((a, b) => when.get(b)! - when.get(a)! || b - a),
    };
  }
}

/** The whole period, everyone's items but none left out: a scope to spread. */
export const ALL_TIME = { from: EARLIEST, to: LATEST, except: -1 } as const;

/** "GLOCK 17 ABC100100–ABC100180". */
export const describeLot = (c: Pick<DiversionClusterView, 'manufacturer' | 'model' | 'serialFrom' | 'serialTo'>): string =>
  `${c.manufacturer} ${c.model} ${c.serialFrom}–${c.serialTo}`;
