import type { Handling, Tlp } from '@tracebridge/contracts';
import type { CaseState } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import type { AgencyDirectory, HubPolicy } from './access';
import type { ReadAudit } from './audit';
import type { AttachmentRow, CaseRow, NoteRow, TimelineRow } from './caseTables';
import type { LiaisonProjection } from './projection';
import { handlingView, type createSeizureViews } from './seizureViews';
import type { TraceViews } from './traceViews';

/** How much of a case a viewer gets: all of it (active participant), or what an invitee needs to decide (and what one who left or declined last saw). */
export type CaseAccess = 'ACTIVE' | 'HEADER';

const SHARE_STATUS: Record<string, string> = { AWAITING_CONSENT: 'PENDING', SHARED: 'GRANTED', REFUSED: 'REFUSED', WITHDRAWN: 'WITHDRAWN' };
export const shareStatusFilter = (status: string): string => Object.entries(SHARE_STATUS).find(([, s]) => s === status)?.[0] ?? status;

const handlingOf = (h: Partial<Handling> & { tlp: Tlp }, provider: string) => {
  const full = {
    tlp: h.tlp,
    code: h.code ?? 'H0',
    reliability: h.reliability ?? 'X',
    accuracy: h.accuracy ?? 4,
    releasableTo: h.releasableTo ?? [],
    ...(h.restrictions ? { restrictions: h.restrictions } : {}),
  };
  return { ...handlingView(full, provider), restrictions: h.restrictions ?? null };
};

/**
 * Cases as each viewer may see them, under the one policy: a case is a
 * record of the agency that opened it, shown to its invited and active
 * participants (its grantees) unless the opener withholds it from them; a
 * note is a record of its author shown to the active participants; an
 * attached record shows only when shared and when the viewer may see it —
 * by its handling, an agreement, or its holder's grant to this case.
 */
export class CaseViews {
  private readonly stmt;
  constructor(
    private readonly d: {
      projection: LiaisonProjection;
      policy: HubPolicy;
      directory: AgencyDirectory;
      seizures: ReturnType<typeof createSeizureViews>;
      traces: TraceViews;
      audit: ReadAudit;
    },
  ) {
    const db = d.projection.db;
    this.stmt = {
      caseRow: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
      attachments: db.prepare<[string], AttachmentRow>('SELECT * FROM case_attachments WHERE case_id = ? ORDER BY seq'),
      attachment: db.prepare<[string], AttachmentRow>('SELECT * FROM case_attachments WHERE id = ?'),
      notes: db.prepare<[string], NoteRow>('SELECT * FROM case_notes WHERE case_id = ? ORDER BY at, id'),
      note: db.prepare<[string], NoteRow>('SELECT * FROM case_notes WHERE id = ?'),
      timeline: db.prepare<[string], TimelineRow>('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq'),
      casesOf: db.prepare<[string], CaseRow>(
        `SELECT c.* FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.agency = ? AND m.status IN ('INVITED', 'ACTIVE') ORDER BY c.seq DESC`,
      ),
      requestsOf: db.prepare<[{ holder: string; status: string | null }], AttachmentRow>(
        'SELECT * FROM case_attachments WHERE holder = @holder AND requested = 1 AND (@status IS NULL OR status = @status) ORDER BY seq DESC LIMIT 500',
      ),
    };
  }

  caseRow(id: string): CaseRow | undefined {
    return this.stmt.caseRow.get(id);
  }

  attachment(id: string): AttachmentRow | undefined {
    return this.stmt.attachment.get(id);
  }

  note(id: string): NoteRow | undefined {
    return this.stmt.note.get(id);
  }

  /** The viewer's cases, newest first, with the access each gives (a viewer has tens, not thousands). */
  casesOf(agency: string): { row: CaseRow; access: CaseAccess }[] {
    return this.stmt.casesOf.all(agency).flatMap((row) => {
      const access = this.accessTo(row, agency);
      return access ? [{ row, access }] : [];
    });
  }

  shareRequestsOf(agency: string, status: string | null): AttachmentRow[] {
    return this.stmt.requestsOf.all({ holder: agency, status });
  }

  /** What the viewer's agency may see of the case, asked of the policy: the case's grantees are its invited and active participants. */
  accessTo(row: CaseRow | undefined, agency: string): CaseAccess | null {
    if (!row) return null;
    const state = stateOf(row);
    const status = state.participants[agency];
    if (status !== 'ACTIVE' && status !== 'INVITED') return null;
    const h = JSON.parse(row.handling) as Handling;
    const record = {
      originator: { agency: row.opener_agency, state: row.opener_state },
      family: 'CASE' as const,
      handling: { tlp: h.tlp, releasableTo: h.releasableTo },
      grantees: members(state, 'INVITED', 'ACTIVE'),
    };
    if (this.d.policy.levelFor(agency, record) !== 'VIEW') return null;
    return status === 'ACTIVE' ? 'ACTIVE' : 'HEADER';
  }

