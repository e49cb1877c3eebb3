import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type HubStack } from '../support/hubStack';
import { until } from '../support/processes';

/**
 * Tracing requests through the hub's API, in process, over a real
 * nats-server and SQLite files (ADR 10): every act goes hub → the officer's
 * own agency service → JetStream → the hub, checked again by the same
 * rules; an overdue trace is escalated by the hub's own timer, signed by the
 * requester's service, without any request arriving.
 */
let stack: HubStack;
beforeAll(async () => {
  // Urgent answers are due within 2 seconds here, so a trace goes overdue while the test watches.
  stack = await startHubStack('traces', { traceEnv: { TB_TRACE_DEADLINE_URGENT: 'PT2S' }, escalationIntervalMs: 200 });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId } }';
async function ghSeizure(item: Record<string, unknown>): Promise<{ seizureId: string; itemId: string }> {
  const input = {
    clientReference: randomUUID(),
    occurredAt: '2026-11-20T09:30:00Z',
    location: { country: 'GH', place: 'Aflao', kind: 'LAND_BORDER' },
    items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: `TR-${randomUUID().slice(0, 8)}`, countryOfManufacture: 'AT', ...item }],
    handling: { tlp: 'GREEN' },
  };
  const seizureId = ok(await stack.service<{ reportCustomsSeizure: { seizureId: string } }>('customs', 'GH-CUSTOMS', REPORT, { i: input })).reportCustomsSeizure.seizureId;
  await stack.projection.waitForSeizure(seizureId, 10_000);
  const itemId = ok(await stack.hub<{ seizure: { items: { id: string }[] } }>('TG-POLICE', 'query($id: ID!) { seizure(id: $id) { items { id } } }', { id: seizureId })).seizure
    .items[0]!.id;
  return { seizureId, itemId };
}

const TRACE_FIELDS =
  'id status priority overdue deadline addressedState requester { id } pointOfContact { id } seizure { id } item { manufacturer model } findings { lastLegalHolder comments } escalatedTo { id }';
type Trace = {
  id: string;
  status: string;
  overdue: boolean;
  pointOfContact: { id: string };
  seizure: { id: string } | null;
  findings: { lastLegalHolder: string } | null;
  escalatedTo: { id: string } | null;
};
const request = (as: string, input: Record<string, unknown>) =>
  stack.hub<{ requestTrace: Trace }>(as, `mutation($i: TraceRequestInput!) { requestTrace(input: $i) { ${TRACE_FIELDS} } }`, { i: input });
const traceAs = async (as: string, id: string) => ok(await stack.hub<{ trace: Trace | null }>(as, `query($id: ID!) { trace(id: $id) { ${TRACE_FIELDS} } }`, { id })).trace;
const complete = {
  basis: 'OTHER',
  priority: 'ROUTINE',
  circumstances: 'Found under a bus seat at Aflao',
  illicitReason: 'No licence, no import record',
  intendedUse: 'Criminal investigation',
};

