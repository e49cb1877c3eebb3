import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLResponse } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
import { report, seizureInput } from '../support/seizureReports';

/*
 * The liaison officer's walk-through (README), through the gateway, with the
 * whole network as processes: a case WA-LIAISON opens between Ghana's
 * customs and Togo's police, a record shared in it only with its holder's
 * consent, and a tracing request that goes overdue and reaches the liaison
 * point by itself. Each act crosses the gateway, the officer's own agency
 * service (regional for WA-LIAISON), the bus and the hub; the case and trace
 * tests in test/cases/ prove the same rules in process.
 */

let net: TestNetwork;

beforeAll(async () => {
  // Urgent traces are due within 3 seconds and the hub looks for overdue ones every 300 ms, so one escalates while the test waits.
  net = await startTestNetwork('tb-walk-', undefined, { TB_TRACE_DEADLINE_URGENT: 'PT3S', TB_TRACE_ESCALATION_INTERVAL_MS: '300' });
}, 120_000);

afterAll(async () => {
  await net?.close();
});

const as = <T>(agency: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => gql<T>(net.url, net.tokens[agency], query, variables);
const ok = <T>(r: GraphQLResponse<T>): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

type Persons = { name: string | null; redacted: boolean }[];
type Attachment = { id: string; status: string; record: { __typename: string; id: string; persons: Persons } | null; holder: { id: string } };
type CaseView = {
  participants: { agency: { id: string }; status: string }[];
  attachments: Attachment[];
  traces: { id: string; escalatedTo: { id: string } | null }[];
  timeline: { agency: { id: string }; type: string; summary: string }[];
};
const CASE = /* GraphQL */ `
  query ($id: ID!) {
    case(id: $id) {
      participants { agency { id } status }
      attachments { id status record { __typename ... on Seizure { id persons { name redacted } } } holder { id } }
      traces { id escalatedTo { id } }
      timeline { agency { id } type summary }
    }
  }
`;
const caseAs = async (agency: string, id: string) => ok(await as<{ case: CaseView | null }>(agency, CASE, { id })).case;
const seizureAs = async (agency: string, id: string) =>
  ok(await as<{ seizure: { id: string; persons: Persons } | null }>(agency, 'query($id: ID!) { seizure(id: $id) { id persons { name redacted } } }', { id })).seizure;

let caseId: string;
/** The case's acts, by whom, in the order they were done (each waited for before the next). */
const CASE_ACTS = [
  'WA-LIAISON CaseOpened',
  'WA-LIAISON CaseInvitationSent',
  'WA-LIAISON CaseInvitationSent',
  'GH-CUSTOMS CaseInvitationAnswered',
  'TG-POLICE CaseInvitationAnswered',
  'WA-LIAISON RecordAttachedToCase',
  'GH-CUSTOMS CaseShareDecided',
  'GH-CUSTOMS CaseShareWithdrawn',
];

describe('a liaison officer’s case, through the gateway', () => {
  let seizureId: string;
  let attachmentId: string;

  it('opens a case between Ghana’s customs and Togo’s police, and both accept', async () => {
    const opened = await as<{ openCase: { id: string; openedBy: { id: string } } }>('WA-LIAISON', 'mutation($i: CaseInput!) { openCase(input: $i) { id openedBy { id } } }', {
      i: { title: 'Glock pistols through Aflao', summary: 'Pistols seized at Tema, bought in Lomé', handling: { tlp: 'AMBER', releasableTo: ['GH-CUSTOMS', 'TG-POLICE'] } },
    });
    caseId = ok(opened).openCase.id;
    expect(opened.data!.openCase.openedBy.id).toBe('WA-LIAISON');
    for (const agency of ['GH-CUSTOMS', 'TG-POLICE'])
      ok(await as('WA-LIAISON', 'mutation($c: ID!, $a: ID!) { inviteToCase(caseId: $c, agencyId: $a) { id } }', { c: caseId, a: agency }));
    // The case's handling (AMBER of a Ghanaian agency, released to two) keeps Burkina Faso out.
    const refused = await as('WA-LIAISON', 'mutation($c: ID!, $a: ID!) { inviteToCase(caseId: $c, agencyId: $a) { id } }', { c: caseId, a: 'BF-BORDER' });
    expect(refused.errors?.[0]?.extensions?.tbCode).toBe('TB_ERR_CASE_HANDLING_EXCLUDES');
    for (const agency of ['GH-CUSTOMS', 'TG-POLICE']) ok(await as(agency, 'mutation($c: ID!) { respondToCaseInvitation(caseId: $c, accept: true) { id } }', { c: caseId }));
    expect((await caseAs('TG-POLICE', caseId))!.participants).toEqual([
      { agency: { id: 'WA-LIAISON' }, status: 'ACTIVE' },
      { agency: { id: 'GH-CUSTOMS' }, status: 'ACTIVE' },
      { agency: { id: 'TG-POLICE' }, status: 'ACTIVE' },
    ]);
    expect(await caseAs('BF-BORDER', caseId)).toBeNull();
  });

  it('asks GH-CUSTOMS before its AMBER seizure reaches Togo: nothing shows until it grants, persons never, and nothing once it withdraws', async () => {
    seizureId = (await report(net, seizureInput({ handling: { tlp: 'AMBER' } }))).seizure.id;
    // WA-LIAISON is a Ghanaian agency: it may see a Ghanaian AMBER record, so it may attach it; TG-POLICE may not see it.
    const attached = await as<{ attachToCase: Attachment }>(
      'WA-LIAISON',
      'mutation($c: ID!, $r: ID!) { attachToCase(caseId: $c, recordId: $r) { id status record { __typename ... on Seizure { id } } holder { id } } }',
      { c: caseId, r: seizureId },
    );
    const attachment = ok(attached).attachToCase;
    attachmentId = attachment.id;
    // Until its holder consents, an attachment shows nobody its record, not even the participant that attached it.
    expect(attachment).toMatchObject({ status: 'AWAITING_CONSENT', record: null, holder: { id: 'GH-CUSTOMS' } });
    expect((await caseAs('TG-POLICE', caseId))!.attachments).toEqual([{ id: attachmentId, status: 'AWAITING_CONSENT', record: null, holder: { id: 'GH-CUSTOMS' } }]);
    expect(await seizureAs('TG-POLICE', seizureId)).toBeNull();

    const pending = await as<{ shareRequests: { id: string; status: string; requestedBy: { id: string }; case: { id: string }; record: { id: string } | null }[] }>(
      'GH-CUSTOMS',
      '{ shareRequests(status: PENDING) { id status requestedBy { id } case { id } record { ... on Seizure { id } } } }',
    );
    expect(ok(pending).shareRequests).toEqual([{ id: attachmentId, status: 'PENDING', requestedBy: { id: 'WA-LIAISON' }, case: { id: caseId }, record: { id: seizureId } }]);
    // Only the holder decides.
    const notHolder = await as('TG-POLICE', 'mutation($id: ID!) { decideShareRequest(id: $id, grant: true) { id } }', { id: attachmentId });
    expect(notHolder.errors?.[0]?.extensions?.tbCode).toBe('TB_ERR_ATTACHMENT_NOT_FOUND');

    const granted = await as<{ decideShareRequest: { status: string } }>(
      'GH-CUSTOMS',
      'mutation($id: ID!) { decideShareRequest(id: $id, grant: true, reason: "joint operation") { status } }',
      { id: attachmentId },
    );
    expect(ok(granted).decideShareRequest.status).toBe('GRANTED');
    const shared = (await caseAs('TG-POLICE', caseId))!.attachments;
    expect(shared).toEqual([
      { id: attachmentId, status: 'SHARED', record: { __typename: 'Seizure', id: seizureId, persons: [{ name: null, redacted: true }] }, holder: { id: 'GH-CUSTOMS' } },
    ]);
    expect(await seizureAs('TG-POLICE', seizureId)).toEqual({ id: seizureId, persons: [{ name: null, redacted: true }] });
    // The grant is for the case's participants only.
    expect(await seizureAs('TG-CUSTOMS', seizureId)).toBeNull();

    const withdrawn = await as<{ withdrawShare: { status: string } }>('GH-CUSTOMS', 'mutation($id: ID!) { withdrawShare(requestId: $id) { status } }', { id: attachmentId });
    expect(ok(withdrawn).withdrawShare.status).toBe('WITHDRAWN');
    expect(await seizureAs('TG-POLICE', seizureId)).toBeNull();
    expect((await caseAs('TG-POLICE', caseId))!.attachments).toEqual([{ id: attachmentId, status: 'WITHDRAWN', record: null, holder: { id: 'GH-CUSTOMS' } }]);
    // The holder still sees its own record, with its persons.
    expect(await seizureAs('GH-CUSTOMS', seizureId)).toEqual({ id: seizureId, persons: [{ name: 'Kwame Asante', redacted: false }] });
  });

  it('keeps every participant’s acts in one timeline, in order', async () => {
    const timeline = (await caseAs('GH-CUSTOMS', caseId))!.timeline;
    expect(timeline.map((e) => `${e.agency.id} ${e.type}`)).toEqual(CASE_ACTS);
    expect(timeline[5]!.summary).toBe("WA-LIAISON attached a seizure held by GH-CUSTOMS; GH-CUSTOMS's consent is asked");
  });
});

describe('a tracing request that escalates to the liaison point, through the gateway', () => {
  const TRACE = 'id status overdue escalatedTo { id } pointOfContact { id } seizure { id } item { manufacturer model serialNumber category }';
  type Trace = { id: string; status: string; overdue: boolean; escalatedTo: { id: string } | null; pointOfContact: { id: string }; seizure: { id: string } | null };
  const requestTrace = (input: Record<string, unknown>) =>
    as<{ requestTrace: Trace }>('TG-POLICE', `mutation($i: TraceRequestInput!) { requestTrace(input: $i) { ${TRACE} } }`, { i: input });
  const traceAs = async (agency: string, id: string) => ok(await as<{ trace: Trace | null }>(agency, `query($id: ID!) { trace(id: $id) { ${TRACE} } }`, { id })).trace;
  /** A GREEN seizure of GH-CUSTOMS (TG-POLICE may see it) and its one item's id. */
  async function greenSeizure(item: Record<string, unknown>): Promise<{ seizureId: string; itemId: string }> {
    const { seizure } = await report(net, seizureInput({ items: [{ kind: 'WEAPON', ...item }], handling: { tlp: 'GREEN' } }));
    const seen = await as<{ seizure: { items: { id: string }[] } }>('TG-POLICE', 'query($id: ID!) { seizure(id: $id) { items { id } } }', { id: seizure.id });
    return { seizureId: seizure.id, itemId: ok(seen).seizure.items[0]!.id };
  }

  it('refuses an incomplete request, naming every missing field at once', async () => {
    // An obliterated serial and nothing else marked: nothing to trace by.
    const { seizureId, itemId } = await greenSeizure({ serialObliterated: true });
    const r = await requestTrace({ seizureId, itemId, addressedState: 'GH', basis: 'COUNTRY_OF_MANUFACTURE', priority: 'URGENT' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_TRACE_REQUEST_INCOMPLETE' });
    const issues = (r.errors![0]!.extensions as { issues?: { path: string[] }[] }).issues?.map((i) => i.path.join('.'));
    expect(issues).toEqual([
      'input.urgencyReason',
      'input.circumstances',
      'input.illicitReason',
      'input.intendedUse',
      'input.item.manufacturer',
      'input.item.serial',
      'input.item.category',
      'input.item.model',
      'input.item.countryOfManufacture',
    ]);
    // Nothing was sent.
    expect(ok(await as<{ traces: { totalCount: number } }>('TG-POLICE', '{ traces(role: REQUESTED) { totalCount } }')).traces.totalCount).toBe(0);
  });

  it('escalates an overdue urgent trace to WA-LIAISON with nobody asking, and shows it in the case', async () => {
    const { seizureId, itemId } = await greenSeizure({ category: 'PISTOL', manufacturer: 'Glock', model: '17', countryOfManufacture: 'AT', serialNumber: `WALK-${Date.now()}` });
    const sent = await requestTrace({
      seizureId,
      itemId,
      addressedState: 'GH',
      basis: 'COUNTRY_OF_MANUFACTURE',
      priority: 'URGENT',
      urgencyReason: 'Suspect in custody for 48 hours',
      circumstances: 'Found under a bus seat at Aflao',
      illicitReason: 'No licence, no import record',
      intendedUse: 'Criminal investigation',
      caseId,
    });
    const trace = ok(sent).requestTrace;
    expect(trace).toMatchObject({ status: 'SENT', overdue: false, escalatedTo: null, pointOfContact: { id: 'GH-POLICE' }, seizure: { id: seizureId } });

    await until(async () => (await traceAs('WA-LIAISON', trace.id))?.escalatedTo?.id === 'WA-LIAISON', 20_000, 'the overdue trace to be escalated to WA-LIAISON');
    const region = await as<{ traces: { nodes: { id: string; overdue: boolean; escalatedTo: { id: string } | null }[] } }>(
      'WA-LIAISON',
      '{ traces(role: REGION, overdue: true) { nodes { id overdue escalatedTo { id } } } }',
    );
    expect(ok(region).traces.nodes).toEqual([{ id: trace.id, overdue: true, escalatedTo: { id: 'WA-LIAISON' } }]);
    // A state neither asking nor asked does not see it.
    expect(await traceAs('BF-BORDER', trace.id)).toBeNull();

    const view = (await caseAs('TG-POLICE', caseId))!;
    expect(view.traces).toEqual([{ id: trace.id, escalatedTo: { id: 'WA-LIAISON' } }]);
    expect(view.timeline.map((e) => `${e.agency.id} ${e.type}`)).toEqual([...CASE_ACTS, 'TG-POLICE TraceRequested', 'TG-POLICE TraceEscalated']);
    expect(view.timeline.at(-1)!.summary).toBe('a tracing request is overdue; TG-POLICE escalated it to WA-LIAISON');
  });
});
