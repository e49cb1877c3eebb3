import type Database from 'better-sqlite3';

import type { PersonIdentity } from '@tracebridge/contracts';

export type { PersonIdentity };

/**
 * Person identities (names, identity documents) stay with the originating
 * agency: they are kept here, in the agency service's own database, and
 * never enter an event. Events carry a random personRef, a role and a
 * nationality; the identity is served from here, to the originator only.
 */
export class PersonVault {
  private readonly put;
  private readonly bySeizure;
  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS person_identities (
      person_ref TEXT PRIMARY KEY, seizure_id TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
      nationality TEXT, document_number TEXT)`);
    db.exec('CREATE INDEX IF NOT EXISTS person_identities_seizure ON person_identities (seizure_id)');
    this.put = db.prepare(
      'INSERT OR IGNORE INTO person_identities (person_ref, seizure_id, role, name, nationality, document_number) VALUES (@personRef, @seizureId, @role, @name, @nationality, @documentNumber)',
    );
    this.bySeizure = db.prepare<[string], { person_ref: string; seizure_id: string; role: string; name: string; nationality: string | null; document_number: string | null }>(
      'SELECT * FROM person_identities WHERE seizure_id = ?',
    );
  }

  keep(persons: readonly PersonIdentity[]): void {
    for (const p of persons) this.put.run({ nationality: null, documentNumber: null, ...p });
  }

  forSeizure(seizureId: string): PersonIdentity[] {
    return this.bySeizure.all(seizureId).map((r) => ({
      personRef: r.person_ref,
      seizureId: r.seizure_id,
      role: r.role,
      name: r.name,
      ...(r.nationality ? { nationality: r.nationality } : {}),
      ...(r.document_number ? { documentNumber: r.document_number } : {}),
    }));
  }
}
