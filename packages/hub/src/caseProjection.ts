import type Database from 'better-sqlite3';
import { RejectedEvent } from '@tracebridge/bus';
import { ErrorCodes, type EventOf, type Handling, type TracebridgeEvent } from '@tracebridge/contracts';
import { caseDecider, checkCaseEvent, DomainError, type CaseEvent, type CaseEventFacts, type CaseState } from '@tracebridge/domain';
import type { HubPolicy } from './access';
import { caseTablesSql, type AttachmentRow, type CaseRow } from './caseTables';
import type { VisibilityIndex } from './visibility';

type CaseEventType = CaseEvent['type'];

/** How large a case may grow (its state is one row, read and written with every act). */
export const CASE_LIMITS = { participants: 200, attachments: 2000, notes: 5000 } as const;
const CASE_TYPES: readonly string[] = [
  'CaseOpened',
  'CaseInvitationSent',
  'CaseInvitationAnswered',
  'CaseLeft',
  'RecordAttachedToCase',
  'CaseNoteAdded',
  'CaseShareDecided',
  'CaseShareWithdrawn',
] satisfies CaseEventType[];
export const isCaseEvent = (e: TracebridgeEvent): e is EventOf<CaseEventType> => CASE_TYPES.includes(e.type);

/** A record a case may carry, as the hub holds it: who holds it and its handling code. */
interface HeldRecord {
  family: 'SEIZURE' | 'STOCKPILE_LOSS';
  holder: string;
  code: string;
}

/**
 * Cross-border cases as the hub projects them (ADR 9): every participant's
 * signed acts, each checked by the one case decider on the case as it stands
 * here and with the facts only the hub's policy knows, then applied in the
 * event's transaction. A case share grant (an attachment shared with its
 * holder's consent) reaches the visibility index at once, for that record
 * only.
 */
