import type Database from 'better-sqlite3';
import { RejectedEvent } from '@tracebridge/bus';
import { brokerStreamId, ErrorCodes, isoFromMillis, isoMillis, type EventOf, type RecordFamily, type TracebridgeEvent } from '@tracebridge/contracts';
import { brokerDecider, checkBrokerEvent, DomainError, normaliseBrokerName, normaliseIdentifier, type BrokerEvent, type BrokerState } from '@tracebridge/domain';
import type { VisibilityIndex } from './visibility';

type BrokerEventType = BrokerEvent['type'];
const BROKER_EVENTS: ReadonlySet<string> = new Set<BrokerEventType>(['BrokerRegistered', 'BrokerLicenceGranted', 'BrokerSuspended', 'BrokerRevoked', 'BrokerActivityFlagged']);
export const isBrokerEvent = (e: TracebridgeEvent): e is EventOf<BrokerEventType> => BROKER_EVENTS.has(e.type);

/** A broker's row in the hub's read model (recordTables.ts: BROKERS_DDL). */
export interface BrokerRow {
  id: string;
  originator_agency: string;
  originator_state: string;
  tlp: string;
  releasable_to: string;
  seq: number;
  name_norm: string;
  registration_norm: string;
  status: string;
  valid_until: string;
  /** The decider's state (BrokerState) as JSON. */
  data: string;
}

/**
 * A broker's name as the registry matches it: the rule the seizure links
 * use (case, accents, punctuation and legal forms ignored), or the name in
 * capitals where that rule keeps nothing to compare (a very short name).
 */
export const brokerNameKey = (name: string): string => normaliseBrokerName(name) ?? name.trim().toUpperCase();

/** A registration number as matched: letters and digits only, as the seizure links compare identifiers. */
export const registrationKey = (n: string): string => normaliseIdentifier(n) ?? n.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** UTC with milliseconds, so that SQL compares instants as strings. */
export const utcIso = (iso: string): string => isoFromMillis(isoMillis(iso));

const reject = (code: keyof typeof ErrorCodes, message: string, cause?: unknown): never => {
  throw new RejectedEvent(ErrorCodes[code], message, cause === undefined ? undefined : { cause });
};

/**
 * The broker registry as the hub projects it from the licensing authorities'
 * signed events (ADR 12). A registration names a new record id (unique
 * across families); every later event must come, signature-verified, from
 * the broker's registering authority, on the broker's own stream, and pass
 * the broker decider's rules on the state projected so far
 * (`checkBrokerEvent`): anything else throws `RejectedEvent` before any write.
 */
export class BrokerProjection {
  private readonly stmt;
  constructor(
    private readonly db: Database.Database,
    private readonly visibility: VisibilityIndex,
    private readonly recordOwner: (id: string) => { kind: RecordFamily; agency: string; state: string } | undefined,
    /** The kind of agency the trust registry lists an agency as: only brokering licensing authorities (LICENSING) keep registers. */
    private readonly kindOf: (agency: string) => string | undefined,
  ) {
    // A file written when the table had only its policy columns (nothing was ever projected into it) gets the others.
    const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('brokers')").pluck().all();
    if (!columns.includes('seq'))
      db.exec(`ALTER TABLE brokers ADD COLUMN seq INTEGER NOT NULL DEFAULT 0; ALTER TABLE brokers ADD COLUMN name_norm TEXT NOT NULL DEFAULT '';
        ALTER TABLE brokers ADD COLUMN registration_norm TEXT NOT NULL DEFAULT ''; ALTER TABLE brokers ADD COLUMN status TEXT NOT NULL DEFAULT 'REGISTERED';
        ALTER TABLE brokers ADD COLUMN valid_until TEXT NOT NULL DEFAULT '';`);
    db.exec(`CREATE INDEX IF NOT EXISTS brokers_registration ON brokers (registration_norm, originator_state);
      CREATE INDEX IF NOT EXISTS brokers_name ON brokers (name_norm, originator_state);
      CREATE INDEX IF NOT EXISTS brokers_seq ON brokers (seq);
      CREATE INDEX IF NOT EXISTS brokers_authority ON brokers (originator_agency, registration_norm);`);
    this.stmt = {
      row: db.prepare<[string], BrokerRow>('SELECT * FROM brokers WHERE id = ?'),
      nextSeq: db.prepare<[], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM brokers').pluck(),
      insert: db.prepare(`INSERT INTO brokers (id, originator_agency, originator_state, tlp, releasable_to, seq, name_norm, registration_norm, status, valid_until, data)
        VALUES (@id, @originator_agency, @originator_state, @tlp, @releasable_to, @seq, @name_norm, @registration_norm, @status, @valid_until, @data)`),
      update: db.prepare('UPDATE brokers SET status = ?, data = ? WHERE id = ?'),
      registered: db.prepare<[string, string], number>('SELECT 1 FROM brokers WHERE originator_agency = ? AND registration_norm = ? LIMIT 1').pluck(),
    };
  }

