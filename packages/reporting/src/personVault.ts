import { decodeEvent, type PersonIdentity } from '@tracebridge/contracts';
import { recordedToEnvelope, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision } from '@tracebridge/eventstore';
import type { PolicyRecord } from '@tracebridge/policy';

/** A person as the vault keeps it: the identity, and the keyed hash of its document number for PERSON links (issue 9). */
export type KeptPerson = PersonIdentity & { documentKey?: string | null };
export type { PersonIdentity };

/**
 * The port for person identities (names, identity documents). They stay
 * with the originating agency: they are kept in its vault and never enter an
 * event, which carries a random personRef, a role and a nationality only.
 * Identities are served as the access policy allows (rpc.ts), and only those a
 * stored event names (`servedIdentities`).
 *
 * Adapters (sqlitePersonVault.ts): in the SQLite event store's own file,
 * written in the append's transaction; or in a SQLite file of its own
 * beside another store (KurrentDB), written before the append.
 */
export interface PersonVault {
  /**
   * Append a record's events together with the identities of the persons
   * they name, so that no stored event names a person the vault lacks.
   * Resolves when both are durable. When it rejects, the identities are not
   * kept either (rolled back, or removed again); only a crash between the
   * two writes of a vault beside another store can leave rows behind, and
   * those are never served, because no stored event names them.
   * @throws whatever the append throws (WrongExpectedRevisionError …)
   */
  appendWithIdentities(persons: readonly KeptPerson[], streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** Every identity kept under a seizure id, named by a stored event or not: serve `servedIdentities` instead. */
  forSeizure(seizureId: string): Promise<PersonIdentity[]>;
  /** The seizures under which a person with one of these document keys (KeyedIds.documentKey) is kept. */
  seizuresSharingDocuments(keys: readonly string[]): Promise<string[]>;
  /** Key the document numbers kept before document keys existed; resolves with how many rows it looked at. */
  fillDocumentKeys(keyOf: (documentNumber: string) => Promise<string | null>): Promise<number>;
  /** Closes what the vault opened itself. */
  close(): Promise<void>;
}

/**
 * The identities of a seizure as they may be served, with the record as the
 * access policy reads it (its signed originator and handling): those its
 * stored report names. Rows that no event names (left by a crash between a
 * vault write and a failed append, or by a report that lost a race for the
 * same clientReference) are never served. Undefined when no report is held.
 */
export async function servedIdentities(
  agency: { store: EventStore; vault: PersonVault },
  seizureId: string,
): Promise<{ record: PolicyRecord; persons: PersonIdentity[] } | undefined> {
  const [first] = await agency.store.readStream(`seizure-${seizureId}`, { maxCount: 1 });
  if (!first) return undefined;
  const report = decodeEvent(recordedToEnvelope(first));
  if (report.type !== 'SeizureReported') return undefined;
  const named = new Set((report.data.persons ?? []).map((p) => p.personRef));
  const persons = (await agency.vault.forSeizure(seizureId)).filter((p) => named.has(p.personRef));
  return { record: { originator: report.originator, family: 'SEIZURE', handling: report.handling }, persons };
}
