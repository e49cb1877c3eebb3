import { randomUUID } from 'node:crypto';
import { createUnsignedEnvelope, decodeEvent } from '@tracebridge/contracts';
import { signEvent } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type GqlResult, type HubStack } from '../support/hubStack';

/**
 * Cross-border cases through the hub's API, in process, over a real
 * nats-server and SQLite files (ADR 9): every act goes hub → the officer's
 * own agency service (decided, signed, stored) → JetStream → the hub's
 * consumer (checked by the same rules) → the views.
 */
let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack('cases');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId } }';
let serial = 0;
/** GH-CUSTOMS reports a seizure and the hub has it. */
async function ghCustomsSeizure(handling: Record<string, unknown>): Promise<string> {
  const input = {
    clientReference: randomUUID(),
    occurredAt: '2026-11-20T09:30:00Z',
    location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
    items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `CASE-${++serial}-${randomUUID().slice(0, 6)}` }],
    persons: [{ role: 'driver', name: 'Kwame Asante', nationality: 'GH', documentNumber: 'G1234567' }],
    handling,
  };
  const r = await stack.service<{ reportCustomsSeizure: { seizureId: string } }>('customs', 'GH-CUSTOMS', REPORT, { i: input });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  const id = r.data!.reportCustomsSeizure.seizureId;
  await stack.projection.waitForSeizure(id, 10_000);
  return id;
}

const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions.tbCode;

const CASE_FIELDS =
  'id title participants { agency { id } status } attachments { id status record { ... on Seizure { id persons { name redacted } } } holder { id } } notes { text } timeline { agency { id } type summary }';
