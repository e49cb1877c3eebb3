/** One entry of the case's timeline as the API gives it. */
export interface TimelineAct {
  at: string;
  agency: { id: string };
  type: string;
  summary: string;
}

/** A note as the API gives it. */
export interface TimelineNote {
  id: string;
  at: string;
  author: { id: string };
  text: string;
}

export interface TimelineItem {
  key: string;
  at: string;
  agency: string;
  /** The act's type (CaseOpened, RecordAttachedToCase, …); `CaseNoteAdded` for a note. */
  type: string;
  /** The API's words for the act, or the note's text. */
  text: string;
  note: boolean;
}

/**
 * One timeline for the case page: the case's acts and its notes, by time. The API's timeline names a note
 * (`CaseNoteAdded`) without its text; each such entry becomes the note itself (same author, same time), and a
 * note the timeline does not name is added. Entries at the same time keep the hub's order. Pure.
 */
export function caseTimeline(acts: readonly TimelineAct[], notes: readonly TimelineNote[]): TimelineItem[] {
  const unused = new Map(notes.map((n) => [n.id, n]));
  const items: TimelineItem[] = acts.map((act, i) => {
    if (act.type === 'CaseNoteAdded') {
      const note = [...unused.values()].find((n) => n.author.id === act.agency.id && Date.parse(n.at) === Date.parse(act.at));
      if (note) {
        unused.delete(note.id);
        return { key: `note-${note.id}`, at: note.at, agency: note.author.id, type: act.type, text: note.text, note: true };
      }
    }
    return { key: `act-${i}`, at: act.at, agency: act.agency.id, type: act.type, text: act.summary, note: false };
  });
  for (const n of unused.values()) items.push({ key: `note-${n.id}`, at: n.at, agency: n.author.id, type: 'CaseNoteAdded', text: n.text, note: true });
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || a.i - b.i)
    .map(({ item }) => item);
}
