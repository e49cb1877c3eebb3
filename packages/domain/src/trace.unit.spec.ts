import { describe, it } from 'vitest';
import type { TraceEvent } from './trace';
import type { TracedItemInput } from './traceRequest';
import { amberStrict, as, caseId, GH, glock, glockSnapshot, requestData, requested, spec, urgentDue } from './traceFixtures.spec';

const withData = (e: TraceEvent, data: object, handling?: object): TraceEvent => ({ ...e, data: { ...e.data, ...data }, ...(handling ? { handling } : {}) }) as TraceEvent;

describe('a tracing request (decider)', () => {
  it('is sent to the addressed state’s point of contact, with the item’s snapshot, the requester’s state and the routine deadline', () => {
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData()))
      .then([requested]);
    spec
      .given([requested])
      .when(as(GH, 'RequestTrace', requestData()))
      .thenRefuses({ code: 'TB_ERR_TRACE_ALREADY_REQUESTED', path: ['traceId'] });
  });

  it('is due by the urgent deadline when urgent, and carries its reason only then', () => {
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ priority: 'URGENT', urgencyReason: ' Suspect in custody for 48 hours ' })))
      .then([withData(requested, { priority: 'URGENT', urgencyReason: 'Suspect in custody for 48 hours', deadline: urgentDue })]);
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ urgencyReason: 'not urgent after all' })))
      .then([requested]);
  });

  it('carries its restrictions in its data and its handling, and names the case it belongs to', () => {
    const restrictions = 'Not for use in court without the requester’s consent';
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ restrictions, caseId })))
      .then([withData(requested, { restrictions, caseId }, { ...amberStrict(), restrictions })]);
  });

  it('is refused with every missing field named at once', () => {
    const bare: TracedItemInput = { calibre: '9x19mm' };
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: bare, basis: 'LAST_LEGAL_IMPORT', priority: 'URGENT', circumstances: '  ', illicitReason: undefined, intendedUse: '' })))
      .thenRefuses({
        code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE',
        issues: [
          ['urgencyReason'],
          ['circumstances'],
          ['illicitReason'],
          ['intendedUse'],
          ['item', 'manufacturer'],
          ['item', 'serial'],
          ['item', 'category'],
          ['item', 'model'],
          ['item', 'importMarking'],
        ],
      });
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: { ...bare, importMarking: { year: 2019 } }, basis: 'COUNTRY_OF_MANUFACTURE' })))
      .thenRefuses({
        code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE',
        issues: [
          ['item', 'manufacturer'],
          ['item', 'serial'],
          ['item', 'category'],
          ['item', 'model'],
          ['item', 'countryOfManufacture'],
        ],
      });
  });

  it('needs the import marking when based on the last legal import, and the country of manufacture when based on it', () => {
    const { importMarking: _i, ...noImport } = glock;
    const { countryOfManufacture: _c, ...noCountry } = glock;
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: noImport, basis: 'LAST_LEGAL_IMPORT' })))
      .thenRefuses({ code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE', issues: [['item', 'importMarking']] });
    // an import marking with only a year names no importing state
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: { ...glock, importMarking: { year: 2019 } }, basis: 'LAST_LEGAL_IMPORT' })))
      .thenRefuses({ code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE', issues: [['item', 'importMarking']] });
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: noCountry })))
      .thenRefuses({ code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE', issues: [['item', 'countryOfManufacture']] });
    const { countryOfManufacture: _x, ...otherSnapshot } = glockSnapshot;
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: noCountry, basis: 'OTHER' })))
      .then([withData(requested, { item: otherSnapshot, basis: 'OTHER' })]);
  });

  it('takes other markings where the serial is obliterated, never a junk serial alone', () => {
    const { serial: _s, ...unserialled } = glock;
    const { serial: _n, ...snapshot } = glockSnapshot;
    const obliterated = { ...unserialled, serialObliterated: true, otherMarkings: 'Proof mark, slide code 4471' };
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: obliterated })))
      .then([withData(requested, { item: { ...snapshot, serialObliterated: true, otherMarkings: 'Proof mark, slide code 4471' } })]);
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: { ...glock, serial: { asRead: '000000' } } })))
      .thenRefuses({ code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE', issues: [['item', 'serial']] });
  });

  it('carries only the item’s markings, type and calibre: person data on the caller’s object never leaves', () => {
    const recorded = { ...glock, itemId: 'x', persons: [{ name: 'Kofi Mensah' }], condition: 'SERVICEABLE', quantity: 1 } as TracedItemInput;
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ item: recorded })))
      .then([requested]);
  });

  it('is refused when addressed to the requester’s own state, or to a state the directory lists no point of contact for', () => {
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ addressedState: 'GH', pointOfContact: 'GH-POLICE' })))
      .thenRefuses({ code: 'TB_ERR_TRACE_TO_OWN_STATE', path: ['addressedState'] });
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ pointOfContact: null })))
      .thenRefuses({ code: 'TB_ERR_NO_POINT_OF_CONTACT', path: ['addressedState'] });
  });

  it('is addressed, and released, to the agency the directory names as the state’s point of contact', () => {
    spec
      .given([])
      .when(as(GH, 'RequestTrace', requestData({ pointOfContact: 'AT-INTERPOL-NCB' })))
      .then([withData(requested, { pointOfContact: 'AT-INTERPOL-NCB' }, amberStrict(['GH-CUSTOMS', 'AT-INTERPOL-NCB']))]);
  });
});
