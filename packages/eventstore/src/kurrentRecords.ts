import type { Position, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { EventPositionMissingError } from './errors';
import type { RecordedEvent } from './eventStore';

/**
 * KurrentDB log positions are signed 64-bit numbers sent unsigned, so a
 * server's "no position" (-1) arrives as 2^64 - 1; and no event sits at 0
 * (the log opens with the server's own records), so 0 is what an unset
 * protobuf field reads as. Neither is a position a checkpoint may take.
 */
const UNSIGNED_MINUS_ONE_FROM = 2n ** 63n;

/** The commit position, or undefined when the server sent none (or one of its stand-ins for none). */
export function validPosition(position: Position | undefined): bigint | undefined {
  const commit = position?.commit;
  return commit !== undefined && commit > 0n && commit < UNSIGNED_MINUS_ONE_FROM ? commit : undefined;
}

/**
 * An event's global position: its commit position. KurrentDB positions are
 * (commit, prepare) pairs; for events written outside explicit transactions,
 * which is all Tracebridge writes, the two are equal, so the commit position
 * alone is the checkpoint (and `toReadPosition` rebuilds the pair from it).
 * @throws EventPositionMissingError when the server sent none: see that error for why it is never guessed
 */
export function positionOf(e: KurrentRecordedEvent, streamId: string): bigint {
  const position = validPosition(e.position);
  if (position === undefined) throw new EventPositionMissingError(e.id, streamId);
  return position;
}

export const toReadPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** The port's recorded event; the stream named as the caller names it, without the store's prefix. */
export function toRecorded(e: KurrentRecordedEvent, prefix: string): RecordedEvent {
  const streamId = e.streamId.slice(prefix.length);
  return {
    id: e.id,
    type: e.type,
    streamId,
    revision: Number(e.revision),
    position: positionOf(e, streamId),
    data: e.isJson ? e.data : JSON.parse(Buffer.from(e.data).toString('utf8')),
    metadata: e.isJson ? e.metadata : undefined,
    storedAt: e.created,
  };
}
