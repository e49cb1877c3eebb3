import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM } from '@tracebridge/bus';
import { parseSignedEnvelope, subjectFor } from '@tracebridge/contracts';
import { recordedToEnvelope, type EventStore } from '@tracebridge/eventstore';
import { verifyEventSignature } from '@tracebridge/identity';
import { describe, expect, it } from 'vitest';
import { allEvents, REPORT_CUSTOMS, reportSkippedKurrent, storageVariants, useBus, useTestbed, validReport, type Testbed } from './agencyServiceTestbed.spec';

/**
 * The agency service's middle tier: its subgraph in process (fastify
 * inject) over a real nats-server, on each storage layout, so most of its
 * behaviour is proven without starting the network's processes.
 */
const bus = useBus('agency');
const kurrentUrl = process.env.KURRENTDB_URL;

for (const variant of storageVariants(kurrentUrl)) {
  describe(`the agency service in process, ${variant.name}`, () => {
    const tb = useTestbed(variant, bus);
    describeReports(tb);
    describeRetries(tb);
    describeRefusals(tb);
    describePendingSharedView(tb);
  });
}
reportSkippedKurrent('the agency service in process', kurrentUrl);

const reportAs = async (tb: Testbed, input: Record<string, unknown>, agency = 'GH-CUSTOMS') => {
  const r = await tb.gql('customs', agency, REPORT_CUSTOMS, { i: input });
  return { ...r, id: (r.data?.reportCustomsSeizure as { seizureId: string } | undefined)?.seizureId };
};
const reportsOf = async (store: EventStore, seizureId: string) =>
  (await allEvents(store)).filter((e) => e.type === 'SeizureReported' && (e.data as { seizureId: string }).seizureId === seizureId);

/** The message JetStream holds for an event, found by its id (the relay publishes with msgID = event id), newest first. */
async function fromTheBus(subject: string, eventId: string): Promise<unknown> {
  const jsm = await jetstreamManager(bus().nc);
  const { state } = await jsm.streams.info(EVENTS_STREAM);
  for (let seq = state.last_seq; state.messages > 0 && seq >= state.first_seq; seq--) {
    const m = await jsm.streams.getMessage(EVENTS_STREAM, { seq }).catch(() => null);
    if (m?.subject === subject && m.json<{ id: string }>().id === eventId) return m.json();
  }
  return undefined;
}

function describeReports(tb: () => Testbed): void {
  it('accepts a report: its signed event is in the store, and the relay puts it on the bus and checkpoints it', async () => {
    const { data, id } = await reportAs(tb(), validReport());
    expect(data?.reportCustomsSeizure).toMatchObject({ seizureId: id });
    const agency = tb().agency('GH-CUSTOMS');
    const [stored, ...more] = await agency.store.readStream(`seizure-${id}`);
    expect(more).toEqual([]);
    const envelope = recordedToEnvelope(stored!);
    expect(envelope).toMatchObject({ type: 'SeizureReported', originator: { agency: 'GH-CUSTOMS', state: 'GH' } });
    await verifyEventSignature(envelope, tb().registry);

    await tb().service('customs').relays[0]!.waitFor(stored!.position);
    const onBus = await fromTheBus(subjectFor('GH-CUSTOMS', 'SeizureReported'), envelope.id);
    expect(onBus).toEqual(envelope);
    await verifyEventSignature(parseSignedEnvelope(onBus), tb().registry);
    expect(await agency.checkpoints.load('relay')).toBeGreaterThanOrEqual(stored!.position);
  });
}

/**
 * Hold the first `rounds` reads of one stream until `parties` readers wait
 * at once: two reports of the same clientReference then both find no
 * record and both decide, as two retries from a border post can.
 */
