import { randomUUID } from 'node:crypto';
import { agreementStreamId, createUnsignedEnvelope, decodeEvent } from '@tracebridge/contracts';
import { signEvent } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type HubStack } from '../support/hubStack';

/**
 * Sharing agreements of the directory (ADR 11) through the hub's API, in
 * process over a real nats-server and SQLite files: made and revoked by the
 * originator's own service as its signed events, applied by the hub to every
 * view at once; person identities reach another agency only through an
 * agreement with includePersons, decided by the originator's service.
 */
let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack('agreements');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId } }';
const AGREE = 'mutation($i: SharingAgreementInput!) { createSharingAgreement(input: $i) { id status originator { id } parties includePersons } }';
const terms = (over: Record<string, unknown> = {}) => ({
  parties: ['TG-POLICE'],
  families: ['SEIZURE'],
  tlpCeiling: 'AMBER',
  includePersons: false,
  legalBasis: 'MoU GH–TG on arms trafficking, 2026',
  ...over,
});
const personsSeenBy = async (agency: string, id: string) =>
  ok(await stack.hub<{ seizure: { persons: { name: string | null }[] } | null }>(agency, 'query($id: ID!) { seizure(id: $id) { persons { name } } }', { id })).seizure;

describe('sharing agreements of the directory', () => {
  let seizureId: string;
  beforeAll(async () => {
    const input = {
      clientReference: randomUUID(),
      occurredAt: '2026-11-20T09:30:00Z',
      location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
      items: [{ kind: 'WEAPON', category: 'RIFLE', manufacturer: 'Kalashnikov', serialNumber: `AG-${randomUUID().slice(0, 8)}` }],
      persons: [{ role: 'consignee', name: 'Ama Mensah', nationality: 'GH', documentNumber: 'G7654321' }],
      handling: { tlp: 'AMBER' },
    };
    seizureId = ok(await stack.service<{ reportCustomsSeizure: { seizureId: string } }>('customs', 'GH-CUSTOMS', REPORT, { i: input })).reportCustomsSeizure.seizureId;
    await stack.projection.waitForSeizure(seizureId, 10_000);
  });

  it('opens an originator’s records to its parties at once, and revoking closes them at once', async () => {
    const why = async () =>
      ok(
        await stack.hub<{ explainAccess: { allowed: boolean; reasons: string[] } }>(
          'GH-CUSTOMS',
          'query($r: ID!) { explainAccess(recordId: $r, agencyId: "TG-POLICE") { allowed reasons } }',
          { r: seizureId },
        ),
      ).explainAccess;
    expect(await personsSeenBy('TG-POLICE', seizureId)).toBeNull();
    expect((await why()).allowed).toBe(false);
    // Only the agency's administrators make agreements.
    const officer = await stack.hub('GH-CUSTOMS', AGREE, { i: terms() }, ['REPORTING_OFFICER']);
    expect(officer.errors?.[0]?.extensions.tbCode).toBe('TB_ERR_ROLE_REQUIRED');

    const made = ok(await stack.hub<{ createSharingAgreement: { id: string; status: string } }>('GH-CUSTOMS', AGREE, { i: terms() })).createSharingAgreement;
    expect(made.status).toBe('IN_FORCE');
    expect(await personsSeenBy('TG-POLICE', seizureId)).toEqual({ persons: [{ name: null }] });
    const explained = await why();
    expect(explained.allowed).toBe(true);
    expect(explained.reasons.join(' ')).toContain('MoU GH–TG on arms trafficking, 2026');
    expect(await personsSeenBy('BF-BORDER', seizureId)).toBeNull();
    const listed = async (agency: string) =>
      ok(await stack.hub<{ sharingAgreements: { id: string }[] }>(agency, '{ sharingAgreements { id } }')).sharingAgreements.map((a) => a.id);
    expect(await listed('TG-POLICE')).toContain(made.id);
    expect(await listed('BF-BORDER')).not.toContain(made.id);
    // Nobody else explains GH-CUSTOMS' record.
    expect(ok(await stack.hub('TG-POLICE', 'query($r: ID!) { explainAccess(recordId: $r, agencyId: "TG-POLICE") { allowed } }', { r: seizureId })).explainAccess).toBeNull();

    const revoked = await stack.hub<{ revokeSharingAgreement: { status: string } }>(
      'GH-CUSTOMS',
      'mutation($id: ID!) { revokeSharingAgreement(id: $id, reason: "MoU ended") { status } }',
      { id: made.id },
    );
    expect(ok(revoked).revokeSharingAgreement.status).toBe('REVOKED');
    expect(await personsSeenBy('TG-POLICE', seizureId)).toBeNull();
  });

  it('lets person identities reach another agency only through an agreement with includePersons, decided by the originator’s service', async () => {
    const made = ok(await stack.hub<{ createSharingAgreement: { id: string } }>('GH-CUSTOMS', AGREE, { i: terms({ includePersons: true }) })).createSharingAgreement;
    expect(await personsSeenBy('TG-POLICE', seizureId)).toEqual({ persons: [{ name: 'Ama Mensah' }] });
    // An officer whose roles do not include seeing identities still does not.
    const admin = ok(
      await stack.hub<{ seizure: { persons: { name: string | null }[] } }>('TG-POLICE', 'query($id: ID!) { seizure(id: $id) { persons { name } } }', { id: seizureId }, [
        'AGENCY_ADMIN',
      ]),
    );
    expect(admin.seizure.persons).toEqual([{ name: null }]);
    ok(await stack.hub('GH-CUSTOMS', 'mutation($id: ID!) { revokeSharingAgreement(id: $id) { id } }', { id: made.id }));
    expect(await personsSeenBy('TG-POLICE', seizureId)).toBeNull();
  });

  it('re-indexes a stockpile loss as a loss when a grant touches it: an agreement for seizures does not open it', async () => {
    const LOSS = 'mutation($i: StockpileLossInput!) { reportStockpileLoss(input: $i) { lossId } }';
    const loss = {
      clientReference: randomUUID(),
      kind: 'THEFT',
      facility: 'Central armoury',
      country: 'GH',
      discoveredAt: '2026-11-01T08:00:00Z',
      items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: `LS-${randomUUID().slice(0, 8)}` }],
      handling: { tlp: 'AMBER' },
    };
    const lossId = ok(await stack.service<{ reportStockpileLoss: { lossId: string } }>('police', 'GH-POLICE', LOSS, { i: loss })).reportStockpileLoss.lossId;
    await stack.projection.waitUntil(() => (stack.projection.visibility.level('GH-POLICE', lossId) === 'VIEW' ? true : undefined), 10_000);
    ok(await stack.hub('GH-POLICE', AGREE, { i: terms({ families: ['SEIZURE'] }) }));
    expect(stack.projection.visibility.level('TG-POLICE', lossId)).toBe('HOLDER');
    const c = ok(
      await stack.hub<{ openCase: { id: string } }>('GH-POLICE', 'mutation($i: CaseInput!) { openCase(input: $i) { id } }', {
        i: { title: 'Armoury theft', summary: 'Pistols missing', handling: { tlp: 'RED' } },
      }),
    ).openCase.id;
    ok(await stack.hub('GH-POLICE', 'mutation($c: ID!, $r: ID!) { attachToCase(caseId: $c, recordId: $r) { status } }', { c, r: lossId }));
    expect(stack.projection.visibility.level('TG-POLICE', lossId)).toBe('HOLDER');
  });

  it('refuses, at the hub, an agreement act its originator did not make: another agency cannot revoke it', async () => {
    const made = ok(await stack.hub<{ createSharingAgreement: { id: string } }>('GH-CUSTOMS', AGREE, { i: terms() })).createSharingAgreement;
    const forged = await signEvent(
      createUnsignedEnvelope({
        type: 'SharingAgreementRevoked',
        streamId: agreementStreamId(made.id),
        originator: { agency: 'TG-POLICE', state: 'TG' },
        handling: { tlp: 'RED', releasableTo: ['TG-POLICE'] },
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        data: { agreementId: made.id },
      }),
      stack.keysOf('TG-POLICE').eventKey,
    );
    expect(() => stack.projection.apply(decodeEvent(forged))).toThrow(expect.objectContaining({ name: 'RejectedEvent', code: 'TB_ERR_NOT_AGREEMENT_ORIGINATOR' }));
    expect(await personsSeenBy('TG-POLICE', seizureId)).not.toBeNull();
  });
});
