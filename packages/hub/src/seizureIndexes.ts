import type Database from 'better-sqlite3';
import { eventTypes, upcasters, type EventOf, type SeizureReported } from '@tracebridge/contracts';

/** A seizure as the hub's derived indexes read it: the event's data (current version) and where the record stands. */
export interface SeizureFacts {
  seizureId: string;
  /** The record's row in `seizures` (its list order). */
  seq: number;
  occurredAt: string;
  reportedAt: string;
  originator: { agency: string; state: string };
  data: SeizureReported;
}

/**
 * An index derived from seizures alone (routes, links, serial batches: issue
 * 9). Written in the transaction that projects the seizure; its rows carry
 * no policy: every read joins the visibility index. A new index, or one
 * whose version is raised, is filled once from the seizures the hub already
 * holds, so an upgraded hub answers for old records too.
 */
export interface SeizureIndex {
  /** Its name and version in read_model_meta. */
  readonly name: string;
  readonly version: number;
  /** The tables it owns: emptied by a reset and before it is filled again. */
  readonly tables: readonly string[];
  add(facts: SeizureFacts): void;
}

const current = eventTypes.SeizureReported.version;

/** A seizure's stored data (as projected, by whichever version of the hub) lifted to the current schema. */
export function seizureDataOf(json: string): SeizureReported {
  let data: unknown = JSON.parse(json);
  // Data projected before v3 has no brokers: lift it as the upcasters would have.
  const stored = typeof data === 'object' && data !== null && 'brokers' in data ? current : current - 1;
  for (let v = stored; v < current; v += 1) data = upcasters.SeizureReported![v]!(data);
  return eventTypes.SeizureReported.schema.parse(data);
}

/**
 * A seizure's stored data for display: as stored when projected at v3, or
 * lifted (the upcasters, checked) when an older hub projected it.
 */
export function storedSeizureData(json: string): SeizureReported {
  const data = JSON.parse(json) as SeizureReported;
  return 'brokers' in data ? data : seizureDataOf(json);
}

interface StoredSeizure {
  seq: number;
  id: string;
  occurred_at: string;
  reported_at: string;
  originator_agency: string;
  originator_state: string;
  data: string;
}

/** What a fill did: the index, the seizures it took, and those it left out because their stored data no longer reads. */
export interface BackfillStats {
  index: string;
  seizures: number;
  skipped: number;
}

/** Fill each index whose stored version is behind its own, from the seizures table, in one transaction per index. */
export function backfillSeizureIndexes(db: Database.Database, indexes: readonly SeizureIndex[], onFilled?: (stats: BackfillStats) => void): void {
  const versionOf = db.prepare<[string], string>('SELECT value FROM read_model_meta WHERE key = ?').pluck();
  const setVersion = db.prepare('INSERT INTO read_model_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const stale = indexes.filter((index) => versionOf.get(`index:${index.name}`) !== String(index.version));
  if (stale.length === 0) return;
  // One pass over the seizures for every stale index (after a rebuild, all of them): each row is read and parsed once.
  db.transaction(() => {
    for (const index of stale) for (const table of index.tables) db.exec(`DELETE FROM ${table}`);
    // In pages: a write while a query's rows are still being read is refused on one connection.
    const page = db.prepare<[number], StoredSeizure>(
      'SELECT seq, id, occurred_at, reported_at, originator_agency, originator_state, data FROM seizures WHERE seq > ? ORDER BY seq LIMIT 1000',
    );
    let seizures = 0;
    let skipped = 0;
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1]!.seq)) {
      for (const r of rows) {
        // Every stored row was a verified event's data; one that no longer reads is left out of the index (and counted), not a reason not to start.
        const facts = tryFactsOf(r);
        if (facts) for (const index of stale) index.add(facts);
        if (facts) seizures += 1;
        else skipped += 1;
      }
    }
    for (const index of stale) {
      setVersion.run(`index:${index.name}`, String(index.version));
      onFilled?.({ index: index.name, seizures, skipped });
    }
  })();
}

function tryFactsOf(r: StoredSeizure): SeizureFacts | undefined {
  try {
    return factsOf(r);
  } catch {
    return undefined;
  }
}

const factsOf = (r: StoredSeizure): SeizureFacts => ({
  seizureId: r.id,
  seq: r.seq,
  occurredAt: r.occurred_at,
  reportedAt: r.reported_at,
  originator: { agency: r.originator_agency, state: r.originator_state },
  data: storedSeizureData(r.data),
});

/** The facts of a seizure event being projected, as row `seq`. */
export const seizureFacts = (event: EventOf<'SeizureReported'>, seq: number): SeizureFacts => ({
  seizureId: event.data.seizureId,
  seq,
  occurredAt: event.occurredAt,
  reportedAt: event.recordedAt,
  originator: event.originator,
  data: event.data,
});
