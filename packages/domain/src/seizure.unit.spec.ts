import { describe, expect, it } from 'vitest';
import { deciderSpec } from './deciderSpecification';
import { seizureDecider, type RecordDisposition, type ReportSeizure, type SeizureCommandMetadata, type SeizureEvent } from './seizure';

const seizureId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a60';
const itemId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a61';
const now = '2026-11-20T12:00:00.000Z';
const customs: SeizureCommandMetadata = { now, actor: { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS' } };
const police: SeizureCommandMetadata = { now, actor: { agency: 'GH-POLICE', state: 'GH', kind: 'POLICE' } };
const ghCustoms = { agency: 'GH-CUSTOMS', state: 'GH' };

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

const reported: SeizureEvent = {
  type: 'SeizureReported',
  occurredAt: '2026-11-20T09:30:00Z',
  handling: { tlp: 'AMBER' },
  originator: ghCustoms,
  data: {
    seizureId,
    location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
    details: { form: 'CUSTOMS', customsOffice: 'Tema Long Room' },
    items: [{ itemId, kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serial: { asRead: 'ab-00123', normalised: 'AB00123' } }],
  },
};
const disposition = (over: Partial<RecordDisposition['data']> = {}, metadata = customs): RecordDisposition => ({
  type: 'RecordDisposition',
  metadata,
  data: { seizureId, itemId, disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-20', ...over },
});
const disposed = (data: RecordDisposition['data']): SeizureEvent => ({ type: 'DispositionRecorded', occurredAt: now, handling: { tlp: 'AMBER' }, originator: ghCustoms, data });
const spec = deciderSpec(seizureDecider);

describe('seizure decider', () => {
  it('reports a seizure with serials as read and normalised, signed-to-be by the reporting agency', () => {
    spec.given().when(report()).then([reported]);
  });

  it('refuses a second report of the same seizure', () => {
    spec
      .given([reported])
      .when(report())
      .thenRefuses({ code: 'TB_ERR_SEIZURE_ALREADY_REPORTED', path: ['seizureId'] });
  });

  it('refuses another agency kind’s form', () => {
    spec
      .given()
      .when(report({}, police))
      .thenRefuses({ code: 'TB_ERR_WRONG_AGENCY_KIND', path: ['details'] });
  });

  it('refuses a seizure that lies in the future, beyond clock skew', () => {
    spec
      .given()
      .when(report({ occurredAt: '2026-11-20T12:04:00Z' }))
      .then([{ ...reported, occurredAt: '2026-11-20T12:04:00Z' }]);
    spec
      .given()
      .when(report({ occurredAt: '2026-11-21T12:00:00Z' }))
      .thenRefuses({ code: 'TB_ERR_OCCURRED_IN_FUTURE', path: ['occurredAt'] });
  });

  it('records dispositions per item; destruction is final (PoA II.16)', () => {
    const evidence = disposition();
    const destroy = disposition({ disposition: 'DESTROYED', method: 'cutting', witness: 'J. Mensah' });
    spec
      .given([reported])
      .when(evidence)
      .then([disposed(evidence.data)]);
    spec
      .given([reported, disposed(evidence.data)])
      .when(evidence)
      .thenRefuses({ code: 'TB_ERR_DISPOSITION_UNCHANGED', path: ['disposition'] });
    spec
      .given([reported, disposed(evidence.data)])
      .when(destroy)
      .then([disposed(destroy.data)]);
    spec
      .given([reported, disposed(evidence.data), disposed(destroy.data)])
      .when(evidence)
      .thenRefuses({ code: 'TB_ERR_ITEM_ALREADY_DESTROYED', path: ['itemId'] });
  });

  it('refuses dispositions of unknown items and seizures, and by anyone but the originator', () => {
    spec
      .given([reported])
      .when(disposition({ itemId: seizureId }))
      .thenRefuses({ code: 'TB_ERR_ITEM_NOT_FOUND', path: ['itemId'] });
    spec.given().when(disposition()).thenRefuses({ code: 'TB_ERR_SEIZURE_NOT_FOUND' });
    spec.given([reported]).when(disposition({}, police)).thenRefuses({ code: 'TB_ERR_NOT_ORIGINATOR' });
  });

  it('amends with the seizure’s own handling, and added items can then be disposed of', () => {
    const added = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a62';
    const data = { seizureId, reason: 'second pistol found in the spare tyre', addedItems: [{ itemId: added, kind: 'WEAPON' as const }] };
    const amended: SeizureEvent = { type: 'SeizureAmended', occurredAt: now, handling: { tlp: 'AMBER' }, originator: ghCustoms, data };
    spec.given([reported]).when({ type: 'AmendSeizure', metadata: customs, data }).then([amended]);
    const onAdded = disposition({ itemId: added });
    spec
      .given([reported, amended])
      .when(onAdded)
      .then([disposed(onAdded.data)]);
  });

  it('fails a spec that expects other events than the decider emits (the spec bites)', () => {
    expect(() =>
      spec
        .given()
        .when(report())
        .then([{ ...reported, originator: { agency: 'TG-POLICE', state: 'TG' } }]),
    ).toThrow(/expected the events/);
    expect(() => spec.given().when(report()).thenRefuses({ code: 'TB_ERR_SEIZURE_ALREADY_REPORTED' })).toThrow(/was accepted/);
  });
});
