import { decodeEvent, type PersonIdentity } from '@tracebridge/contracts';
import { recordedToEnvelope, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision } from '@tracebridge/eventstore';

export type { PersonIdentity };

/**
 * The port for person identities (names, identity documents). They stay
 * with the originating agency: they are kept in its vault and never enter an
 * event, which carries a random personRef, a role and a nationality only.
 * Identities are served to the originator only (rpc.ts), and only those a
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
  appendWithIdentities(
    persons: readonly PersonIdentity[],
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Every identity kept under a seizure id, named by a stored event or not: serve `servedIdentities` instead. */
  forSeizure(seizureId: string): Promise<PersonIdentity[]>;
  /** Closes what the vault opened itself. */
  close(): Promise<void>;
}

/**
 * The identities of a seizure as they may be served: those its stored
 * report names. Rows that no event names (left by a crash between a vault
 * write and a failed append, or by a report that lost a race for the same
 * clientReference) are never served.
 */
export async function servedIdentities(agency: { store: EventStore; vault: PersonVault }, seizureId: string): Promise<PersonIdentity[]> {
  const [first] = await agency.store.readStream(`seizure-${seizureId}`, { maxCount: 1 });
  if (!first) return [];
  const report = decodeEvent(recordedToEnvelope(first));
  if (report.type !== 'SeizureReported') return [];
  const named = new Set((report.data.persons ?? []).map((p) => p.personRef));
  return (await agency.vault.forSeizure(seizureId)).filter((p) => named.has(p.personRef));
}
