import { describe, expect, it } from 'vitest';
import { deciderSpec } from './deciderSpecification';
import { seizureDecider, seizureStateFrom, type ReportSeizure, type SeizureCommandMetadata, type SeizureEvent } from './seizure';

const seizureId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a60';
const itemId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a61';
const now = '2026-11-20T12:00:00.000Z';
const customs: SeizureCommandMetadata = { now, actor: { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS' } };
const police: SeizureCommandMetadata = { now, actor: { agency: 'GH-POLICE', state: 'GH', kind: 'POLICE' } };

const report = (over: Partial<ReportSeizure['data']> = {}, metadata = customs): ReportSeizure => ({
  type: 'ReportSeizure',
  metadata,
  data: {
    seizureId,
    occurredAt: '2026-11-20T09:30:00Z',
    handling: { tlp: 'AMBER' },
    location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
    details: { form: 'CUSTOMS', customsOffice: 'Tema Long Room' },
    items: [{ itemId, kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: ' ab-00123 ', countryOfManufacture: 'AT' }],
    ...over,
  },
});

const reported = (): { event: SeizureEvent; originator: { agency: string; state: string } }[] => [
  { event: seizureDecider.decide(report(), seizureDecider.initialState())[0]!, originator: { agency: 'GH-CUSTOMS', state: 'GH' } },
];
const spec = deciderSpec(seizureDecider);
const specFromStored = (events = reported()) => deciderSpec(seizureDecider, () => seizureStateFrom(events)).given([]);

describe('seizure decider', () => {
  it('reports a seizure with serials as read and normalised', () => {
    spec
      .given()
      .when(report())
      .then(([e]) => {
        expect(e?.type).toBe('SeizureReported');
        if (e?.type !== 'SeizureReported') return;
        expect(e.data.items[0]?.serial).toEqual({ asRead: 'ab-00123', normalised: 'AB00123' });
        expect(e.occurredAt).toBe('2026-11-20T09:30:00Z');
        expect(e.handling).toEqual({ tlp: 'AMBER' });
      });
  });

  it('refuses a second report of the same seizure', () => {
    specFromStored()
      .when(report())
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_SEIZURE_ALREADY_REPORTED' }));
  });

  it('refuses another agency kind’s form', () => {
    spec
      .given()
      .when(report({}, police))
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_WRONG_AGENCY_KIND', details: { path: ['details'] } }));
  });

  it('refuses a seizure that lies in the future, beyond clock skew', () => {
    spec
      .given()
      .when(report({ occurredAt: '2026-11-20T12:04:00Z' }))
      .then((es) => expect(es).toHaveLength(1));
    spec
      .given()
      .when(report({ occurredAt: '2026-11-21T12:00:00Z' }))
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_OCCURRED_IN_FUTURE', details: { path: ['occurredAt'] } }));
  });

  it('records dispositions per item; destruction is final (PoA II.16)', () => {
    const evidence = { type: 'RecordDisposition' as const, metadata: customs, data: { seizureId, itemId, disposition: 'RETAINED_AS_EVIDENCE' as const, date: '2026-11-20' } };
    const destroy = { ...evidence, data: { ...evidence.data, disposition: 'DESTROYED' as const, date: '2026-11-20', method: 'cutting', witness: 'J. Mensah' } };
    specFromStored()
      .when(evidence)
      .then(([e]) => expect(e).toMatchObject({ type: 'DispositionRecorded', handling: { tlp: 'AMBER' } }));
    const afterEvidence = [...reported(), { event: seizureDecider.decide(evidence, seizureStateFrom(reported()))[0]!, originator: { agency: 'GH-CUSTOMS', state: 'GH' } }];
    specFromStored(afterEvidence)
      .when(evidence)
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_DISPOSITION_UNCHANGED' }));
    specFromStored(afterEvidence)
      .when(destroy)
      .then(([e]) => expect(e?.type).toBe('DispositionRecorded'));
    const afterDestroy = [...afterEvidence, { event: seizureDecider.decide(destroy, seizureStateFrom(afterEvidence))[0]!, originator: { agency: 'GH-CUSTOMS', state: 'GH' } }];
    specFromStored(afterDestroy)
      .when(evidence)
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_ITEM_ALREADY_DESTROYED' }));
  });

  it('refuses dispositions of unknown items and seizures, and by anyone but the originator', () => {
    const cmd = { type: 'RecordDisposition' as const, metadata: customs, data: { seizureId, itemId: seizureId, disposition: 'RETAINED_AS_EVIDENCE' as const, date: '2026-11-20' } };
    specFromStored()
      .when(cmd)
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_ITEM_NOT_FOUND', details: { path: ['itemId'] } }));
    spec
      .given()
      .when(cmd)
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_SEIZURE_NOT_FOUND' }));
    specFromStored()
      .when({ ...cmd, metadata: police, data: { ...cmd.data, itemId } })
      .thenThrows((err) => expect(err).toMatchObject({ code: 'TB_ERR_NOT_ORIGINATOR' }));
  });

  it('amends with the seizure’s own handling, and added items can then be disposed of', () => {
    const added = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a62';
    const amend = {
      type: 'AmendSeizure' as const,
      metadata: customs,
      data: { seizureId, reason: 'second pistol found in the spare tyre', addedItems: [{ itemId: added, kind: 'WEAPON' as const }] },
    };
    let amended: SeizureEvent | undefined;
    specFromStored()
      .when(amend)
      .then(([e]) => {
        amended = e;
        expect(e).toMatchObject({ type: 'SeizureAmended', handling: { tlp: 'AMBER' } });
      });
    specFromStored([...reported(), { event: amended!, originator: { agency: 'GH-CUSTOMS', state: 'GH' } }])
      .when({ type: 'RecordDisposition', metadata: customs, data: { seizureId, itemId: added, disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-20' } })
      .then((es) => expect(es).toHaveLength(1));
  });
});