function raceOn(store: EventStore, streamId: string, parties: number, rounds: number): () => void {
  const read = store.readStream.bind(store);
  let waiting: (() => void)[] = [];
  let round = 0;
  store.readStream = async (id, options) => {
    if (id === streamId && round < rounds) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length < parties) return;
        round += 1;
        for (const go of waiting.splice(0)) go();
      });
    }
    return read(id, options);
  };
  return () => {
    store.readStream = read;
    waiting = [];
  };
}

function describeRetries(tb: () => Testbed): void {
  it('answers a retry with the same clientReference with the original record: one event in the store', async () => {
    const input = validReport({ clientReference: `TEMA-${Date.now()}` });
    const first = await reportAs(tb(), input);
    const again = await reportAs(tb(), { ...input, location: { country: 'GH', place: 'Elsewhere', kind: 'INLAND' } });
    expect(again.id).toBe(first.id);
    const reports = await reportsOf(tb().agency('GH-CUSTOMS').store, first.id!);
    expect(reports).toHaveLength(1);
    expect((reports[0]!.data as { location: { place: string } }).location.place).toBe('Tema port');
  });

  it('keeps one record, and only the winner’s identities, when the same clientReference races in twice', async () => {
    const agency = tb().agency('GH-CUSTOMS');
    const clientReference = `RACE-${Date.now()}`;
    const seizureId = await agency.keyedIds.recordId('seizure', clientReference);
    const attempts: ('kept' | 'refused')[] = [];
    const appendWith = agency.vault.appendWithIdentities.bind(agency.vault);
    agency.vault.appendWithIdentities = async (...args) => {
      const r = await appendWith(...args).catch((err: unknown) => (attempts.push('refused'), Promise.reject(err instanceof Error ? err : new Error(String(err)))));
      attempts.push('kept');
      return r;
    };
    const release = raceOn(agency.store, `seizure-${seizureId}`, 2, 2);
    const person = (name: string) => [{ role: 'driver', name, nationality: 'GH' }];
    const answers = await Promise.all([
      reportAs(tb(), validReport({ clientReference, persons: person('Ama Owusu') })),
      reportAs(tb(), validReport({ clientReference, persons: person('Kwesi Boateng') })),
    ]);
    release();
    agency.vault.appendWithIdentities = appendWith;

    expect(answers.map((a) => a.id)).toEqual([seizureId, seizureId]);
    expect(attempts.sort()).toEqual(['kept', 'refused']); // both decided and tried to append: the race happened
    const reports = await reportsOf(agency.store, seizureId);
    expect(reports).toHaveLength(1);
    const named = (reports[0]!.data as { persons: { personRef: string }[] }).persons.map((p) => p.personRef);
    const kept = await agency.vault.forSeizure(seizureId);
    expect(kept.map((p) => p.personRef)).toEqual(named);
    expect(kept).toHaveLength(1);
  });
}

