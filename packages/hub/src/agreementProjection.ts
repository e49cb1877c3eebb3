import type Database from 'better-sqlite3';
import { RejectedEvent } from '@tracebridge/bus';
import { agreementStreamId, ErrorCodes, type DirectoryAgreement, type EventOf, type TracebridgeEvent } from '@tracebridge/contracts';
import { checkSharingAgreementEvent, DomainError, sharingAgreementDecider, type SharingAgreementEvent, type SharingAgreementState } from '@tracebridge/domain';
import type { HubPolicy } from './access';

type AgreementEventType = SharingAgreementEvent['type'];
export const isAgreementEvent = (e: TracebridgeEvent): e is EventOf<AgreementEventType> => e.type === 'SharingAgreementCreated' || e.type === 'SharingAgreementRevoked';

/**
 * Agreements not revoked an originator may hold: each one is policy text
 * every hub parses and every decision reads, so a partner cannot make the
 * hub's policy as large as it likes.
 */
export const AGREEMENTS_PER_ORIGINATOR = 50;

interface AgreementRow {
  id: string;
  originator: string;
  state: string;
}

/**
 * The directory's sharing agreements (ADR 11) as the hub projects them from
 * their originators' signed events, each checked by the agreement decider.
 * Every change goes to the policy at once: the visibility index is
 * recomputed before the next read, so a creation or a revocation takes
 * effect in every view without a restart. At start, the agreements already
 * projected are handed to the policy.
 */
export class AgreementProjection {
  private readonly stmt;
  constructor(
    db: Database.Database,
    private readonly policy: HubPolicy,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS agreements (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, originator TEXT NOT NULL, state TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS agreements_originator ON agreements (originator);`);
    this.stmt = {
      row: db.prepare<[string], AgreementRow>('SELECT * FROM agreements WHERE id = ?'),
      all: db.prepare<[], AgreementRow>('SELECT * FROM agreements ORDER BY seq'),
      upsert: db.prepare('INSERT INTO agreements (id, originator, state) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state'),
    };
    this.policy.setDirectoryAgreements(this.all());
  }

  /** Every directory agreement, revoked and lapsed ones included. */
  all(): DirectoryAgreement[] {
    return this.stmt.all.all().flatMap((r) => {
      const a = (JSON.parse(r.state) as SharingAgreementState).agreement;
      return a ? [a] : [];
    });
  }

  /** How many agreements of the originator are not revoked. */
  liveOf(originator: string): number {
    return this.all().filter((a) => a.originator === originator && a.revokedAt === undefined).length;
  }

  get(id: string): DirectoryAgreement | undefined {
    const r = this.stmt.row.get(id);
    return r ? ((JSON.parse(r.state) as SharingAgreementState).agreement ?? undefined) : undefined;
  }

  apply(event: EventOf<AgreementEventType>): void {
    const id = event.data.agreementId;
    if (event.streamId !== agreementStreamId(id))
      throw new RejectedEvent(ErrorCodes.STREAM_MISMATCH, `${event.type} ${event.id} is on stream ${event.streamId}, not ${agreementStreamId(id)}`);
    const row = this.stmt.row.get(id);
    const before = row ? (JSON.parse(row.state) as SharingAgreementState) : sharingAgreementDecider.initialState();
    const act = event as unknown as SharingAgreementEvent;
    try {
      checkSharingAgreementEvent(before, act);
    } catch (err) {
      if (err instanceof DomainError) throw new RejectedEvent(err.code, `${event.type} ${event.id} refused by the agreement rules: ${err.message}`, { cause: err });
      throw err;
    }
    if (event.type === 'SharingAgreementCreated' && this.liveOf(event.originator.agency) >= AGREEMENTS_PER_ORIGINATOR) {
      throw new RejectedEvent(ErrorCodes.AGREEMENT_LIMIT_REACHED, `${event.id}: ${event.originator.agency} already holds ${AGREEMENTS_PER_ORIGINATOR} agreements not revoked`);
    }
    const after = sharingAgreementDecider.evolve(before, act);
    this.stmt.upsert.run(id, event.originator.agency, JSON.stringify(after));
    this.policy.setDirectoryAgreements(this.all());
  }

  /** After a rollback of the event's transaction the policy is set again from what the file holds. */
  reload(): void {
    this.policy.setDirectoryAgreements(this.all());
  }
}
