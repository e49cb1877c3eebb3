/**
 * Failures of the infrastructure under a request, not of the request: a
 * SQLite file busy, locked or out of space, a disk that failed a write, the
 * bus unreachable or a request on it unanswered, another service refusing
 * the connection or not answering in time. They pass with time, and a
 * request that met one is safe to repeat: every write of ours that could
 * have met one is a single transaction (rolled back when it fails), and a
 * report repeated with its clientReference answers with the record already
 * kept. They are shown as SERVICE_UNAVAILABLE with `retryable: true`.
 *
 * Recognised by stable identifiers only, never by message text: SQLite's
 * extended result codes (better-sqlite3's `code`), Node's and undici's
 * network error codes, nats.js' error class names.
 */

/** SQLITE_BUSY*, SQLITE_LOCKED*, SQLITE_FULL, SQLITE_IOERR* (ENOSPC on some file systems, a failed write), SQLITE_PROTOCOL. */
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|PROTOCOL)(_[A-Z_]+)?$/;

/** A connection refused, reset or timed out: Node's socket errors and undici's (the gateway's client to its subgraphs). */
const NETWORK_TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** nats.js v3: no connection, a connection closing, a request nobody answered (in time). */
const NATS_TRANSIENT = new Set(['ConnectionError', 'ClosedConnectionError', 'DrainingConnectionError', 'TimeoutError', 'NoResponders', 'RequestError']);

/** Whether `err`, or an error it was caused by, is a transient failure of the infrastructure. */
export function isTransientFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const { code, name, cause } = err as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SQLITE_TRANSIENT.test(code) || NETWORK_TRANSIENT.has(code))) return true;
  if (typeof name === 'string' && NATS_TRANSIENT.has(name)) return true;
  return isTransientFailure(cause, depth + 1);
}
