/**
 * The catalogue of stable error codes. Callers branch on `code`, never on a
 * message text. Every Tracebridge error sets `name`, `code` and, where it wraps
 * another failure, `cause`.
 */
export const ErrorCodes = {
  BAD_USER_INPUT: 'TB_ERR_BAD_USER_INPUT',
  QUERY_SYNTAX: 'TB_ERR_QUERY_SYNTAX',
  QUERY_TOO_COSTLY: 'TB_ERR_QUERY_TOO_COSTLY',
  TOO_MANY_REPRESENTATIONS: 'TB_ERR_TOO_MANY_REPRESENTATIONS',
  INVALID_EVENT: 'TB_ERR_INVALID_EVENT',
  UNKNOWN_EVENT_TYPE: 'TB_ERR_UNKNOWN_EVENT_TYPE',
  UNSUPPORTED_SCHEMA_VERSION: 'TB_ERR_UNSUPPORTED_SCHEMA_VERSION',
  WRONG_EXPECTED_REVISION: 'TB_ERR_WRONG_EXPECTED_REVISION',
  EVENT_ID_CONFLICT: 'TB_ERR_EVENT_ID_CONFLICT',
  STORE_CLOSED: 'TB_ERR_STORE_CLOSED',
  SIGNATURE_INVALID: 'TB_ERR_SIGNATURE_INVALID',
  UNKNOWN_SIGNER: 'TB_ERR_UNKNOWN_SIGNER',
  TOKEN_INVALID: 'TB_ERR_TOKEN_INVALID',
  REGISTRY_INVALID: 'TB_ERR_REGISTRY_INVALID',
  SERVICE_MESSAGE_INVALID: 'TB_ERR_SERVICE_MESSAGE_INVALID',
  /** A verified service asked for something it may not ask (e.g. not the hub, or not the viewer's own service). */
  SERVICE_NOT_ALLOWED: 'TB_ERR_SERVICE_NOT_ALLOWED',
  HANDLER_FAILED: 'TB_ERR_HANDLER_FAILED',
  OUT_OF_ORDER: 'TB_ERR_OUT_OF_ORDER',
  /** An event about a record the read model does not hold (dead-lettered, replayable). */
  RECORD_NOT_FOUND: 'TB_ERR_RECORD_NOT_FOUND',
  // Projections: a verified event that would change a record it has no right to; dead-lettered, never applied.
  NOT_RECORD_ORIGINATOR: 'TB_ERR_NOT_RECORD_ORIGINATOR',
  STREAM_MISMATCH: 'TB_ERR_STREAM_MISMATCH',
  RECORD_ALREADY_REPORTED: 'TB_ERR_RECORD_ALREADY_REPORTED',
  // Domain rules (deciders); the GraphQL edge maps them to BAD_USER_INPUT, FORBIDDEN or NOT_FOUND.
  SEIZURE_NOT_FOUND: 'TB_ERR_SEIZURE_NOT_FOUND',
  SEIZURE_ALREADY_REPORTED: 'TB_ERR_SEIZURE_ALREADY_REPORTED',
  STOCKPILE_LOSS_ALREADY_REPORTED: 'TB_ERR_STOCKPILE_LOSS_ALREADY_REPORTED',
  NOT_ORIGINATOR: 'TB_ERR_NOT_ORIGINATOR',
  WRONG_AGENCY_KIND: 'TB_ERR_WRONG_AGENCY_KIND',
  ROLE_REQUIRED: 'TB_ERR_ROLE_REQUIRED',
  ITEM_NOT_FOUND: 'TB_ERR_ITEM_NOT_FOUND',
  ITEM_ALREADY_DESTROYED: 'TB_ERR_ITEM_ALREADY_DESTROYED',
  DISPOSITION_UNCHANGED: 'TB_ERR_DISPOSITION_UNCHANGED',
  OCCURRED_IN_FUTURE: 'TB_ERR_OCCURRED_IN_FUTURE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface IssuePath {
  path: (string | number)[];
  message: string;
}

export class TracebridgeError extends Error {
  override readonly name: string = 'TracebridgeError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details ?? {};
  }
}

/** Input or a message failed its schema; `issues` carry the offending paths. */
export class ValidationError extends TracebridgeError {
  override readonly name = 'ValidationError';
  readonly issues: readonly IssuePath[];

  constructor(code: ErrorCode, message: string, issues: IssuePath[], cause?: unknown) {
    super(code, message, { cause, details: { issues } });
    this.issues = issues;
  }
}

export const isTracebridgeError = (e: unknown, code?: ErrorCode): e is TracebridgeError =>
  e instanceof TracebridgeError && (code === undefined || e.code === code);