  /** A note is a record of its author, shown to the case's active participants (its grantees) under the one policy. */
  private noteVisible(n: NoteRow, state: CaseState, agency: string): boolean {
    const h = JSON.parse(n.handling) as Handling;
    const record = {
      originator: { agency: n.author_agency, state: n.author_state },
      family: 'CASE' as const,
      handling: { tlp: h.tlp, releasableTo: h.releasableTo },
      grantees: members(state, 'ACTIVE'),
    };
    return this.d.policy.levelFor(agency, record) === 'VIEW';
  }

  /** The record itself, if the viewer may see it now (by its handling, an agreement or a grant); null otherwise. */
  private seizureFor(recordId: string, family: string, officer: Officer, context: object) {
    const row = family === 'SEIZURE' ? this.d.projection.seizure(recordId) : undefined;
    return this.d.seizures.visible(row, officer) ? { __typename: 'Seizure', ...this.d.seizures.toSeizure(row, officer, context) } : null;
  }

  attachmentDto(a: AttachmentRow, officer: Officer, context: object) {
    return {
      id: a.id,
      status: a.status,
      family: a.family,
      // Until its holder consents (or after it withdraws), participants learn who holds it, nothing of its content.
      record: () => (a.status === 'SHARED' ? this.seizureFor(a.record_id, a.family, officer, context) : null),
      holder: this.d.directory.holderDto(a.holder),
      attachedBy: this.d.directory.holderDto(a.attached_by),
    };
  }

  noteDto(n: NoteRow) {
    return { id: n.id, author: this.d.directory.holderDto(n.author_agency), text: n.text, handling: handlingOf(JSON.parse(n.handling) as Handling, n.author_agency), at: n.at };
  }

  caseDto(row: CaseRow, officer: Officer, context: object, access: CaseAccess) {
    const state = stateOf(row);
    const active = access === 'ACTIVE';
    const notes = this.visibleNotes(row.id, state, officer.agency);
    // A participant reading another agency's case is a read of a shared record: audited for the case's opener.
    if (active) this.d.audit.note(context, `case:${row.id}`, row.opener_agency, officer, 'CASE_VIEW');
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      handling: handlingOf(JSON.parse(row.handling) as Handling, row.opener_agency),
      openedBy: this.d.directory.holderDto(row.opener_agency),
      openedAt: row.opened_at,
      participants: Object.entries(state.participants).map(([agency, status]) => ({ agency: this.d.directory.holderDto(agency), status })),
      attachments: () => (active ? this.stmt.attachments.all(row.id).map((a) => this.attachmentDto(a, officer, context)) : []),
      notes: () => (active ? notes().map((n) => this.noteDto(n)) : []),
      traces: () => (active ? this.d.traces.forCase(row.id, officer, context) : []),
      timeline: () => (active ? this.timelineFor(row.id, new Set(notes().map((n) => n.id)), this.d.traces.visibleIdsOf(row.id, officer.agency)) : []),
    };
  }

  /** The notes of a case the viewer may see, each decided once per request (the notes and the timeline share them). */
  private visibleNotes(caseId: string, state: CaseState, agency: string): () => NoteRow[] {
    let seen: NoteRow[] | undefined;
    return () => (seen ??= this.stmt.notes.all(caseId).filter((n) => this.noteVisible(n, state, agency)));
  }

  /** Every act in arrival order; a note's entry only for those who may see the note, a trace's only for those who may see the trace. */
  private timelineFor(caseId: string, visibleNotes: ReadonlySet<string>, visibleTraces: ReadonlySet<string>) {
    return this.stmt.timeline
      .all(caseId)
      .filter((e) => {
        if (e.type === 'CaseNoteAdded') return e.ref !== null && visibleNotes.has(e.ref);
        if (e.type.startsWith('Trace')) return e.ref !== null && visibleTraces.has(e.ref);
        return true;
      })
      .map((e) => ({ at: e.at, agency: this.d.directory.holderDto(e.agency), type: e.type, summary: e.summary }));
  }

  shareRequestDto(a: AttachmentRow, officer: Officer, context: object) {
    const c = this.stmt.caseRow.get(a.case_id)!;
    return {
      id: a.id,
      status: SHARE_STATUS[a.status] ?? a.status,
      // The holder learns the case's title only if the case's own handling lets it see the case.
      case: { id: c.id, title: this.accessTo(c, a.holder) || this.d.projection.cases.inviteeMaySee(stateOf(c), a.holder) ? c.title : null },
      record: () => this.seizureFor(a.record_id, a.family, officer, context),
      holder: this.d.directory.holderDto(a.holder),
      requestedBy: this.d.directory.holderDto(a.attached_by),
      reason: a.reason,
    };
  }
}

const stateOf = (row: CaseRow) => JSON.parse(row.state) as CaseState;
const members = (state: CaseState, ...statuses: string[]) =>
  Object.entries(state.participants)
    .filter(([, s]) => statuses.includes(s))
    .map(([a]) => a);
