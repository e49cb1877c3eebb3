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

/** The stream was deleted in the store (KurrentDB tombstones it): nothing can be appended to it or read from it again. */
export class StreamDeletedError extends TracebridgeError {
  override readonly name = 'StreamDeletedError';
  constructor(
    readonly streamId: string,
    cause?: unknown,
  ) {
    super(ErrorCodes.STREAM_DELETED, `stream ${streamId} is deleted in the event store`, { cause, details: { streamId } });
  }
}

/**
 * A recorded event came without its global position. Refused, never given a
 * stand-in: a relay checkpoints the position of what it published, and a
 * made-up one (-1, 0) would move its checkpoint back (everything published
 * again) or a later guess past events not yet published (lost).
 */
export class EventPositionMissingError extends TracebridgeError {
  override readonly name = 'EventPositionMissingError';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(
      ErrorCodes.EVENT_POSITION_MISSING,
      `the event store sent event ${eventId} of stream ${streamId} without its global position (EventStoreDB before 22.6 leaves it out of stream reads; Tracebridge needs it)`,
      { details: { eventId, streamId } },
    );
  }
}

export class StoreClosedError extends TracebridgeError {
  override readonly name = 'StoreClosedError';
  constructor() {
    super(ErrorCodes.STORE_CLOSED, 'the event store is closed');
  }
}