type CaseView = {
  id: string;
  participants: { agency: { id: string }; status: string }[];
  attachments: { id: string; status: string; record: { id: string; persons: { name: string | null; redacted: boolean }[] } | null; holder: { id: string } }[];
  notes: { text: string }[];
  timeline: { agency: { id: string }; type: string; summary: string }[];
};
const caseOf = async (agency: string, id: string) => ok(await stack.hub<{ case: CaseView | null }>(agency, `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id })).case;
const sees = async (agency: string, id: string) =>
  ok(await stack.hub<{ seizure: { id: string } | null }>(agency, 'query($id: ID!) { seizure(id: $id) { id } }', { id })).seizure !== null;

async function openCase(by: string, handling: Record<string, unknown>): Promise<string> {
  const r = await stack.hub<{ openCase: CaseView }>(by, `mutation($i: CaseInput!) { openCase(input: $i) { ${CASE_FIELDS} } }`, {
    i: { title: 'Glock pistols through Aflao', summary: 'Pistols seized at Tema, bought in Lomé', handling },
  });
  return ok(r).openCase.id;
}
const invite = (by: string, caseId: string, agencyId: string) =>
  stack.hub(by, 'mutation($c: ID!, $a: ID!) { inviteToCase(caseId: $c, agencyId: $a) { id } }', { c: caseId, a: agencyId });
const answer = (by: string, caseId: string, accept: boolean) =>
  stack.hub(by, 'mutation($c: ID!, $y: Boolean!) { respondToCaseInvitation(caseId: $c, accept: $y) { id } }', { c: caseId, y: accept });
const attach = (by: string, caseId: string, recordId: string) =>
  stack.hub<{ attachToCase: { id: string; status: string; record: { id: string } | null; holder: { id: string } } }>(
    by,
    'mutation($c: ID!, $r: ID!) { attachToCase(caseId: $c, recordId: $r) { id status record { ... on Seizure { id } } holder { id } } }',
    { c: caseId, r: recordId },
  );

describe('cross-border cases', () => {
  let caseId: string;
  it('opens a case whose own handling limits who may be invited, and lets only its opener invite', async () => {
    caseId = await openCase('TG-POLICE', { tlp: 'AMBER', releasableTo: ['GH-CUSTOMS', 'GH-POLICE'] });
    expect((await caseOf('TG-POLICE', caseId))!.participants).toEqual([{ agency: { id: 'TG-POLICE' }, status: 'ACTIVE' }]);
    ok(await invite('TG-POLICE', caseId, 'GH-CUSTOMS'));
    ok(await invite('TG-POLICE', caseId, 'GH-POLICE'));
    // AMBER of TG, released to two Ghanaian agencies: Burkina Faso's border police may not see it, so may not be invited.
    const refused = await invite('TG-POLICE', caseId, 'BF-BORDER');
    expect(codeOf(refused)).toBe('TB_ERR_CASE_HANDLING_EXCLUDES');
    expect(refused.errors?.[0]?.extensions.path).toEqual(['agencyId']);
    expect(codeOf(await invite('GH-CUSTOMS', caseId, 'TG-CUSTOMS'))).toBe('TB_ERR_NOT_CASE_OPENER');
    // An agency never invited does not learn the case exists.
    expect(await caseOf('BF-BORDER', caseId)).toBeNull();
    expect(codeOf(await answer('BF-BORDER', caseId, true))).toBe('TB_ERR_CASE_NOT_FOUND');
    // The invited see what they need to decide, not the case's content.
    const invited = await caseOf('GH-CUSTOMS', caseId);
    expect(invited!.participants.find((p) => p.agency.id === 'GH-CUSTOMS')!.status).toBe('INVITED');
    expect(invited!.timeline).toEqual([]);
    ok(await answer('GH-CUSTOMS', caseId, true));
    ok(await answer('GH-POLICE', caseId, true));
    expect((await caseOf('TG-POLICE', caseId))!.participants.map((p) => p.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });

  it('asks the holder before a record reaches participants who may not see it; a grant shows it to them, never its persons; a withdrawal hides it at once', async () => {
    const amber = await ghCustomsSeizure({ tlp: 'AMBER' });
    // TG-POLICE may not see GH-CUSTOMS' AMBER seizure: to it, the record does not exist.
    expect(codeOf(await attach('TG-POLICE', caseId, amber))).toBe('TB_ERR_SEIZURE_NOT_FOUND');
    const attached = ok(await attach('GH-POLICE', caseId, amber)).attachToCase;
    expect(attached).toMatchObject({ status: 'AWAITING_CONSENT', holder: { id: 'GH-CUSTOMS' } });
    expect((await caseOf('TG-POLICE', caseId))!.attachments).toEqual([{ id: attached.id, status: 'AWAITING_CONSENT', record: null, holder: { id: 'GH-CUSTOMS' } }]);
    expect(await sees('TG-POLICE', amber)).toBe(false);

    const pending = ok(
      await stack.hub<{ shareRequests: { id: string; requestedBy: { id: string }; case: { id: string } }[] }>(
        'GH-CUSTOMS',
        '{ shareRequests(status: PENDING) { id requestedBy { id } case { id } } }',
      ),
    );
    expect(pending.shareRequests).toEqual([{ id: attached.id, requestedBy: { id: 'GH-POLICE' }, case: { id: caseId } }]);
    // Only the holder decides: another participant's request for it does not exist for them.
    expect(codeOf(await stack.hub('TG-POLICE', 'mutation($id: ID!) { decideShareRequest(id: $id, grant: true) { id } }', { id: attached.id }))).toBe('TB_ERR_ATTACHMENT_NOT_FOUND');

    const decided = ok(
      await stack.hub<{ decideShareRequest: { status: string } }>(
        'GH-CUSTOMS',
        'mutation($id: ID!) { decideShareRequest(id: $id, grant: true, reason: "joint operation") { status } }',
        { id: attached.id },
      ),
    );
    expect(decided.decideShareRequest.status).toBe('GRANTED');
    expect(await sees('TG-POLICE', amber)).toBe(true);
    const shared = (await caseOf('TG-POLICE', caseId))!.attachments[0]!;
    expect(shared.record!.id).toBe(amber);
    expect(shared.record!.persons).toEqual([{ name: null, redacted: true }]);
    // The grant is for the case's participants only.
    expect(await sees('BF-BORDER', amber)).toBe(false);
    expect(await sees('TG-CUSTOMS', amber)).toBe(false);

    const withdrawn = ok(
      await stack.hub<{ withdrawShare: { status: string } }>('GH-CUSTOMS', 'mutation($id: ID!) { withdrawShare(requestId: $id) { status } }', { id: attached.id }),
    );
    expect(withdrawn.withdrawShare.status).toBe('WITHDRAWN');
    expect(await sees('TG-POLICE', amber)).toBe(false);
    expect((await caseOf('TG-POLICE', caseId))!.attachments[0]).toMatchObject({ status: 'WITHDRAWN', record: null });
  });

  it('takes the holder attaching its own record as consent, and ends the grant for a participant who leaves', async () => {
    const red = await ghCustomsSeizure({ tlp: 'RED' });
    expect(ok(await attach('GH-CUSTOMS', caseId, red)).attachToCase.status).toBe('SHARED');
    expect(await sees('TG-POLICE', red)).toBe(true);
    expect(await sees('GH-POLICE', red)).toBe(true);
    ok(await stack.hub('GH-POLICE', 'mutation($c: ID!) { leaveCase(caseId: $c) { id } }', { c: caseId }));
    expect(await sees('GH-POLICE', red)).toBe(false);
    expect(await caseOf('GH-POLICE', caseId)).toBeNull();
    expect(await sees('TG-POLICE', red)).toBe(true);
  });

  it('asks consent for an H2 record even when every participant could see it', async () => {
    const h2 = await ghCustomsSeizure({ tlp: 'GREEN', code: 'H2' });
    expect(await sees('TG-POLICE', h2)).toBe(true);
    expect(ok(await attach('TG-POLICE', caseId, h2)).attachToCase.status).toBe('AWAITING_CONSENT');
    const green = await ghCustomsSeizure({ tlp: 'GREEN' });
    expect(ok(await attach('TG-POLICE', caseId, green)).attachToCase.status).toBe('SHARED');
  });

  it('keeps one timeline of every participant’s acts, in order, and shows notes to the active participants', async () => {
    const note = await stack.hub<{ addCaseNote: { text: string; author: { id: string } } }>(
      'TG-POLICE',
      'mutation($c: ID!, $i: CaseNoteInput!) { addCaseNote(caseId: $c, input: $i) { text author { id } } }',
      { c: caseId, i: { text: 'Buyer met the courier in Lomé', handling: { tlp: 'RED' } } },
    );
    expect(ok(note).addCaseNote).toEqual({ text: 'Buyer met the courier in Lomé', author: { id: 'TG-POLICE' } });
    const view = (await caseOf('GH-CUSTOMS', caseId))!;
    expect(view.notes).toEqual([{ text: 'Buyer met the courier in Lomé' }]);
    expect(view.timeline.map((e) => `${e.agency.id} ${e.type}`)).toEqual([
      'TG-POLICE CaseOpened',
      'TG-POLICE CaseInvitationSent',
      'TG-POLICE CaseInvitationSent',
      'GH-CUSTOMS CaseInvitationAnswered',
      'GH-POLICE CaseInvitationAnswered',
      'GH-POLICE RecordAttachedToCase',
      'GH-CUSTOMS CaseShareDecided',
      'GH-CUSTOMS CaseShareWithdrawn',
      'GH-CUSTOMS RecordAttachedToCase',
      'GH-POLICE CaseLeft',
      'TG-POLICE RecordAttachedToCase',
      'TG-POLICE RecordAttachedToCase',
      'TG-POLICE CaseNoteAdded',
    ]);
    // Summaries name who did what, never a record's content.
    expect(view.timeline[5]!.summary).toBe("GH-POLICE attached a seizure held by GH-CUSTOMS; GH-CUSTOMS's consent is asked");
    const listed = ok(await stack.hub<{ cases: { totalCount: number; nodes: { id: string }[] } }>('GH-CUSTOMS', '{ cases(first: 10) { totalCount nodes { id } } }'));
    expect(listed.cases).toEqual({ totalCount: 1, nodes: [{ id: caseId }] });
    expect(ok(await stack.hub<{ cases: { totalCount: number } }>('GH-POLICE', '{ cases { totalCount } }')).cases.totalCount).toBe(0);
  });

  it('audits every participant’s read of the case for its opener, and shows every viewer what a record’s handling code asks', async () => {
    const reads = ok(
      await stack.hub<{ readsOfMyRecords: { reader: { id: string } }[] }>(
        'TG-POLICE',
        'query($r: ID!) { readsOfMyRecords(recordId: $r) { reader { id } } }',
        { r: `case:${caseId}` },
        ['AGENCY_ADMIN'],
      ),
    ).readsOfMyRecords;
    expect(reads.map((r) => r.reader.id)).toContain('GH-CUSTOMS');
    const h3 = await ghCustomsSeizure({ tlp: 'GREEN', code: 'H3', restrictions: 'Not to be shared with the press' });
    const seen = ok(await stack.hub<{ seizure: { handling: { notice: string[] } } }>('TG-POLICE', 'query($id: ID!) { seizure(id: $id) { handling { notice } } }', { id: h3 }));
    expect(seen.seizure.handling.notice).toContain('Restrictions: Not to be shared with the press');
    // An export carries every record's notice, lists the restricted ones, and never a person's identity.
    const exported = ok(
      await stack.hub<{ exportSeizures: { csv: string; rows: number; markings: string[] } }>(
        'TG-POLICE',
        '{ exportSeizures(filter: { originator: "GH-CUSTOMS" }) { csv rows markings } }',
      ),
    ).exportSeizures;
    expect(exported.markings).toContain(`${h3}: Restrictions: Not to be shared with the press`);
    expect(exported.markings.some((m) => m.includes('no further dissemination'))).toBe(true);
    expect(exported.csv).toContain(h3);
    expect(exported.csv).not.toContain('Kwame');
    expect(exported.csv.trim().split('\r\n')).toHaveLength(exported.rows + 1);
  });

  it('refuses, at the hub, a signed act the case’s rules do not allow: a partner cannot join uninvited', async () => {
    const keys = stack.keysOf('BF-BORDER');
    const forged = await signEvent(
      createUnsignedEnvelope({
        type: 'CaseInvitationAnswered',
        streamId: `case-${caseId}`,
        originator: { agency: 'BF-BORDER', state: 'BF' },
        handling: { tlp: 'RED' },
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        data: { caseId, accept: true },
      }),
      keys.eventKey,
    );
    expect(() => stack.projection.apply(decodeEvent(forged))).toThrow(/NOT_INVITED|no open invitation/);
    expect(await caseOf('BF-BORDER', caseId)).toBeNull();
  });

  const forge = (agency: string, state: string, type: string, data: Record<string, unknown>) =>
    signEvent(
      createUnsignedEnvelope({
        type,
        streamId: `case-${caseId}`,
        originator: { agency, state },
        handling: { tlp: 'RED' },
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        data,
      } as Parameters<typeof createUnsignedEnvelope>[0]),
      stack.keysOf(agency).eventKey,
    );

  it('refuses a participant’s attachment that names itself the holder of another agency’s record (its “consent” would share it)', async () => {
    const green = await ghCustomsSeizure({ tlp: 'GREEN' });
    const claim = await forge('TG-POLICE', 'TG', 'RecordAttachedToCase', {
      caseId,
      attachmentId: randomUUID(),
      record: { id: green, family: 'SEIZURE', holder: 'TG-POLICE' },
      status: 'SHARED',
    });
    expect(() => stack.projection.apply(decodeEvent(claim))).toThrow(expect.objectContaining({ name: 'RejectedEvent', code: 'TB_ERR_RECORD_NOT_FOUND' }));
  });

  it('dead-letters an act reusing a note or attachment id, instead of failing it for a retry', async () => {
    const [attached] = (await caseOf('TG-POLICE', caseId))!.attachments;
    const reused = await forge('TG-POLICE', 'TG', 'RecordAttachedToCase', {
      caseId,
      attachmentId: attached!.id,
      record: { id: await ghCustomsSeizure({ tlp: 'GREEN' }), family: 'SEIZURE', holder: 'GH-CUSTOMS' },
      status: 'AWAITING_CONSENT',
    });
    expect(() => stack.projection.apply(decodeEvent(reused))).toThrow(expect.objectContaining({ name: 'RejectedEvent' }));
    const noteId = stack.projection.db.prepare<[], string>('SELECT id FROM case_notes LIMIT 1').pluck().get()!;
    const again = await forge('TG-POLICE', 'TG', 'CaseNoteAdded', { caseId, noteId, text: 'again' });
    expect(() => stack.projection.apply(decodeEvent(again))).toThrow(expect.objectContaining({ name: 'RejectedEvent' }));
  });

  it('asks the one policy for the case itself: an opener’s WITHHOLD hides its case from a participant', async () => {
    const policy = stack.projection.visibility.policy;
    policy.setAgreements([{ id: 'W1', effect: 'WITHHOLD', originator: 'TG-POLICE', from: 'GH-CUSTOMS' }]);
    try {
      expect(await caseOf('GH-CUSTOMS', caseId)).toBeNull();
    } finally {
      policy.setAgreements([]);
    }
    expect(await caseOf('GH-CUSTOMS', caseId)).not.toBeNull();
  });
});
