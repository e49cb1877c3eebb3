import type Database from 'better-sqlite3';
import { StoreClosedError, WrongExpectedRevisionError, type EventStore, type SqliteEventStore } from '@tracebridge/eventstore';
import type { PersonIdentity, PersonVault } from './personVault';

interface Row {
  person_ref: string;
  seizure_id: string;
  role: string;
  name: string;
  nationality: string | null;
  document_number: string | null;
}

/** The vault's table and statements in one SQLite file. */
function vaultTable(db: Database.Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS person_identities (
    person_ref TEXT PRIMARY KEY, seizure_id TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
    nationality TEXT, document_number TEXT)`);
  db.exec('CREATE INDEX IF NOT EXISTS person_identities_seizure ON person_identities (seizure_id)');
  // Keyed hashes of document numbers (issue 9), for PERSON links; a vault of before gets the column, filled by fillDocumentKeys.
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('person_identities')").pluck().all();
  if (!columns.includes('document_key')) db.exec('ALTER TABLE person_identities ADD COLUMN document_key TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS person_identities_document ON person_identities (document_key) WHERE document_key IS NOT NULL');
  const put = db.prepare(
    `INSERT OR IGNORE INTO person_identities (person_ref, seizure_id, role, name, nationality, document_number, document_key)
     VALUES (@personRef, @seizureId, @role, @name, @nationality, @documentNumber, @documentKey)`,
  );
  const sharing = db.prepare<[string], string>('SELECT DISTINCT seizure_id FROM person_identities WHERE document_key = ?').pluck();
  const unkeyed = db.prepare<[], { person_ref: string; document_number: string }>(
    'SELECT person_ref, document_number FROM person_identities WHERE document_number IS NOT NULL AND document_key IS NULL',
  );
  const setKey = db.prepare<[string | null, string]>("UPDATE person_identities SET document_key = COALESCE(?, '') WHERE person_ref = ?");
  const drop = db.prepare<[string]>('DELETE FROM person_identities WHERE person_ref = ?');
  const bySeizure = db.prepare<[string], Row>('SELECT * FROM person_identities WHERE seizure_id = ?');
  return {
    /** Synchronous: inside a caller's transaction it is part of it; outside, one transaction of its own. */
    keep: db.transaction((persons: readonly PersonIdentity[]) => {
      for (const p of persons) put.run({ nationality: null, documentNumber: null, documentKey: null, ...p });
    }),
    seizuresSharingDocuments: (keys: readonly string[]): Promise<string[]> => Promise.resolve([...new Set(keys.flatMap((k) => (k ? sharing.all(k) : [])))]),
    fillDocumentKeys: async (keyOf: (documentNumber: string) => Promise<string | null>): Promise<number> => {
      const rows = unkeyed.all();
      const keys = await Promise.all(rows.map((r) => keyOf(r.document_number)));
      // '' marks a number that cannot match (too short, junk), so it is not looked at again.
      db.transaction(() => rows.forEach((r, i) => setKey.run(keys[i] ?? null, r.person_ref)))();
      return rows.length;
    },
    forget: db.transaction((persons: readonly PersonIdentity[]) => {
      for (const p of persons) drop.run(p.personRef);
    }),
    forSeizure: (seizureId: string): Promise<PersonIdentity[]> =>
      Promise.resolve(
        bySeizure.all(seizureId).map((r) => ({
          personRef: r.person_ref,
          seizureId: r.seizure_id,
          role: r.role,
          name: r.name,
          ...(r.nationality ? { nationality: r.nationality } : {}),
          ...(r.document_number ? { documentNumber: r.document_number } : {}),
        })),
      ),
  };
}

/**
 * The vault in the SQLite event store's own file (the embedded default):
 * the identities are written in the append's transaction, so they are
 * committed with the events that name them, or not at all.
 */
export function getSqlitePersonVault(store: SqliteEventStore): PersonVault {
  const table = vaultTable(store.db);
  return {
    appendWithIdentities: (persons, streamId, events, options) => store.appendWith(streamId, events, options, () => table.keep(persons)),
    forSeizure: table.forSeizure,
    seizuresSharingDocuments: table.seizuresSharingDocuments,
    fillDocumentKeys: table.fillDocumentKeys,
    close: () => Promise.resolve(),
  };
}

/**
 * The vault in a SQLite file of the agency's own, beside an event store of
 * another kind (KurrentDB: person data never goes into its events). The
 * identities are written (and fsynced) first, then the events appended: an
 * event never names a person the vault lacks. If the store refuses the
 * append (a concurrent write, a closed store), the rows are removed again.
 * If the outcome is unknown (the connection dropped: the events may be
 * stored), or the process dies between the two writes, the rows stay;
 * `servedIdentities` serves them only if a stored event names their random
 * personRefs, so rows of an append that never happened are never served.
 * @param db the agency's own SQLite file; its opener closes it
 */
export function getSqlitePersonVaultBeside(db: Database.Database, store: EventStore): PersonVault {
  const table = vaultTable(db);
  return {
    appendWithIdentities: async (persons, streamId, events, options) => {
      table.keep(persons);
      try {
        return await store.appendToStream(streamId, events, options);
      } catch (err) {
        if (err instanceof WrongExpectedRevisionError || err instanceof StoreClosedError) table.forget(persons);
        throw err;
      }
    },
    forSeizure: table.forSeizure,
    seizuresSharingDocuments: table.seizuresSharingDocuments,
    fillDocumentKeys: table.fillDocumentKeys,
    close: () => Promise.resolve(),
  };
}
