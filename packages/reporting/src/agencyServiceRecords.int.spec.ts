import { DispositionReply, PersonsReply, rpcSubjects } from '@tracebridge/contracts';
import { envelopeToEvent, recordedToEnvelope } from '@tracebridge/eventstore';
import { verifyEventSignature } from '@tracebridge/identity';
import { describe, expect, it } from 'vitest';
import { allEvents, REPORT_CUSTOMS, reportSkippedKurrent, storageVariants, useBus, useTestbed, validReport, type Testbed } from './agencyServiceTestbed.spec';

/**
 * The agency service's records beyond the report itself, in process over a
 * real nats-server, on each storage layout: person identities (kept in the
 * vault, never in an event, served to the originator only), stockpile
 * losses (police), dispositions asked for by the hub.
 */
const bus = useBus('agency-records');
const kurrentUrl = process.env.KURRENTDB_URL;

for (const variant of storageVariants(kurrentUrl)) {
  describe(`the agency service's records, ${variant.name}`, () => {
    const tb = useTestbed(variant, bus);
    describePersons(tb);
    describeStockpileLosses(tb);
    describeDispositions(tb);
  });
}
reportSkippedKurrent("the agency service's records", kurrentUrl);

const report = async (tb: Testbed, input: Record<string, unknown>): Promise<string> => {
  const r = await tb.gql('customs', 'GH-CUSTOMS', REPORT_CUSTOMS, { i: input });
  const id = (r.data?.reportCustomsSeizure as { seizureId: string } | undefined)?.seizureId;
  if (!id) throw new Error(`report refused: ${JSON.stringify(r.errors)}`);
  return id;
};

/** The identities the service hands the hub for a viewer of `agency` (null: not entitled). */
const identitiesFor = async (tb: Testbed, seizureId: string, viewer: string, roles?: Parameters<Testbed['officer']>[1]) =>
  PersonsReply.parse(await tb.asHub(rpcSubjects.persons('GH-CUSTOMS'), 'customs', await tb.officer(viewer, roles), { seizureId }, true)).persons;

function describePersons(tb: () => Testbed): void {
  it('keeps person identities in the vault, never in the stored event, and serves them to the originator only', async () => {
    const persons = [{ role: 'driver', name: 'Kofi Mensah', nationality: 'GH', documentNumber: 'G1234567' }];
    const id = await report(tb(), validReport({ persons }));
    const [stored] = await tb().agency('GH-CUSTOMS').store.readStream(`seizure-${id}`);
    const json = JSON.stringify(envelopeToEvent(recordedToEnvelope(stored!)));
    for (const secret of ['Kofi', 'Mensah', 'G1234567']) expect(json).not.toContain(secret);
    const links = (stored!.data as { persons: Record<string, unknown>[] }).persons;
    expect(links).toEqual([{ personRef: expect.any(String), role: 'driver', nationality: 'GH' }]);

    const served = await identitiesFor(tb(), id, 'GH-CUSTOMS', ['REPORTING_OFFICER']);
    expect(served).toEqual([{ ...persons[0], personRef: links[0]!.personRef, seizureId: id }]);
    expect(await identitiesFor(tb(), id, 'GH-CUSTOMS', ['AGENCY_ADMIN'])).toBeNull();
    expect(await identitiesFor(tb(), id, 'GH-POLICE')).toBeNull();
  });

  it('never serves identities that no stored report names (rows left by a crash between the vault write and the append)', async () => {
    const agency = tb().agency('GH-CUSTOMS');
    const clientReference = `CRASH-${Date.now()}`;
    const seizureId = await agency.keyedIds.recordId('seizure', clientReference);
    // As a crash leaves them: rows under the seizure's id, and no report of that seizure naming them.
    const orphan = { personRef: crypto.randomUUID(), seizureId, role: 'consignee', name: 'Left Behind' };
    const elsewhere = { id: crypto.randomUUID(), type: 'TestOnly', data: {}, metadata: {} };
    await agency.vault.appendWithIdentities([orphan], `test-${crypto.randomUUID()}`, [elsewhere], { expectedRevision: 'no_stream' });
    // no report of that seizure is held: nothing to serve
    expect(await identitiesFor(tb(), seizureId, 'GH-CUSTOMS', ['REPORTING_OFFICER'])).toBeNull();

    await report(tb(), validReport({ clientReference, persons: [{ role: 'driver', name: 'Yaw Asante' }] }));
    expect((await agency.vault.forSeizure(seizureId)).map((p) => p.name).sort()).toEqual(['Left Behind', 'Yaw Asante']);
    expect((await identitiesFor(tb(), seizureId, 'GH-CUSTOMS', ['REPORTING_OFFICER']))?.map((p) => p.name)).toEqual(['Yaw Asante']);
  });
}

