import { randomUUID } from 'node:crypto';
import { createUnsignedEnvelope, decodeEvent, type SharingAgreement, type Tlp } from '@tracebridge/contracts';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, signEvent, type AgencyKeys, type Officer } from '@tracebridge/identity';
import { createSeizureGenerator, tempDir, type TempDir } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyDirectory, createHubPolicy, type HubPolicy } from './access';
import { openAuditStore } from './auditStore';
import { HitNotices } from './notices';
import { LiaisonProjection } from './projection';
import { createSerialChecks, type SerialChecks } from './serialChecks';

/** Hit notices under the policy: who is told that a new report matched their record. */
let dir: TempDir;
let keys: AgencyKeys[];
let policy: HubPolicy;
let projection: LiaisonProjection;
let notices: HitNotices;
let check: SerialChecks;
const officer = (agency: string): Officer => ({ agency, state: agency.slice(0, 2), subject: `o@${agency}`, roles: ['REPORTING_OFFICER'] }) as Officer;

async function seize(agency: string, tlp: Tlp, serial: string): Promise<string> {
  const t = createSeizureGenerator(5).next();
  const seizureId = randomUUID();
  const item = { ...t.data.items[0]!, itemId: randomUUID(), manufacturer: 'Glock', serial: { asRead: serial, normalised: serial } };
  const unsigned = createUnsignedEnvelope({
    type: 'SeizureReported',
    streamId: `seizure-${seizureId}`,
    originator: { agency, state: agency.slice(0, 2) },
    handling: { ...t.handling, tlp, releasableTo: [] },
    occurredAt: t.occurredAt,
    recordedAt: t.occurredAt,
    data: { ...t.data, seizureId, items: [item] },
  });
  const event = decodeEvent(await signEvent(unsigned, keys.find((k) => k.agency.id === agency)!.eventKey));
  projection.inbox.applyOnce(event.id, () => projection.apply(event));
  return seizureId;
}

const noticesOf = (holder: string) => notices.pageFor(holder, 100, Number.MAX_SAFE_INTEGER).rows.map((n) => ({ record: n.record_id, by: n.queried_by }));

beforeAll(async () => {
  dir = tempDir('tb-hub-notices-');
  keys = await generateDevKeys();
  const registry = createTrustRegistry(devAgencyRecords(keys));
  policy = createHubPolicy(() => registry);
  projection = new LiaisonProjection(dir.file('liaison.db'), policy);
  notices = new HitNotices(openAuditStore(dir.file('audit.db')));
  check = createSerialChecks(
    projection,
    createAgencyDirectory(() => registry),
    notices,
    () => new Date(),
  );
});
afterAll(() => dir?.remove());

describe('hit notices follow the access policy', () => {
  const report = (by: string, tlp: Tlp, serial: string) =>
    check({ officer: officer(by), queries: [{ manufacturer: 'Glock', serialNormalised: serial }], reported: { recordId: randomUUID(), handling: { tlp, releasableTo: [] } } });

  it('tells a holder that a new report matched its record only if the holder may know of the new record', async () => {
    const tg = await seize('TG-POLICE', 'GREEN', 'N1');
    report('GH-CUSTOMS', 'RED', 'N1');
    expect(noticesOf('TG-POLICE')).toEqual([]); // a RED report is not even a hit for others
    report('GH-CUSTOMS', 'AMBER', 'N1');
    // AMBER: TG-POLICE may not read the record, but a hit may name who holds it, so the notice may too
    expect(noticesOf('TG-POLICE')).toEqual([{ record: tg, by: 'GH-CUSTOMS' }]);
    expect(notices.pageFor('TG-POLICE', 10, Number.MAX_SAFE_INTEGER).rows[0]!.count).toBe(1);
  });

  it('tells no agency the originator withholds its records from, and a report without its handling as RED', async () => {
    const gh = await seize('GH-POLICE', 'GREEN', 'N2');
    await seize('BF-BORDER', 'GREEN', 'N2');
    policy.setAgreements([{ id: 'NO-BF', effect: 'WITHHOLD', originator: 'TG-POLICE', from: 'BF-BORDER' }] satisfies SharingAgreement[]);
    report('TG-POLICE', 'GREEN', 'N2');
    expect(noticesOf('GH-POLICE')).toEqual([{ record: gh, by: 'TG-POLICE' }]);
    expect(noticesOf('BF-BORDER')).toEqual([]);
    check({ officer: officer('GH-CUSTOMS'), queries: [{ manufacturer: 'Glock', serialNormalised: 'N2' }], reported: { recordId: randomUUID(), handling: undefined } });
    expect(noticesOf('BF-BORDER')).toEqual([]);
    policy.setAgreements([]);
  });

  it('lets an agreement that opens the new report’s family, and only that family, tell its parties; a report that does not say is no guess', async () => {
    const tg = await seize('TG-CUSTOMS', 'GREEN', 'N4');
    policy.setAgreements([
      {
        id: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a12',
        effect: 'AGREEMENT',
        originator: 'GH-CUSTOMS',
        parties: ['TG-CUSTOMS'],
        families: ['SEIZURE'],
        tlpCeiling: 'RED',
        includePersons: false,
        legalBasis: 'GH–TG customs protocol',
        validFrom: '2026-01-01T00:00:00Z',
      },
    ] satisfies SharingAgreement[]);
    const reportAs = (family?: 'SEIZURE' | 'STOCKPILE_LOSS') =>
      check({
        officer: officer('GH-CUSTOMS'),
        queries: [{ manufacturer: 'Glock', serialNormalised: 'N4' }],
        reported: { recordId: randomUUID(), handling: { tlp: 'RED', releasableTo: [] }, ...(family ? { family } : {}) },
      });
    reportAs('STOCKPILE_LOSS');
    reportAs();
    expect(noticesOf('TG-CUSTOMS')).toEqual([]);
    reportAs('SEIZURE');
    expect(noticesOf('TG-CUSTOMS')).toEqual([{ record: tg, by: 'GH-CUSTOMS' }]);
    policy.setAgreements([]);
  });

  it('tells every holder of a check by hand: the holder learns who probed its record', async () => {
    const tg = await seize('TG-POLICE', 'RED', 'N3');
    const hits = check({ officer: officer('BF-BORDER'), queries: [{ manufacturer: 'Glock', serialNormalised: 'N3' }] });
    expect(hits).toEqual([]); // a RED match names nothing to the asker
    expect(noticesOf('TG-POLICE')).toContainEqual({ record: tg, by: 'BF-BORDER' });
  });
});
