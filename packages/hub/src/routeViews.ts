import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { normaliseManufacturer } from '@tracebridge/contracts';
import { routeLegsOf, trendOf } from '@tracebridge/domain';
import type { RoutesQuery } from './routeArgs';
import type { VisibilityIndex } from './visibility';

/** A corridor as one viewer sees it, over one period. */
export interface RouteView {
  id: string;
  legs: string[];
  seizures: number;
  weapons: number;
  states: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  trend: number | null;
  observations: number;
  /** The agencies whose records the corridor's figures come from, the trend's period included (for the audit; not shown). */
  originators: string[];
}

interface Aggregate {
  key: string;
  seizures: number;
  previous: number;
  weapons: number;
  first_seen: string;
  last_seen: string;
  states: string;
  agencies: string;
}

/**
 * Corridors ranked for a viewer (issue 9): from the seizures with a route
 * the viewer may see (the visibility index), in the period and filters
 * asked, against the previous period of the same length; with the route
 * observations the viewer may see on the same legs. A corridor none of
 * whose records the viewer may see is not there at all.
 */
export class RouteViews {
  private readonly statements = new Map<string, Statement>();
  constructor(
    private readonly db: Database.Database,
    private readonly visibility: VisibilityIndex,
  ) {}

  rank(agency: string, q: RoutesQuery): RouteView[] {
    this.visibility.ensureCurrent();
    const span = Date.parse(q.to) - Date.parse(q.from);
    // One pass over both periods: the one asked, and the one of the same length before it (for the trend).
    const rows = this.aggregate(agency, q, new Date(Date.parse(q.from) - span).toISOString());
    const current = rows.filter((a) => a.seizures > 0);
    const previous = new Map(rows.map((a) => [a.key, a.previous]));
    const observed = this.observations(agency, q);
    const routes = new Map<string, RouteView>();
    for (const a of current) {
      routes.set(a.key, {
        id: a.key,
        legs: routeLegsOf(a.key),
        seizures: a.seizures,
        weapons: a.weapons,
        states: a.states.split(',').sort(),
        firstSeen: a.first_seen,
        lastSeen: a.last_seen,
        trend: trendOf(a.seizures, previous.get(a.key) ?? 0),
        observations: observed.get(a.key)?.n ?? 0,
        originators: [...new Set([...a.agencies.split(','), ...(observed.get(a.key)?.agencies ?? [])])],
      });
    }
    // Observations alone make a corridor the viewer may know of, unless the filter is on items (observations name none).
    if (!q.category && !q.manufacturer) {
      for (const [key, o] of observed) {
        if (!routes.has(key))
          routes.set(key, {
            id: key,
            legs: routeLegsOf(key),
            seizures: 0,
            weapons: 0,
            states: [],
            firstSeen: null,
            lastSeen: null,
            trend: null,
            observations: o.n,
            originators: o.agencies,
          });
      }
    }
    return [...routes.values()].sort((a, b) => b.seizures - a.seizures || b.weapons - a.weapons || b.observations - a.observations || (a.id < b.id ? -1 : 1));
  }

  private aggregate(agency: string, q: RoutesQuery, previousFrom: string): Aggregate[] {
    const where = [
      'r.occurred_at >= @previousFrom AND r.occurred_at < @to',
      ...(q.country ? [`('-' || r.route_key || '-') LIKE @country`] : []),
      ...(q.category || q.manufacturer
        ? [
            `EXISTS (SELECT 1 FROM seizure_facets f WHERE f.seq = r.seq${q.category ? ' AND f.category = @category' : ''}${q.manufacturer ? ' AND f.manufacturer_norm = @manufacturer' : ''})`,
          ]
        : []),
    ];
    // Walked from the viewer's rows of the visibility index (seizures by seq), so a viewer pays for what it may see.
    const now = 'r.occurred_at >= @from';
    const sql = `SELECT r.route_key AS key, COUNT(CASE WHEN ${now} THEN 1 END) AS seizures, COUNT(CASE WHEN NOT (${now}) THEN 1 END) AS previous,
        COALESCE(SUM(CASE WHEN ${now} THEN r.weapons END), 0) AS weapons,
        MIN(CASE WHEN ${now} THEN r.occurred_at END) AS first_seen, MAX(CASE WHEN ${now} THEN r.occurred_at END) AS last_seen,
        group_concat(DISTINCT CASE WHEN ${now} THEN r.state END) AS states, group_concat(DISTINCT r.agency) AS agencies
      FROM visibility v JOIN seizure_routes r ON r.seq = v.seq
      WHERE v.agency = @agency AND v.level = 2 AND ${where.join(' AND ')} GROUP BY r.route_key`;
    return this.statement(sql).all({ agency, from: q.from, to: q.to, previousFrom, ...this.params(q) }) as Aggregate[];
  }

  private observations(agency: string, q: RoutesQuery): Map<string, { n: number; agencies: string[] }> {
    const sql = `SELECT o.route_key AS key, COUNT(*) AS n, group_concat(DISTINCT o.originator_agency) AS agencies FROM route_observations o
      JOIN visibility v ON v.agency = @agency AND v.record_id = o.id AND v.level = 2
      ${q.country ? `WHERE ('-' || o.route_key || '-') LIKE @country` : ''} GROUP BY o.route_key`;
    const rows = this.statement(sql).all({ agency, country: this.params(q).country }) as { key: string; n: number; agencies: string }[];
    return new Map(rows.map((r) => [r.key, { n: r.n, agencies: r.agencies.split(',') }]));
  }

  private params(q: RoutesQuery) {
    return {
      country: q.country ? `%-${q.country}-%` : null,
      category: q.category ?? null,
      manufacturer: q.manufacturer ? normaliseManufacturer(q.manufacturer) : null,
    };
  }

  private statement(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
}
