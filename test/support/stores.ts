import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { envelopeToEvent, getSqliteEventStore } from '@tracebridge/eventstore';
import { loadOrCreateDevKeys, type AgencyKeys } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizure } from '@tracebridge/testkit';

const readOnly = (file: string): Database.Database => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
};

/** The id of every event in every agency store of a network's data directory: what the hub must hold, no more, no less. */
export function storedEventIds(dataDir: string): string[] {
  const files = readdirSync(dataDir).filter((f) => /^[a-z]{2}-[a-z]+\.db$/.test(f));
  return files.flatMap((f) => {
    const db = readOnly(join(dataDir, f));
    try {
      return db.prepare<[], string>('SELECT event_id FROM events').pluck().all();
    } finally {
      db.close();
    }
  });
}

/** What the hub's read model holds: the events it applied (its inbox), its dead letters, and rows that a double application would double. */
export function hubHolds(dataDir: string): { applied: string[]; deadLetters: number; seizures: number; items: number; parked: number } {
  const db = readOnly(join(dataDir, 'liaison.db'));
  try {
    const count = (sql: string): number => db.prepare<[], number>(sql).pluck().get() ?? 0;
    const has = (table: string): boolean => count(`SELECT COUNT(*) FROM sqlite_master WHERE name = '${table}'`) > 0;
    return {
      applied: db.prepare<[], string>("SELECT event_id FROM inbox WHERE consumer = 'liaison'").pluck().all(),
      deadLetters: has('dead_letters') ? count('SELECT COUNT(*) FROM dead_letters') : 0,
      seizures: count('SELECT COUNT(*) FROM seizures'),
      // No unique key: an item indexed twice counts twice.
      items: count('SELECT COUNT(*) FROM items'),
      parked: has('parked_events') ? count('SELECT COUNT(*) FROM parked_events') : 0,
    };
  } catch {
    return { applied: [], deadLetters: 0, seizures: 0, items: 0, parked: 0 };
  } finally {
    db.close();
  }
}

/** Items with a manufacturer and a normalised serial in every stored seizure: what the hub's item index must hold. */
export function storedIndexedItems(dataDir: string): number {
  const files = readdirSync(dataDir).filter((f) => /^[a-z]{2}-[a-z]+\.db$/.test(f));
  let n = 0;
  for (const f of files) {
    const db = readOnly(join(dataDir, f));
    try {
      for (const data of db.prepare<[], string>("SELECT data FROM events WHERE type IN ('SeizureReported', 'StockpileLossReported')").pluck().all()) {
        const items = (JSON.parse(data) as { items: { manufacturer?: string; serial?: { normalised: string | null }; serialNumber?: string }[] }).items;
        n += items.filter((i) => i.manufacturer && (i.serial ? i.serial.normalised : i.serialNumber)).length;
      }
    } finally {
      db.close();
    }
  }
  return n;
}

/**
 * Append `count` signed seizures of `agency` straight into its store (as its
 * service would; the running service's relay picks them up): the events an
 * agency holds, independent of the report path.
 */
export async function appendSeizures(dataDir: string, agency: string, count: number, seed: number): Promise<string[]> {
  const keys: AgencyKeys[] = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  const key = keys.find((k) => k.agency.id === agency)!;
  const generator = createSeizureGenerator(seed);
  const store = getSqliteEventStore(join(dataDir, `${agency.toLowerCase()}.db`));
  const ids: string[] = [];
  try {
    while (ids.length < count) {
      const s = generator.next();
      if (s.originator.agency !== agency) continue;
      const e = await signedSeizure(s, key.eventKey, new Date().toISOString());
      await store.appendToStream(e.streamId, [envelopeToEvent(e)], { expectedRevision: 'no_stream' });
      ids.push(e.id);
    }
  } finally {
    await store.close();
  }
  return ids;
}
