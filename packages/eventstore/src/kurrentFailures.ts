import { ErrorType } from '@kurrent/kurrentdb-client';
import { StreamDeletedError } from './errors';

/**
 * The client's error type, from the `type` every one of its errors carries
 * (`ErrorType`). Read rather than tested with `instanceof`, so errors from a
 * second copy of the client package in the tree are recognised too.
 */
export function clientErrorType(err: unknown): string | undefined {
  const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

/**
 * Failures a new subscription can cure: the node went away or stepped down
 * (the client reconnects, to the leader it was told of), a deadline passed,
 * the server cancelled the call.
 */
const TRANSIENT: ReadonlySet<string> = new Set([ErrorType.UNAVAILABLE, ErrorType.NOT_LEADER, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.CANCELLED]);

/**
 * grpc-js flattens a failed TLS handshake into UNAVAILABLE whose text
 * carries the socket's error ("self-signed certificate", "certificate has
 * expired", "Hostname/IP does not match certificate's altnames", "wrong
 * version number" when one side speaks TLS and the other does not). The
 * text is the only trace of it that reaches us, so it is read here, and only
 * to keep such a failure from being retried in silence.
 */
const TLS_FAILURE = /certificate|self[- ]signed|altnames|SSL routines|wrong version number|handshake/i;

/**
 * Whether the subscription should resubscribe by itself (after a wait), or
 * end and hand the failure to its consumer, whose own failure path logs it
 * and backs off (the relay's does). Only what is known to pass is retried
 * here: access denied, a refused certificate, a refused filter, our own
 * refusals and anything unrecognised go to the consumer.
 */
export function isTransient(err: unknown): boolean {
  const type = clientErrorType(err);
  if (type === undefined || !TRANSIENT.has(type)) return false;
  return !TLS_FAILURE.test(err instanceof Error ? err.message : '');
}

/** A failure of an append or read of one stream, with a deleted stream given its Tracebridge error; `streamId` as the caller named it. */
export function streamFailure(err: unknown, streamId: string): unknown {
  const type = clientErrorType(err);
  return type === ErrorType.STREAM_DELETED || type === ErrorType.STREAM_TOMBSTONED ? new StreamDeletedError(streamId, err) : err;
}
