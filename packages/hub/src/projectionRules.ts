import { ErrorCodes, type RecordFamily, type TracebridgeEvent } from '@tracebridge/contracts';
import { RejectedEvent } from '@tracebridge/bus';

/** Who holds a record: its family and originator. */
export interface RecordOwner {
  kind: RecordFamily;
  agency: string;
  state: string;
}

export const baseOf = (event: TracebridgeEvent): Record<string, string> => ({
  agency: event.originator.agency,
  state: event.originator.state,
  tlp: event.handling.tlp,
  releasable: JSON.stringify(event.handling.releasableTo),
});

export const policyColumns = (event: TracebridgeEvent) => ({
  originator_agency: event.originator.agency,
  originator_state: event.originator.state,
  tlp: event.handling.tlp,
  releasable_to: JSON.stringify(event.handling.releasableTo),
});

/** The stream id is signed too; one that names another record means the event is not about the record its data names. */
export function expectStream(event: TracebridgeEvent, streamId: string): void {
  if (event.streamId !== streamId) {
    throw new RejectedEvent(ErrorCodes.STREAM_MISMATCH, `${event.type} ${event.id} is on stream ${event.streamId}, not ${streamId}`);
  }
}

export function expectOriginator(event: TracebridgeEvent, owner: RecordOwner, recordId: string): void {
  if (owner.agency !== event.originator.agency || owner.state !== event.originator.state) {
    throw new RejectedEvent(ErrorCodes.NOT_RECORD_ORIGINATOR, `${event.type} ${event.id} from ${event.originator.agency} names ${recordId}, a record of ${owner.agency}`);
  }
}

/** A report must name a new id: another originator's id is theirs, and the same originator reports a record once. */
export function expectNewRecord(event: TracebridgeEvent, owner: RecordOwner | undefined, recordId: string): void {
  if (owner === undefined) return;
  expectOriginator(event, owner, recordId);
  throw new RejectedEvent(ErrorCodes.RECORD_ALREADY_REPORTED, `${event.type} ${event.id} reports ${recordId} again; the first report stands`);
}