const REPORT_LOSS = 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId sharedView warnings { code } } }';
const validLoss = (over: Record<string, unknown> = {}) => ({
  clientReference: crypto.randomUUID(),
  kind: 'THEFT',
  facility: 'Accra central armoury',
  country: 'GH',
  discoveredAt: '2026-11-18T07:00:00Z',
  items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Kalashnikov', serialNumber: `K-${crypto.randomUUID().slice(0, 6)}` }],
  handling: { tlp: 'GREEN' },
  ...over,
});

function describeStockpileLosses(tb: () => Testbed): void {
  it('records a police stockpile loss once per clientReference, signed, and refuses a loss from another state’s stockpile', async () => {
    const store = tb().agency('GH-POLICE').store;
    const input = validLoss({ clientReference: `LOSS-${Date.now()}` });
    const first = await tb().gql('police', 'GH-POLICE', REPORT_LOSS, { i: input });
    const again = await tb().gql('police', 'GH-POLICE', REPORT_LOSS, { i: input });
    const lossId = (first.data?.reportStockpileLoss as { lossId: string }).lossId;
    expect(again.data?.reportStockpileLoss).toMatchObject({ lossId, sharedView: 'PENDING' }); // no hub on this bus: stored all the same
    const losses = (await allEvents(store)).filter((e) => e.type === 'StockpileLossReported' && (e.data as { lossId: string }).lossId === lossId);
    expect(losses).toHaveLength(1);
    await verifyEventSignature(recordedToEnvelope(losses[0]!), tb().registry);

    const before = (await allEvents(store)).length;
    const foreign = await tb().gql('police', 'GH-POLICE', REPORT_LOSS, { i: validLoss({ country: 'TG' }) });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'country'] });
    const { clientReference, ...without } = validLoss();
    void clientReference;
    const unkeyed = await tb().gql('police', 'GH-POLICE', REPORT_LOSS, { i: without });
    expect(unkeyed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const customs = await tb().gql('police', 'GH-CUSTOMS', REPORT_LOSS, { i: validLoss() });
    expect(customs.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await allEvents(store)).toHaveLength(before);
  });
}

function describeDispositions(tb: () => Testbed): void {
  it('records a disposition the hub asks for on behalf of the originator’s officer, and refuses one for another agency’s officer', async () => {
    const agency = tb().agency('GH-CUSTOMS');
    const seizureId = await report(tb(), validReport());
    const [reported] = await agency.store.readStream(`seizure-${seizureId}`);
    const itemId = (reported!.data as { items: { itemId: string }[] }).items[0]!.itemId;
    const input = { seizureId, itemId, disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-20' };
    const ask = async (viewer: string) => DispositionReply.parse(await tb().asHub(rpcSubjects.recordDisposition('GH-CUSTOMS'), 'customs', await tb().officer(viewer), { input }));

    expect(await ask('GH-POLICE')).toMatchObject({ error: { code: 'TB_ERR_NOT_ORIGINATOR' } });
    expect((await agency.store.readStream(`seizure-${seizureId}`)).map((e) => e.type)).toEqual(['SeizureReported']);
    expect(await ask('GH-CUSTOMS')).toEqual({ ok: input });
    const stream = await agency.store.readStream(`seizure-${seizureId}`);
    expect(stream.map((e) => e.type)).toEqual(['SeizureReported', 'DispositionRecorded']);
    await verifyEventSignature(recordedToEnvelope(stream[1]!), tb().registry);
    expect(await ask('GH-CUSTOMS')).toMatchObject({ error: { code: 'TB_ERR_DISPOSITION_UNCHANGED', path: ['input', 'disposition'] } });
  });
}
