import type Database from 'better-sqlite3';
import { normaliseManufacturer } from '@tracebridge/contracts';
import { routeKey, seizureRouteLegs } from '@tracebridge/domain';
import type { SeizureFacts, SeizureIndex } from './seizureIndexes';

/**
 * Corridors as seizures give them (issue 9): one row per seizure with a
 * route (its corridor, date, state, weapons), and the categories and
 * manufacturers of its items for the filters. Rows carry no policy: the
 * routes views join the visibility index on `seq`.
 */
export class RouteIndex implements SeizureIndex {
  readonly name = 'routes';
  readonly version = 1;
  readonly tables = ['seizure_routes', 'seizure_facets'] as const;
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS seizure_routes (
        seq INTEGER PRIMARY KEY, record_id TEXT NOT NULL, route_key TEXT NOT NULL, occurred_at TEXT NOT NULL, agency TEXT NOT NULL, state TEXT NOT NULL, weapons INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS seizure_routes_key ON seizure_routes (route_key, occurred_at);
      CREATE TABLE IF NOT EXISTS seizure_facets (
        seq INTEGER NOT NULL, category TEXT NOT NULL, manufacturer_norm TEXT NOT NULL, PRIMARY KEY (seq, category, manufacturer_norm)) WITHOUT ROWID;`);
    this.stmt = {
      route: db.prepare('INSERT INTO seizure_routes (seq, record_id, route_key, occurred_at, agency, state, weapons) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      facet: db.prepare('INSERT OR IGNORE INTO seizure_facets (seq, category, manufacturer_norm) VALUES (?, ?, ?)'),
    };
  }

  add(f: SeizureFacts): void {
    const legs = seizureRouteLegs(f.data);
    if (!legs) return;
    const weapons = f.data.items.filter((i) => i.kind === 'WEAPON').reduce((n, i) => n + (i.quantity ?? 1), 0);
    this.stmt.route.run(f.seq, f.seizureId, routeKey(legs), new Date(f.occurredAt).toISOString(), f.originator.agency, f.originator.state, weapons);
    // '' stands for "not given", so a filter on one of the two still finds the item.
    for (const i of f.data.items) this.stmt.facet.run(f.seq, i.category ?? '', i.manufacturer ? normaliseManufacturer(i.manufacturer) : '');
  }
}