export class CaseProjection {
  private readonly stmt;
  constructor(
    private readonly db: Database.Database,
    private readonly visibility: VisibilityIndex,
    private readonly policy: HubPolicy,
  ) {
    db.exec(caseTablesSql);
    this.stmt = {
      caseRow: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
      insertCase: db.prepare(
        `INSERT INTO cases (id, opener_agency, opener_state, title, summary, handling, opened_at, state)
         VALUES (@id, @agency, @state, @title, @summary, @handling, @at, @caseState)`,
      ),
      saveState: db.prepare('UPDATE cases SET state = ? WHERE id = ?'),
      member: db.prepare(
        `INSERT INTO case_members (case_id, agency, status, seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id, agency) DO UPDATE SET status = excluded.status, seq = excluded.seq`,
      ),
      attach: db.prepare(
        `INSERT INTO case_attachments (id, case_id, record_id, family, holder, attached_by, status, requested, seq)
         VALUES (@id, @caseId, @recordId, @family, @holder, @attachedBy, @status, @requested, @seq)`,
      ),
      attachment: db.prepare<[string], AttachmentRow>('SELECT * FROM case_attachments WHERE id = ?'),
      setAttachment: db.prepare('UPDATE case_attachments SET status = ?, reason = ?, decided_at = ? WHERE id = ? AND case_id = ?'),
      noteExists: db.prepare<[string], number>('SELECT 1 FROM case_notes WHERE id = ?').pluck(),
      note: db.prepare('INSERT INTO case_notes (id, case_id, author_agency, author_state, text, handling, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      timeline: db.prepare('INSERT INTO case_events (case_id, event_id, type, agency, at, ref, summary) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      seizure: db.prepare<[string], { originator_agency: string; handling: string }>('SELECT originator_agency, handling FROM seizures WHERE id = ?'),
      loss: db.prepare<[string], { originator_agency: string }>('SELECT originator_agency FROM stockpile_losses WHERE id = ?'),
      consented: db.prepare<[string], { record_id: string }>(
        `SELECT DISTINCT record_id FROM case_attachments WHERE case_id = ? AND status = 'SHARED' AND (requested = 1 OR attached_by = holder)`,
      ),
      dropGrants: db.prepare('DELETE FROM record_grants WHERE record_id = ?'),
      grant: db.prepare(
        `INSERT INTO record_grants (record_id, agency)
           SELECT DISTINCT a.record_id, m.agency FROM case_attachments a
           JOIN case_members m ON m.case_id = a.case_id AND m.status = 'ACTIVE'
           WHERE a.record_id = @record AND a.status = 'SHARED' AND (a.requested = 1 OR a.attached_by = a.holder)`,
      ),
    };
  }

  /** An act of another record linked to the case (a trace's lifecycle) in the case's timeline. */
  addToTimeline(caseId: string, event: TracebridgeEvent, summary: string, ref: string): void {
    this.stmt.timeline.run(caseId, event.id, event.type, event.originator.agency, event.occurredAt, ref, summary);
  }

  /** The case as the decider sees it; undefined when the hub holds no such case. */
  state(caseId: string): CaseState | undefined {
    const row = this.stmt.caseRow.get(caseId);
    return row ? (JSON.parse(row.state) as CaseState) : undefined;
  }

  /** Apply one verified case event (inside the inbox transaction); a refused one throws RejectedEvent before any write. */
  apply(event: EventOf<CaseEventType>): void {
    const caseId = event.data.caseId;
    if (event.streamId !== `case-${caseId}`) throw new RejectedEvent(ErrorCodes.STREAM_MISMATCH, `${event.type} ${event.id} is on stream ${event.streamId}, not case-${caseId}`);
    const before = this.state(caseId) ?? caseDecider.initialState();
    const act = event as unknown as CaseEvent;
    this.expectWithinBounds(before, event);
    try {
      checkCaseEvent(before, act, this.factsFor(before, event));
    } catch (err) {
      if (err instanceof DomainError) throw new RejectedEvent(err.code, `${event.type} ${event.id} refused by the case's rules: ${err.message}`, { cause: err });
      throw err;
    }
    const after = caseDecider.evolve(before, act);
    const seq = this.stmt.timeline.run(caseId, event.id, event.type, event.originator.agency, event.occurredAt, refOf(event), summaryOf(event)).lastInsertRowid as number;
    if (event.type === 'CaseOpened') {
      const { title, summary } = event.data;
      const row = { id: caseId, ...event.originator, title, summary, handling: JSON.stringify(event.handling), at: event.occurredAt, caseState: JSON.stringify(after) };
      this.stmt.insertCase.run(row);
    } else this.stmt.saveState.run(JSON.stringify(after), caseId);
    this.applySideTables(event, before, after, seq);
  }

  /**
   * Ids are the hub's keys across cases, and a case's size is bounded: an act
   * reusing another case's attachment or note id, or growing a case past its
   * bounds, is refused (dead-lettered), never retried as a failure.
   */
  private expectWithinBounds(state: CaseState, event: EventOf<CaseEventType>): void {
    const refuse = (why: string): never => {
      throw new RejectedEvent(ErrorCodes.INVALID_EVENT, `${event.type} ${event.id}: ${why}`);
    };
    if (event.type === 'RecordAttachedToCase') {
      if (this.stmt.attachment.get(event.data.attachmentId)) refuse('its attachment id is taken');
      if (Object.keys(state.attachments).length >= CASE_LIMITS.attachments) refuse(`a case carries at most ${CASE_LIMITS.attachments} attachments`);
    }
    if (event.type === 'CaseNoteAdded' && this.stmt.noteExists.get(event.data.noteId) !== undefined) refuse('its note id is taken');
    if (event.type === 'CaseNoteAdded' && state.notes >= CASE_LIMITS.notes) refuse(`a case carries at most ${CASE_LIMITS.notes} notes`);
    if (event.type === 'CaseInvitationSent' && Object.keys(state.participants).length >= CASE_LIMITS.participants)
      refuse(`a case has at most ${CASE_LIMITS.participants} participants`);
  }

  /** What the hub's policy and read model say, for the check of an arriving act. */
  private factsFor(state: CaseState, event: EventOf<CaseEventType>): CaseEventFacts {
    if (event.type === 'CaseInvitationSent') return { inviteeMaySeeCase: this.inviteeMaySee(state, event.data.agency) };
    if (event.type !== 'RecordAttachedToCase') return {};
    const { record } = event.data;
    const facts = this.attachFacts(state, record.id, event.originator.agency);
    // A record the hub does not hold, or held by another than the event says, or that the attacher may not see, is not attached.
    if (!facts || facts.record.holder !== record.holder || facts.record.family !== record.family) {
      throw new RejectedEvent(ErrorCodes.RECORD_NOT_FOUND, `${event.type} ${event.id} attaches ${record.id}, which its attacher may not see here`);
    }
    return { everyParticipantMaySee: facts.everyParticipantMaySee, recordHandlingCode: facts.record.code };
  }

  /** What attaching a record needs to know; undefined when the hub holds no such record or the attacher may not see it. */
  attachFacts(state: CaseState, recordId: string, attacher: string): { record: HeldRecord; everyParticipantMaySee: boolean } | undefined {
    const record = this.heldRecord(recordId);
    if (!record || this.visibility.level(attacher, recordId) !== 'VIEW') return undefined;
    const active = Object.entries(state.participants).filter(([, s]) => s === 'ACTIVE');
    return { record, everyParticipantMaySee: active.every(([agency]) => this.visibility.level(agency, recordId) === 'VIEW') };
  }

  /** Whether the case's own handling (not any grant) lets the agency see it: it limits who may be invited. */
  inviteeMaySee(state: CaseState, agency: string): boolean {
    if (!state.opener || !state.handling) return false;
    const handling = state.handling as Handling;
    return this.policy.levelFor(agency, { originator: state.opener, family: 'CASE', handling: { tlp: handling.tlp, releasableTo: handling.releasableTo ?? [] } }) === 'VIEW';
  }

  heldRecord(recordId: string): HeldRecord | undefined {
    const s = this.stmt.seizure.get(recordId);
    if (s) return { family: 'SEIZURE', holder: s.originator_agency, code: (JSON.parse(s.handling) as { code?: string }).code ?? 'H0' };
    const l = this.stmt.loss.get(recordId);
    // A loss's handling code is not kept by the hub: it is treated as H2, so attaching it always asks its holder.
    return l ? { family: 'STOCKPILE_LOSS', holder: l.originator_agency, code: 'H2' } : undefined;
  }

  private applySideTables(event: EventOf<CaseEventType>, before: CaseState, after: CaseState, seq: number): void {
    const caseId = event.data.caseId;
    const by = event.originator.agency;
    switch (event.type) {
      case 'CaseOpened':
      case 'CaseInvitationAnswered':
      case 'CaseLeft':
        this.stmt.member.run(caseId, by, after.participants[by], seq);
        // Who is active changed: so did who a consented share reaches.
        if (event.type !== 'CaseOpened') for (const r of this.stmt.consented.all(caseId)) this.regrant(r.record_id);
        break;
      case 'CaseInvitationSent':
        this.stmt.member.run(caseId, event.data.agency, 'INVITED', seq);
        break;
      case 'RecordAttachedToCase': {
        const { attachmentId, record, status } = event.data;
        this.stmt.attach.run({
          id: attachmentId,
          caseId,
          recordId: record.id,
          family: record.family,
          holder: record.holder,
          attachedBy: by,
          status,
          requested: status === 'AWAITING_CONSENT' ? 1 : 0,
          seq,
        });
        if (status === 'SHARED' && by === record.holder) this.regrant(record.id);
        break;
      }
      case 'CaseNoteAdded':
        this.stmt.note.run(event.data.noteId, caseId, by, event.originator.state, event.data.text, JSON.stringify(event.handling), event.occurredAt);
        break;
      case 'CaseShareDecided':
      case 'CaseShareWithdrawn': {
        const a = after.attachments[event.data.attachmentId]!;
        const reason = event.type === 'CaseShareDecided' ? (event.data.reason ?? null) : null;
        this.stmt.setAttachment.run(a.status, reason, event.occurredAt, event.data.attachmentId, caseId);
        if (before.attachments[event.data.attachmentId]?.status !== a.status) this.regrant(a.recordId);
        break;
      }
    }
  }

  /** The record's grantees are the active participants of every case its holder consented to share it in; its index rows follow. */
  private regrant(recordId: string): void {
    this.stmt.dropGrants.run(recordId);
    this.stmt.grant.run({ record: recordId });
    this.visibility.reindex(recordId);
  }
}

const FAMILY_WORDS: Record<string, string> = { SEIZURE: 'a seizure', STOCKPILE_LOSS: 'a stockpile loss', TRACE: 'a tracing request' };

/** A timeline entry in words: who did what, never a record's content (a participant may not see it). */
function summaryOf(event: EventOf<CaseEventType>): string {
  const by = event.originator.agency;
  switch (event.type) {
    case 'CaseOpened':
      return `${by} opened the case`;
    case 'CaseInvitationSent':
      return `${by} invited ${event.data.agency}`;
    case 'CaseInvitationAnswered':
      return `${by} ${event.data.accept ? 'accepted' : 'declined'} the invitation`;
    case 'CaseLeft':
      return `${by} left the case`;
    case 'RecordAttachedToCase': {
      const { record, status } = event.data;
      const held = record.holder === by ? 'of its own' : `held by ${record.holder}`;
      return `${by} attached ${FAMILY_WORDS[record.family]} ${held}${status === 'AWAITING_CONSENT' ? `; ${record.holder}'s consent is asked` : ''}`;
    }
    case 'CaseNoteAdded':
      return `${by} added a note`;
    case 'CaseShareDecided':
      return `${by} ${event.data.grant ? 'granted' : 'refused'} a share request`;
    case 'CaseShareWithdrawn':
      return `${by} withdrew a shared record`;
  }
}

/** What a timeline entry refers to: the invitee, the attachment, the note. */
function refOf(event: EventOf<CaseEventType>): string | null {
  switch (event.type) {
    case 'CaseInvitationSent':
      return event.data.agency;
    case 'RecordAttachedToCase':
    case 'CaseShareDecided':
    case 'CaseShareWithdrawn':
      return event.data.attachmentId;
    case 'CaseNoteAdded':
      return event.data.noteId;
    default:
      return null;
  }
}