  /** The broker's row, whoever may see it (callers ask the visibility index). */
  row(id: string): BrokerRow | undefined {
    return this.stmt.row.get(id);
  }

  /** Whether the authority has registered a broker under this registration number. */
  hasRegistration(authority: string, registrationNumber: string): boolean {
    return this.stmt.registered.get(authority, registrationKey(registrationNumber)) !== undefined;
  }

  apply(event: EventOf<BrokerEventType>): void {
    const id = event.data.brokerId;
    // A verified signature proves who wrote the event, not that the writer keeps a register: only licensing authorities do (ADR 12).
    if (this.kindOf(event.originator.agency) !== 'LICENSING')
      reject('NOT_BROKER_AUTHORITY', `${event.type} ${event.id} from ${event.originator.agency}, which is not a brokering licensing authority`);
    if (event.streamId !== brokerStreamId(id)) reject('STREAM_MISMATCH', `${event.type} ${event.id} is on stream ${event.streamId}, not ${brokerStreamId(id)}`);
    const row = this.stmt.row.get(id);
    if (event.type === 'BrokerRegistered') this.expectNewRecord(event, id);
    else if (row === undefined) reject('RECORD_NOT_FOUND', `${event.type} ${event.id} names broker ${id}, which the hub does not hold`);
    else if (row.originator_agency !== event.originator.agency || row.originator_state !== event.originator.state)
      reject('NOT_RECORD_ORIGINATOR', `${event.type} ${event.id} from ${event.originator.agency} names ${id}, a broker of ${row.originator_agency}`);
    const before = row ? (JSON.parse(row.data) as BrokerState) : brokerDecider.initialState();
    const act = event as unknown as BrokerEvent;
    try {
      checkBrokerEvent(before, act);
    } catch (err) {
      if (err instanceof DomainError) throw new RejectedEvent(err.code, `${event.type} ${event.id} refused by the broker rules: ${err.message}`, { cause: err });
      throw err;
    }
    const after = brokerDecider.evolve(before, act);
    const broker = after.broker!;
    if (row) {
      this.stmt.update.run(broker.status, JSON.stringify(after), id);
      return;
    }
    const policy = {
      originator_agency: event.originator.agency,
      originator_state: event.originator.state,
      tlp: event.handling.tlp,
      releasable_to: JSON.stringify(event.handling.releasableTo),
    };
    this.stmt.insert.run({
      id,
      ...policy,
      seq: this.stmt.nextSeq.get() ?? 1,
      name_norm: brokerNameKey(broker.name),
      registration_norm: registrationKey(broker.registrationNumber),
      status: broker.status,
      valid_until: utcIso(broker.validUntil),
      data: JSON.stringify(after),
    });
    this.visibility.add(id, null, { ...policy, family: 'BROKER' });
  }

  /** A registration names an id no record holds: another originator's id is theirs, and a broker is registered once. */
  private expectNewRecord(event: TracebridgeEvent, id: string): void {
    const owner = this.recordOwner(id);
    if (owner === undefined) return;
    if (owner.agency !== event.originator.agency || owner.state !== event.originator.state)
      reject('NOT_RECORD_ORIGINATOR', `${event.type} ${event.id} from ${event.originator.agency} names ${id}, a record of ${owner.agency}`);
    reject('RECORD_ALREADY_REPORTED', `${event.type} ${event.id} registers ${id} again; the first registration stands`);
  }
}
