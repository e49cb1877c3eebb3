import type { RecordFamily } from '@tracebridge/contracts';

/**
 * The families of records the visibility index covers, each in its own
 * table with the columns the policy reads (id, originator_agency,
 * originator_state, tlp, releasable_to). Seizures alone are listed in order
 * (their `seq`). Record ids are unique across these tables: a projection
 * refuses a new record whose id another table holds (`recordOwnerSql`).
 * An id both a seizure and a loss (only an old hub could hold one) is the seizure.
 */
export const RECORD_TABLES: readonly { family: RecordFamily; table: string; seq: boolean }[] = [
  { family: 'SEIZURE', table: 'seizures', seq: true },
  { family: 'STOCKPILE_LOSS', table: 'stockpile_losses', seq: false },
  { family: 'ROUTE', table: 'route_observations', seq: false },
  { family: 'BROKER', table: 'brokers', seq: false },
];

/**
 * The broker registry (ADR 12): one row per broker, its originator the
 * registering authority (whose state is the registration state); `seq` is
 * the order of registration (paging), `status` the authority's last decision
 * (REGISTERED, SUSPENDED, REVOKED), `valid_until` normalised to UTC, `data`
 * the broker as the decider's state holds it (licences and flags included).
 */
export const BROKERS_DDL = `
  CREATE TABLE IF NOT EXISTS brokers (
    id TEXT PRIMARY KEY, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL, tlp TEXT NOT NULL, releasable_to TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0, name_norm TEXT NOT NULL DEFAULT '', registration_norm TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'REGISTERED', valid_until TEXT NOT NULL DEFAULT '', data TEXT NOT NULL) WITHOUT ROWID;`;

/**
 * The tables of the families added with issue 9, created before the
 * visibility index prepares its statements. Each family's projection owns
 * its table's other columns and indexes.
 */
export const FAMILY_TABLES_DDL = `
  CREATE TABLE IF NOT EXISTS route_observations (
    id TEXT PRIMARY KEY, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL, tlp TEXT NOT NULL, releasable_to TEXT NOT NULL,
    route_key TEXT NOT NULL, observed_at TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS route_observations_key ON route_observations (route_key);
  ${BROKERS_DDL}`;

/** `SELECT <family>, <seq>, policy columns FROM <table> WHERE id = ?` for each table, first table first: one `?` per table. */
export function recordPolicyRowSql(): string {
  return (
    RECORD_TABLES.map(
      ({ family, table, seq }, i) =>
        `SELECT ${i} AS rank, ${seq ? 'seq' : 'NULL'} AS seq, '${family}' AS family, originator_agency, originator_state, tlp, releasable_to FROM ${table} WHERE id = ?`,
    ).join(' UNION ALL ') + ' ORDER BY rank LIMIT 1'
  );
}

/** Who holds the record of this id, whatever its family: one `?` per table. */
export function recordOwnerSql(): string {
  return (
    RECORD_TABLES.map(({ family, table }, i) => `SELECT ${i} AS rank, '${family}' AS kind, originator_agency AS agency, originator_state AS state FROM ${table} WHERE id = ?`).join(
      ' UNION ALL ',
    ) + ' ORDER BY rank LIMIT 1'
  );
}
