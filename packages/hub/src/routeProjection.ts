import type Database from 'better-sqlite3';
import type { EventOf } from '@tracebridge/contracts';
import { routeKey } from '@tracebridge/domain';
import { expectNewRecord, expectStream, policyColumns, type RecordOwner } from './projectionRules';
import type { VisibilityIndex } from './visibility';

/**
 * Analysts' route observations (issue 9): each a record of the observing
 * agency (family ROUTE), under its handling, counted as an observation of
 * the corridor with the same legs. Recorded once under its id; the table is
 * one of the record tables (recordTables.ts).
 */
export class RouteProjection {
  private readonly insert;
  constructor(
    db: Database.Database,
    private readonly visibility: VisibilityIndex,
    private readonly ownerOf: (id: string) => RecordOwner | undefined,
  ) {
    this.insert = db.prepare(
      `INSERT INTO route_observations (id, originator_agency, originator_state, tlp, releasable_to, route_key, observed_at, data)
       VALUES (@id, @originator_agency, @originator_state, @tlp, @releasable_to, @route_key, @observed_at, @data)`,
    );
  }

  apply(event: EventOf<'RouteObserved'>): void {
    const id = event.data.routeId;
    expectStream(event, `route-${id}`);
    expectNewRecord(event, this.ownerOf(id), id);
    const columns = policyColumns(event);
    this.insert.run({ ...columns, id, route_key: routeKey(event.data.legs), observed_at: event.occurredAt, data: JSON.stringify(event.data) });
    this.visibility.add(id, null, { ...columns, family: 'ROUTE' });
  }
}
