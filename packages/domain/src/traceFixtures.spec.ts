// Shared fixtures of the trace specs (a .spec.ts so lint treats it as test code; no suite of its own).
import { replay } from './decider';
import { deciderSpec } from './deciderSpecification';
import { traceDecider, type TraceCommand, type TraceEvent } from './trace';
import { traceDeadlines } from './traceDeadlines';
import type { RequestTraceData, TracedItemInput } from './traceRequest';

export const traceId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f6c01';
export const seizureId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f6c02';
export const itemId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f6c03';
export const caseId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f6c04';

/** The request is sent at `sentAt`; routine answers are due 3 days later, urgent ones 2 hours later (configured, not the defaults). */
export const sentAt = '2026-11-28T10:00:00.000Z';
export const deadlines = traceDeadlines({ TB_TRACE_DEADLINE_URGENT: 'PT2H', TB_TRACE_DEADLINE_ROUTINE: 'P3D' });
export const routineDue = '2026-12-01T10:00:00.000Z';
export const urgentDue = '2026-11-28T12:00:00.000Z';

type Actor = { agency: string; state: string };
/** The requester: Ghana's customs. */
export const GH = { agency: 'GH-CUSTOMS', state: 'GH' };
/** Another agency of the requesting state. */
export const GH_POLICE = { agency: 'GH-POLICE', state: 'GH' };
/** The addressed state's (Austria's) point of contact. */
export const AT = { agency: 'AT-POLICE', state: 'AT' };
/** Another agency of the addressed state: not its point of contact. */
export const AT_CUSTOMS = { agency: 'AT-CUSTOMS', state: 'AT' };
export const LIAISON = 'WA-LIAISON';

export const glock: TracedItemInput = {
  category: 'PISTOL',
  manufacturer: 'Glock',
  model: '17',
  calibre: '9x19mm',
  serial: { asRead: 'ABC-0123' },
  countryOfManufacture: 'AT',
  importMarking: { country: 'GH', year: 2019 },
};
/** The snapshot the request carries of `glock`. */
export const glockSnapshot = {
  category: 'PISTOL' as const,
  manufacturer: 'Glock',
  model: '17',
  calibre: '9x19mm',
  countryOfManufacture: 'AT',
  serial: { asRead: 'ABC-0123', normalised: 'ABC0123' },
  serialObliterated: false,
  importMarking: { country: 'GH', year: 2019 },
};

export const requestData = (more: Partial<RequestTraceData> = {}): RequestTraceData => ({
  traceId,
  seizureId,
  itemId,
  item: glock,
  addressedState: 'AT',
  basis: 'COUNTRY_OF_MANUFACTURE',
  priority: 'ROUTINE',
  circumstances: 'Found in a truck’s fuel tank at Aflao',
  illicitReason: 'No import authorisation, concealed',
  intendedUse: 'Criminal investigation of the consignee',
  pointOfContact: 'AT-POLICE',
  deadlines,
  ...more,
});

export const as = <T extends TraceCommand['type']>(actor: Actor, type: T, data: Extract<TraceCommand, { type: T }>['data'], now = sentAt) =>
  ({ type, data, metadata: { now, actor } }) as Extract<TraceCommand, { type: T }>;

export const amberStrict = (releasableTo: string[] = ['GH-CUSTOMS', 'AT-POLICE']) => ({ tlp: 'AMBER_STRICT' as const, code: 'H2' as const, releasableTo });

export const event = <T extends TraceEvent['type']>(
  by: Actor,
  type: T,
  data: Extract<TraceEvent, { type: T }>['data'],
  at = sentAt,
  handling: object = amberStrict(),
): TraceEvent => ({ type, data, occurredAt: at, handling, originator: by }) as TraceEvent;

export const requestedData = {
  traceId,
  seizureId,
  itemId,
  item: glockSnapshot,
  basis: 'COUNTRY_OF_MANUFACTURE' as const,
  priority: 'ROUTINE' as const,
  circumstances: 'Found in a truck’s fuel tank at Aflao',
  illicitReason: 'No import authorisation, concealed',
  intendedUse: 'Criminal investigation of the consignee',
  requesterState: 'GH',
  addressedState: 'AT',
  pointOfContact: 'AT-POLICE',
  deadline: routineDue,
};
export const requested = event(GH, 'TraceRequested', requestedData);
export const acknowledged = event(AT, 'TraceAcknowledged', { traceId });
export const answered = event(AT, 'TraceAnswered', { traceId, findings: { lastLegalHolder: 'Registered dealer, Accra' } });
export const declined = event(AT, 'TraceDeclined', { traceId, reason: 'No record of this serial' });

export const spec = deciderSpec(traceDecider);
export const stateOf = (events: TraceEvent[]) => replay(traceDecider, events);
