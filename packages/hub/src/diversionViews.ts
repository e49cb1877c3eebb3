import { createHmac, randomBytes } from 'node:crypto';
import { normaliseManufacturer } from '@tracebridge/contracts';
import { diversionClusters, serialOf, type BatchChain, type DiversionRules } from '@tracebridge/domain';
import type { SerialBatchIndex } from './batchIndex';
import { EARLIEST, LATEST, VisibleBatches, type ChainRef, type Scope } from './diversionReader';
import type { LiaisonProjection, SeizureRow } from './projection';

/** How many viewer-and-filter answers are kept. */
const RANKED_KEPT = 256;

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

/**
 * Diversion clusters as each viewer may see them (docs/diversion.md). The
 * index's chains are the network's; a viewer's clusters are computed afresh
 * from the items it may VIEW: an item of a hidden seizure never bridges two
 * visible ones, counts in no aggregate, and is no background to the chance
 * test. Only flagged chains are read for candidates, since a viewer's chain
 * that meets the spread rule always lies inside one (the spread rule is
 * monotone: more items never unflag a chain); the chance test reads the
 * viewer's serials around them (VisibleBatches).
 */
export class DiversionViews {
  private readonly stmt;
  private readonly idKey: string;
  private readonly visible: VisibleBatches;
  /** Ranked clusters per viewer and filter, with the change count they were computed at (least recently computed first out). */
  private readonly ranked = new Map<string, { changes: number; chains: BatchChain[] }>();

  constructor(
    private readonly projection: LiaisonProjection,
    /** From how many chains on the viewer's visible seizures are read at once (VisibleBatches; tests set 0 to prove both ways). */
    manyChains?: number,
  ) {
    const db = projection.db;
    db.prepare("INSERT OR IGNORE INTO read_model_meta (key, value) VALUES ('diversion:cluster-id-key', ?)").run(randomBytes(32).toString('hex'));
    this.idKey = db.prepare<[], string>("SELECT value FROM read_model_meta WHERE key = 'diversion:cluster-id-key'").pluck().get()!;
    this.visible = new VisibleBatches(db, projection.batches.rules, manyChains);
    this.stmt = {
      lot: db.prepare<[number], LotRow>('SELECT * FROM batch_lots WHERE id = ?'),
      seqOf: db.prepare<[string], number>('SELECT seq FROM seizures WHERE id = ?').pluck(),
      bySeq: db.prepare<[number], SeizureRow>('SELECT * FROM seizures WHERE seq = ?'),
      // Rows this connection has changed since it opened: every event, policy recompute and reset moves it on.
      changes: db.prepare<[], number>('SELECT total_changes()').pluck(),
    };
  }

  /** The network's chains (the index). */
  get batches(): SerialBatchIndex {
    return this.projection.batches;
  }

  get rules(): DiversionRules {
    return this.projection.batches.rules;
  }

  /**
   * The viewer's clusters, most serials first, then most states, then most
   * recently seen. The whole ranked list is kept per viewer and filter until
   * the read model changes (any write of this connection: an event, a policy
   * recompute, a reset), so paging and repeated questions between reports
   * cost nothing; the first question after a change pays the computation.
   */
  clusters(agency: string, filter: DiversionFilter, first: number): DiversionClusterView[] {
    this.projection.visibility.ensureCurrent();
    const scope = { agency, from: filter.from ?? EARLIEST, to: filter.to ?? LATEST, except: -1 };
    const manufacturer = filter.manufacturer ? normaliseManufacturer(filter.manufacturer) : undefined;
    const key = JSON.stringify([agency, manufacturer ?? null, scope.from, scope.to]);
    const changes = this.stmt.changes.get()!;
    let kept = this.ranked.get(key);
    if (kept?.changes !== changes) {
      const chains = this.clustersAround(this.visible.flaggedChains(scope, manufacturer), scope).sort(
        (a, b) => b.serials - a.serials || b.states.length - a.states.length || b.lastSeen - a.lastSeen || a.lot.localeCompare(b.lot) || a.from - b.from,
      );
      this.ranked.delete(key);
      this.ranked.set(key, (kept = { changes, chains }));
      if (this.ranked.size > RANKED_KEPT) this.ranked.delete(this.ranked.keys().next().value!);
    }
    return kept.chains.slice(0, first).map((c) => this.view(c));
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
    const links = new Map<string, { seizureId: string; value: string }>();
    for (const c of this.clustersAround(this.visible.flaggedChainsOf(seq), { agency: viewerAgency, from: EARLIEST, to: LATEST, except: -1 })) {
      if (!c.records.includes(String(seq))) continue;
      const v = this.view(c);
      for (const other of v.seizureSeqs.filter((s) => s !== seq)) {
        const id = this.stmt.bySeq.get(other)!.id;
        links.set(`${id}/${v.id}`, { seizureId: id, value: describeLot(v) });
      }
    }
    return [...links.values()];
  }

  /** The viewer's clusters within these chains of the network. */
  private clustersAround(chains: readonly ChainRef[], scope: Scope): BatchChain[] {
    const { candidates, numbersOf } = this.visible.read(chains, scope);
    return diversionClusters(candidates, this.rules, numbersOf);
  }

  /** The visibility index as the policy now stands (before reading with `visible`). */
  ensureCurrent(): void {
    this.projection.visibility.ensureCurrent();
  }

  /** What the viewer may see of the index around its chains. */
  get reader(): VisibleBatches {
    return this.visible;
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

/** The whole period, no seizure left out: a scope without its agency. */
export const ALL_TIME = { from: EARLIEST, to: LATEST, except: -1 } as const;

/** "GLOCK 17 ABC100100–ABC100180". */
export const describeLot = (c: Pick<DiversionClusterView, 'manufacturer' | 'model' | 'serialFrom' | 'serialTo'>): string =>
  `${c.manufacturer} ${c.model} ${c.serialFrom}–${c.serialTo}`;