describe('tracing requests', () => {
  it('refuses to pass on a seizure seen only through a case grant: its markings are not the requester’s to send', async () => {
    const amber = ok(
      await stack.service<{ reportCustomsSeizure: { seizureId: string } }>('customs', 'GH-CUSTOMS', REPORT, {
        i: {
          clientReference: randomUUID(),
          occurredAt: '2026-11-20T09:30:00Z',
          location: { country: 'GH', place: 'Aflao', kind: 'LAND_BORDER' },
          items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', model: '17', serialNumber: `GR-${randomUUID().slice(0, 8)}` }],
          handling: { tlp: 'AMBER' },
        },
      }),
    ).reportCustomsSeizure.seizureId;
    await stack.projection.waitForSeizure(amber, 10_000);
    const c = ok(
      await stack.hub<{ openCase: { id: string } }>('GH-CUSTOMS', 'mutation($i: CaseInput!) { openCase(input: $i) { id } }', {
        i: { title: 'Shared pistols', summary: 'Glock pistols', handling: { tlp: 'AMBER', releasableTo: ['TG-POLICE'] } },
      }),
    ).openCase.id;
    ok(await stack.hub('GH-CUSTOMS', 'mutation($c: ID!) { inviteToCase(caseId: $c, agencyId: "TG-POLICE") { id } }', { c }));
    ok(await stack.hub('TG-POLICE', 'mutation($c: ID!) { respondToCaseInvitation(caseId: $c, accept: true) { id } }', { c }));
    ok(await stack.hub('GH-CUSTOMS', 'mutation($c: ID!, $r: ID!) { attachToCase(caseId: $c, recordId: $r) { status } }', { c, r: amber }));
    const items = ok(await stack.hub<{ seizure: { items: { id: string }[] } | null }>('TG-POLICE', 'query($id: ID!) { seizure(id: $id) { items { id } } }', { id: amber })).seizure;
    expect(items).not.toBeNull();
    const refused = await request('TG-POLICE', { seizureId: amber, itemId: items!.items[0]!.id, addressedState: 'BF', ...complete });
    expect(refused.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_NOT_ORIGINATOR');
    expect(ok(await stack.hub<{ traces: { totalCount: number } }>('BF-BORDER', '{ traces { totalCount } }')).traces.totalCount).toBe(0);
  });

  it('refuses an incomplete request naming every missing field at once, and a state without a point of contact', async () => {
    const { seizureId, itemId } = await ghSeizure({});
    const r = await request('TG-POLICE', { seizureId, itemId, addressedState: 'GH', basis: 'LAST_LEGAL_IMPORT', priority: 'URGENT' });
    expect(r.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_TRACE_REQUEST_INCOMPLETE');
    const issues = (r.errors?.[0]?.extensions as { issues?: { path: string[] }[] }).issues!.map((i) => i.path.join('.'));
    expect(issues).toEqual(['input.urgencyReason', 'input.circumstances', 'input.illicitReason', 'input.intendedUse', 'input.item.model', 'input.item.importMarking']);
    const nobody = await request('TG-POLICE', { seizureId, itemId, addressedState: 'FR', ...complete });
    expect(nobody.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_NO_POINT_OF_CONTACT');
  });

  it('goes SENT → ACKNOWLEDGED → ANSWERED, answered by the addressed point of contact only, seen by the requester, the addressed state and the region only', async () => {
    const { seizureId, itemId } = await ghSeizure({ model: '17' });
    const sent = ok(await request('TG-POLICE', { seizureId, itemId, addressedState: 'GH', ...complete })).requestTrace;
    expect(sent).toMatchObject({ status: 'SENT', overdue: false, pointOfContact: { id: 'GH-POLICE' }, seizure: { id: seizureId } });
    for (const agency of ['TG-POLICE', 'GH-POLICE', 'GH-CUSTOMS', 'GH-BORDER', 'WA-LIAISON']) expect(await traceAs(agency, sent.id), agency).not.toBeNull();
    for (const agency of ['TG-CUSTOMS', 'BF-BORDER']) expect(await traceAs(agency, sent.id), agency).toBeNull();

    const notPoc = await stack.hub('GH-CUSTOMS', 'mutation($id: ID!) { acknowledgeTrace(id: $id) { status } }', { id: sent.id });
    expect(notPoc.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_NOT_TRACE_POINT_OF_CONTACT');
    expect(
      ok(await stack.hub<{ acknowledgeTrace: Trace }>('GH-POLICE', 'mutation($id: ID!) { acknowledgeTrace(id: $id) { status } }', { id: sent.id })).acknowledgeTrace.status,
    ).toBe('ACKNOWLEDGED');
    const answered = await stack.hub<{ answerTrace: Trace }>('GH-POLICE', 'mutation($id: ID!, $f: TraceFindingsInput!) { answerTrace(id: $id, findings: $f) { status } }', {
      id: sent.id,
      f: { lastLegalHolder: 'Licensed dealer, Kumasi', comments: 'Sold 2019' },
    });
    expect(ok(answered).answerTrace.status).toBe('ANSWERED');
    expect((await traceAs('TG-POLICE', sent.id))!.findings).toMatchObject({ lastLegalHolder: 'Licensed dealer, Kumasi' });
    const mine = ok(
      await stack.hub<{ traces: { totalCount: number; nodes: { id: string }[] } }>('GH-POLICE', '{ traces(role: ADDRESSED, status: ANSWERED) { totalCount nodes { id } } }'),
    );
    expect(mine.traces.nodes.map((n) => n.id)).toContain(sent.id);
  });

  it('escalates an overdue trace to the region’s liaison point by itself, and shows its lifecycle in the case it belongs to', async () => {
    const open = await stack.hub<{ openCase: { id: string } }>('TG-POLICE', 'mutation($i: CaseInput!) { openCase(input: $i) { id } }', {
      i: { title: 'Aflao pistols', summary: 'Glock pistols crossing at Aflao', handling: { tlp: 'AMBER', releasableTo: ['GH-POLICE'] } },
    });
    const caseId = ok(open).openCase.id;
    // TG-CUSTOMS takes part in the case but is neither the requester, nor of the addressed state, nor a liaison point.
    ok(await stack.hub('TG-POLICE', 'mutation($c: ID!) { inviteToCase(caseId: $c, agencyId: "TG-CUSTOMS") { id } }', { c: caseId }));
    ok(await stack.hub('TG-CUSTOMS', 'mutation($c: ID!) { respondToCaseInvitation(caseId: $c, accept: true) { id } }', { c: caseId }));
    const { seizureId, itemId } = await ghSeizure({ model: '19' });
    const urgent = { ...complete, priority: 'URGENT', urgencyReason: 'Suspect in custody for 48 hours' };
    const sent = ok(await request('TG-POLICE', { seizureId, itemId, addressedState: 'GH', caseId, ...urgent })).requestTrace;
    expect(sent.escalatedTo).toBeNull();
    // Nobody asks: the hub's timer finds the trace overdue and the requester's service signs the escalation.
    await until(async () => (await traceAs('TG-POLICE', sent.id))?.escalatedTo?.id === 'WA-LIAISON', 15_000, 'the overdue trace to be escalated');
    expect((await traceAs('WA-LIAISON', sent.id))!).toMatchObject({ overdue: true, status: 'SENT' });
    const region = ok(await stack.hub<{ traces: { nodes: { id: string }[] } }>('WA-LIAISON', '{ traces(role: REGION, overdue: true) { nodes { id } } }'));
    expect(region.traces.nodes.map((n) => n.id)).toContain(sent.id);
    const timeline = ok(
      await stack.hub<{ case: { timeline: { type: string; summary: string }[]; traces: { id: string }[] } }>(
        'TG-POLICE',
        'query($id: ID!) { case(id: $id) { timeline { type summary } traces { id } } }',
        { id: caseId },
      ),
    ).case;
    expect(timeline.timeline.map((e) => e.type)).toEqual(['CaseOpened', 'CaseInvitationSent', 'CaseInvitationAnswered', 'TraceRequested', 'TraceEscalated']);
    expect(timeline.timeline[4]!.summary).toBe('a tracing request is overdue; TG-POLICE escalated it to WA-LIAISON');
    expect(timeline.traces).toEqual([{ id: sent.id }]);
    // A participant who may not see the trace sees none of its acts in the case either.
    const other = ok(
      await stack.hub<{ case: { timeline: { type: string }[]; traces: unknown[] } }>('TG-CUSTOMS', 'query($id: ID!) { case(id: $id) { timeline { type } traces { id } } }', {
        id: caseId,
      }),
    ).case;
    expect(other.traces).toEqual([]);
    expect(other.timeline.map((e) => e.type)).toEqual(['CaseOpened', 'CaseInvitationSent', 'CaseInvitationAnswered']);
  });
});
