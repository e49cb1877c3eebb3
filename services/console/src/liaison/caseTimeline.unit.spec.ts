import { describe, expect, it } from 'vitest';
import { caseTimeline, type TimelineAct, type TimelineNote } from './caseTimeline';

const act = (at: string, agency: string, type: string, summary = type): TimelineAct => ({ at, agency: { id: agency }, type, summary });
const note = (id: string, at: string, author: string, text: string): TimelineNote => ({ id, at, author: { id: author }, text });

describe('caseTimeline', () => {
  it('puts each note in place of the act that added it, with its text', () => {
    const items = caseTimeline(
      [act('2026-11-20T09:00:00Z', 'WA-LIAISON', 'CaseOpened'), act('2026-11-20T10:00:00Z', 'GH-CUSTOMS', 'CaseNoteAdded', 'a note was added')],
      [note('n1', '2026-11-20T10:00:00.000Z', 'GH-CUSTOMS', 'Container seen at Aflao')],
    );
    expect(items.map((i) => [i.type, i.agency, i.text, i.note])).toEqual([
      ['CaseOpened', 'WA-LIAISON', 'CaseOpened', false],
      ['CaseNoteAdded', 'GH-CUSTOMS', 'Container seen at Aflao', true],
    ]);
  });

  it('adds notes the timeline does not name, by time', () => {
    const items = caseTimeline(
      [act('2026-11-20T09:00:00Z', 'WA-LIAISON', 'CaseOpened'), act('2026-11-20T11:00:00Z', 'WA-LIAISON', 'RecordAttachedToCase')],
      [note('n1', '2026-11-20T10:00:00Z', 'WA-LIAISON', 'first lead')],
    );
    expect(items.map((i) => i.text)).toEqual(['CaseOpened', 'first lead', 'RecordAttachedToCase']);
  });

  it('keeps the hub order for acts at the same time, and an unmatched note act as it is', () => {
    const at = '2026-11-20T09:00:00Z';
    const items = caseTimeline([act(at, 'A', 'CaseInvitationSent', 'one'), act(at, 'A', 'CaseInvitationSent', 'two'), act(at, 'B', 'CaseNoteAdded', 'hidden')], []);
    expect(items.map((i) => i.text)).toEqual(['one', 'two', 'hidden']);
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
  });
});
