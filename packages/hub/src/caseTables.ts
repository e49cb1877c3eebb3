/**
 * The hub's case tables (ADR 9), all rebuildable from the participants'
 * events. `cases.state` is the case as the decider sees it; the other
 * tables index it for the views: members for "my cases", attachments for
 * share requests and grants, notes, and one timeline in arrival order.
 * `record_grants` is what the policy reads: the agencies a record's holder
 * has consented to show it to, through a case (its active participants).
 */
export const caseTablesSql = `
  CREATE TABLE IF NOT EXISTS cases (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    opener_agency TEXT NOT NULL, opener_state TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
    handling TEXT NOT NULL, opened_at TEXT NOT NULL, state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS case_members (
    case_id TEXT NOT NULL, agency TEXT NOT NULL, status TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (case_id, agency)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_members_agency ON case_members (agency, status, case_id);
  CREATE TABLE IF NOT EXISTS case_attachments (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, record_id TEXT NOT NULL, family TEXT NOT NULL, holder TEXT NOT NULL,
    attached_by TEXT NOT NULL, status TEXT NOT NULL, requested INTEGER NOT NULL, seq INTEGER NOT NULL,
    reason TEXT, decided_at TEXT) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_attachments_case ON case_attachments (case_id, seq);
  CREATE INDEX IF NOT EXISTS case_attachments_holder ON case_attachments (holder, requested, seq);
  CREATE INDEX IF NOT EXISTS case_attachments_record ON case_attachments (record_id);
  CREATE TABLE IF NOT EXISTS case_notes (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, author_agency TEXT NOT NULL, author_state TEXT NOT NULL,
    text TEXT NOT NULL, handling TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_notes_case ON case_notes (case_id, at);
  CREATE TABLE IF NOT EXISTS case_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, event_id TEXT NOT NULL,
    type TEXT NOT NULL, agency TEXT NOT NULL, at TEXT NOT NULL, ref TEXT, summary TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, seq);`;

export const CASE_TABLES = ['cases', 'case_members', 'case_attachments', 'case_notes', 'case_events', 'record_grants'] as const;

export interface CaseRow {
  seq: number;
  id: string;
  opener_agency: string;
  opener_state: string;
  title: string;
  summary: string;
  handling: string;
  opened_at: string;
  state: string;
}

export interface AttachmentRow {
  id: string;
  case_id: string;
  record_id: string;
  family: string;
  holder: string;
  attached_by: string;
  status: string;
  requested: number;
  seq: number;
  reason: string | null;
  decided_at: string | null;
}

export interface NoteRow {
  id: string;
  case_id: string;
  author_agency: string;
  author_state: string;
  text: string;
  handling: string;
  at: string;
}

export interface TimelineRow {
  seq: number;
  case_id: string;
  event_id: string;
  type: string;
  agency: string;
  at: string;
  ref: string | null;
  summary: string;
}