function describeRefusals(tb: () => Testbed): void {
  it('refuses bad input with a stable code and the offending path, and stores nothing', async () => {
    const store = tb().agency('GH-CUSTOMS').store;
    const before = (await allEvents(store)).length;
    const cases: [Record<string, unknown>, string, (string | number)[]][] = [
      [validReport({ location: { country: 'Ghana', place: 'Tema port', kind: 'PORT' } }), 'TB_ERR_BAD_USER_INPUT', ['input', 'location', 'country']],
      [validReport({ items: [] }), 'TB_ERR_BAD_USER_INPUT', ['input', 'items']],
      [validReport({ persons: [{ role: 'driver', name: '' }] }), 'TB_ERR_BAD_USER_INPUT', ['input', 'persons', 0, 'name']],
      // The decider's refusal, moved under `input` at the edge.
      [validReport({ occurredAt: '2999-01-01T00:00:00Z' }), 'TB_ERR_OCCURRED_IN_FUTURE', ['input', 'occurredAt']],
    ];
    for (const [input, tbCode, path] of cases) {
      const r = await reportAs(tb(), input);
      expect(r.data?.reportCustomsSeizure ?? null, tbCode).toBeNull();
      expect(r.errors?.[0]?.extensions, JSON.stringify(path)).toMatchObject({ code: 'BAD_USER_INPUT', tbCode, path });
    }
    expect(await allEvents(store)).toHaveLength(before);
  });

  it('refuses an officer of another kind, of an agency not hosted here, or without the REPORT role, and stores nothing', async () => {
    const store = tb().agency('GH-CUSTOMS').store;
    const before = (await allEvents(store)).length;
    const refusals = [
      await tb().gql('customs', 'GH-POLICE', REPORT_CUSTOMS, { i: validReport() }),
      await tb().gql('customs', 'TG-CUSTOMS', REPORT_CUSTOMS, { i: validReport() }),
      await tb().gql('customs', 'GH-CUSTOMS', REPORT_CUSTOMS, { i: validReport() }, ['ANALYST', 'AGENCY_ADMIN']),
    ];
    for (const r of refusals) expect(r.data?.reportCustomsSeizure ?? null).toBeNull();
    expect(refusals.map((r) => r.errors?.[0]?.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(refusals[2]!.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_ROLE_REQUIRED');
    const anonymous = await tb()
      .service('customs')
      .app.inject({ method: 'POST', url: '/graphql', payload: { query: REPORT_CUSTOMS, variables: { i: validReport() } } });
    expect(anonymous.statusCode).toBe(401);
    expect(await allEvents(store)).toHaveLength(before);
    // The same officer with the role is accepted: the refusals above were for the role, not the request.
    expect((await reportAs(tb(), validReport())).id).toBeDefined();
  });
}

/** No hub answers on this bus: every report is stored, and answered as the network's shared view has not taken it up. */
function describePendingSharedView(tb: () => Testbed): void {
  it('answers a stored report without the hub: PENDING, no seizure to resolve at the hub, embargo and marking warnings checked locally', async () => {
    const input = validReport({
      route: { origin: 'KP', destination: 'GH' },
      items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Unknown', serialObliterated: true }],
    });
    const r = await tb().gql(
      'customs',
      'GH-CUSTOMS',
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId seizure { id } sharedView hits { recordId } warnings { code } } }',
      { i: input },
    );
    expect(r.errors).toBeUndefined();
    const answer = r.data!.reportCustomsSeizure as { seizureId: string; seizure: unknown; sharedView: string; hits: unknown[]; warnings: { code: string }[] };
    expect(answer).toMatchObject({ seizure: null, sharedView: 'PENDING', hits: [] });
    expect(answer.warnings.map((w) => w.code).sort()).toEqual(['EMBARGO', 'HIT_CHECK_UNAVAILABLE', 'INADEQUATE_MARKING', 'SERIAL_OBLITERATED']);
    expect(await reportsOf(tb().agency('GH-CUSTOMS').store, answer.seizureId)).toHaveLength(1);
  });

  it('requires a clientReference on every report, trimmed, 1 to 100 characters, and stores nothing without one', async () => {
    const store = tb().agency('GH-CUSTOMS').store;
    const before = (await allEvents(store)).length;
    const { clientReference, ...without } = validReport();
    void clientReference;
    const missing = await reportAs(tb(), without);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(missing.errors?.[0]?.message).toContain('clientReference');
    for (const bad of ['   ', 'x'.repeat(101)]) {
      const r = await reportAs(tb(), validReport({ clientReference: bad }));
      expect(r.errors?.[0]?.extensions, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'clientReference'] });
    }
    expect(await allEvents(store)).toHaveLength(before);
    // Trimmed: the same reference with spaces around it is the same report.
    const ref = `  TRIM-${Date.now()} `;
    const first = await reportAs(tb(), validReport({ clientReference: ref }));
    const again = await reportAs(tb(), validReport({ clientReference: ref.trim() }));
    expect(again.id).toBe(first.id);
  });
}
