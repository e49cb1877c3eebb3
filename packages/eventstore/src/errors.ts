import { ErrorCodes, TracebridgeError } from '@tracebridge/contracts';
import type { ExpectedRevision } from './eventStore';

/** Another writer got there first: reload the stream and decide again, or report the conflict. */
export class WrongExpectedRevisionError extends TracebridgeError {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
    cause?: unknown,
  ) {
    super(ErrorCodes.WRONG_EXPECTED_REVISION, `stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`, {
      cause,
      details: { streamId, expected: String(expected), actual: String(actual) },
    });
  }
}

/** An event id that is already used elsewhere than in an identical re-append. */
export class EventIdConflictError extends TracebridgeError {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(ErrorCodes.EVENT_ID_CONFLICT, `event id ${eventId} is already used, not as the same append to ${streamId}`, {
      details: { eventId, streamId },
    });
  }
}

export class StoreClosedError extends TracebridgeError {
  override readonly name = 'StoreClosedError';
  constructor() {
    super(ErrorCodes.STORE_CLOSED, 'the event store is closed');
  }
}
