import type { z } from 'zod';
import { SharingAgreementCreated, SharingAgreementRevoked } from './events/agreement';
import { BrokerActivityFlagged, BrokerLicenceGranted, BrokerRegistered, BrokerRevoked, BrokerSuspended } from './events/broker';
import { CaseInvitationAnswered, CaseInvitationSent, CaseLeft, CaseNoteAdded, CaseOpened, CaseShareDecided, CaseShareWithdrawn, RecordAttachedToCase } from './events/case';
import { RouteObserved, RouteObservedV1 } from './events/route';
import { DispositionRecorded, SeizureAmended, SeizureReportedV1, SeizureReportedV2, SeizureReportedV3 } from './events/seizure';
import { StockpileLossReported } from './events/stockpile';
import { TraceAcknowledged, TraceAnswered, TraceDeclined, TraceEscalated, TraceRequested } from './events/trace';
import { normaliseSerial } from './serial';

/** Event families: the third token of a NATS subject and the prefix of stream ids. */
export const families = ['seizure', 'broker', 'route', 'stockpile', 'case', 'trace', 'agreement'] as const;
export type Family = (typeof families)[number];

interface TypeSpec<S extends z.ZodType> {
  family: Family;
  /** The current schema version; events are upcast to it before they are used. */
  version: number;
  schema: S;
  /** Schemas of older versions still readable, by version. */
  older?: Record<number, z.ZodType>;
}

const spec = <S extends z.ZodType>(s: TypeSpec<S>): TypeSpec<S> => s;

/** Every event type that travels, with its family, current version and schema. */
export const eventTypes = {
  SeizureReported: spec({ family: 'seizure', version: 3, schema: SeizureReportedV3, older: { 1: SeizureReportedV1, 2: SeizureReportedV2 } }),
  SeizureAmended: spec({ family: 'seizure', version: 1, schema: SeizureAmended }),
  DispositionRecorded: spec({ family: 'seizure', version: 1, schema: DispositionRecorded }),
  BrokerRegistered: spec({ family: 'broker', version: 1, schema: BrokerRegistered }),
  BrokerLicenceGranted: spec({ family: 'broker', version: 1, schema: BrokerLicenceGranted }),
  BrokerSuspended: spec({ family: 'broker', version: 1, schema: BrokerSuspended }),
  BrokerRevoked: spec({ family: 'broker', version: 1, schema: BrokerRevoked }),
  BrokerActivityFlagged: spec({ family: 'broker', version: 1, schema: BrokerActivityFlagged }),
  RouteObserved: spec({ family: 'route', version: 2, schema: RouteObserved, older: { 1: RouteObservedV1 } }),
  StockpileLossReported: spec({ family: 'stockpile', version: 1, schema: StockpileLossReported }),
  CaseOpened: spec({ family: 'case', version: 1, schema: CaseOpened }),
  CaseInvitationSent: spec({ family: 'case', version: 1, schema: CaseInvitationSent }),
  CaseInvitationAnswered: spec({ family: 'case', version: 1, schema: CaseInvitationAnswered }),
  CaseLeft: spec({ family: 'case', version: 1, schema: CaseLeft }),
  RecordAttachedToCase: spec({ family: 'case', version: 1, schema: RecordAttachedToCase }),
  CaseNoteAdded: spec({ family: 'case', version: 1, schema: CaseNoteAdded }),
  CaseShareDecided: spec({ family: 'case', version: 1, schema: CaseShareDecided }),
  CaseShareWithdrawn: spec({ family: 'case', version: 1, schema: CaseShareWithdrawn }),
  TraceRequested: spec({ family: 'trace', version: 1, schema: TraceRequested }),
  TraceAcknowledged: spec({ family: 'trace', version: 1, schema: TraceAcknowledged }),
  TraceAnswered: spec({ family: 'trace', version: 1, schema: TraceAnswered }),
  TraceDeclined: spec({ family: 'trace', version: 1, schema: TraceDeclined }),
  TraceEscalated: spec({ family: 'trace', version: 1, schema: TraceEscalated }),
  SharingAgreementCreated: spec({ family: 'agreement', version: 1, schema: SharingAgreementCreated }),
  SharingAgreementRevoked: spec({ family: 'agreement', version: 1, schema: SharingAgreementRevoked }),
} as const;

export type EventType = keyof typeof eventTypes;
export type EventDataOf<T extends EventType> = z.infer<(typeof eventTypes)[T]['schema']>;
export type EventDataInputOf<T extends EventType> = z.input<(typeof eventTypes)[T]['schema']>;

export const isEventType = (t: string): t is EventType => Object.hasOwn(eventTypes, t);

/**
 * Upcasters lift the data of version N to version N+1, keyed by type and N.
 * They are pure and total on valid input of version N; the result is then
 * validated against the next version's schema.
 */
type Upcaster = (data: unknown) => unknown;
export const upcasters: Partial<Record<EventType, Record<number, Upcaster>>> = {
  SeizureReported: {
    1: (raw) => {
      const v1 = SeizureReportedV1.parse(raw);
      return {
        seizureId: v1.seizureId,
        location: v1.location,
        route: v1.route,
        context: v1.context,
        // v1 predates the per-agency forms; the pilot was run by customs.
        details: { form: 'CUSTOMS' },
        items: v1.items.map(({ serialNumber, ...item }) => ({
          ...item,
          ...(serialNumber === undefined ? {} : { serial: { asRead: serialNumber, normalised: normaliseSerial(serialNumber) } }),
        })),
      };
    },
    2: (raw) => {
      const v2 = SeizureReportedV2.parse(raw);
      // v2's only conveyance was the customs form's free text: kept as read, its mode unknown.
      const text = v2.details.form === 'CUSTOMS' ? v2.details.conveyance : undefined;
      return { ...v2, ...(text ? { conveyance: { mode: 'OTHER', identifier: text.slice(0, 100) } } : {}), brokers: [] };
    },
  },
  RouteObserved: {
    1: (raw) => {
      const v1 = RouteObservedV1.parse(raw);
      return {
        routeId: v1.routeId,
        legs: [v1.origin, ...v1.transit, v1.destination],
        confidence: 'MEDIUM',
        ...(v1.modus ? { sources: v1.modus } : {}),
        seizureIds: v1.seizureIds,
        ...(v1.observedFrom ? { observedFrom: v1.observedFrom } : {}),
        ...(v1.observedTo ? { observedTo: v1.observedTo } : {}),
      };
    },
  },
};
