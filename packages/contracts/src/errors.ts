/** The codes clients see in GraphQL `extensions.code`. */
export type PublicErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

const input = { public: 'BAD_USER_INPUT', status: 400 } as const;
const forbidden = { public: 'FORBIDDEN', status: 403 } as const;
/** Errors of the system, not of the caller: shown as INTERNAL_SERVER_ERROR, message withheld. */
const internal = { public: 'INTERNAL_SERVER_ERROR', status: 500 } as const;
/** Safe to retry: the operation did not take effect. */
const retryable = { public: 'SERVICE_UNAVAILABLE', status: 503 } as const;

/**
 * The catalogue of stable error codes, each with the public code (and HTTP
 * status) it is shown as. Callers branch on `code`, never on a message text;
 * a code not in the catalogue is an internal error, never bad input. Every
 * Tracebridge error sets `name`, `code` and, where it wraps another failure,
 * `cause`.
 */
export const ErrorCatalogue = {
  BAD_USER_INPUT: { code: 'TB_ERR_BAD_USER_INPUT', ...input },
  QUERY_SYNTAX: { code: 'TB_ERR_QUERY_SYNTAX', ...input },
  QUERY_TOO_COSTLY: { code: 'TB_ERR_QUERY_TOO_COSTLY', ...input },
  TOO_MANY_REPRESENTATIONS: { code: 'TB_ERR_TOO_MANY_REPRESENTATIONS', ...input },
  INVALID_EVENT: { code: 'TB_ERR_INVALID_EVENT', ...internal },
  UNKNOWN_EVENT_TYPE: { code: 'TB_ERR_UNKNOWN_EVENT_TYPE', ...internal },
  UNSUPPORTED_SCHEMA_VERSION: { code: 'TB_ERR_UNSUPPORTED_SCHEMA_VERSION', ...internal },
  WRONG_EXPECTED_REVISION: { code: 'TB_ERR_WRONG_EXPECTED_REVISION', ...retryable },
  EVENT_ID_CONFLICT: { code: 'TB_ERR_EVENT_ID_CONFLICT', ...internal },
  /** The stream was deleted in the store (KurrentDB): it cannot be appended to or read; an operator's act, not a caller's. */
  STREAM_DELETED: { code: 'TB_ERR_STREAM_DELETED', ...internal },
  /** The store sent a recorded event without its global position: it cannot be checkpointed, so it is refused rather than guessed. */
  EVENT_POSITION_MISSING: { code: 'TB_ERR_EVENT_POSITION_MISSING', ...internal },
  STORE_CLOSED: { code: 'TB_ERR_STORE_CLOSED', ...retryable },
  /** A service needed for the answer did not respond in time: nothing was done, try again. */
  SERVICE_UNAVAILABLE: { code: 'TB_ERR_SERVICE_UNAVAILABLE', ...retryable },
  /** Anything the system did not expect; never shown beyond its public code. */
  INTERNAL: { code: 'TB_ERR_INTERNAL', ...internal },
  SIGNATURE_INVALID: { code: 'TB_ERR_SIGNATURE_INVALID', ...internal },
  UNKNOWN_SIGNER: { code: 'TB_ERR_UNKNOWN_SIGNER', ...internal },
  TOKEN_INVALID: { code: 'TB_ERR_TOKEN_INVALID', public: 'UNAUTHENTICATED', status: 401 },
  REGISTRY_INVALID: { code: 'TB_ERR_REGISTRY_INVALID', ...internal },
  SERVICE_MESSAGE_INVALID: { code: 'TB_ERR_SERVICE_MESSAGE_INVALID', ...internal },
  /** A verified service asked for something it may not ask (e.g. not the hub, or not the viewer's own service). */
  SERVICE_NOT_ALLOWED: { code: 'TB_ERR_SERVICE_NOT_ALLOWED', ...forbidden },
  HANDLER_FAILED: { code: 'TB_ERR_HANDLER_FAILED', ...internal },
  OUT_OF_ORDER: { code: 'TB_ERR_OUT_OF_ORDER', ...internal },
  /** An event about a record the read model does not hold (dead-lettered, replayable). */
  RECORD_NOT_FOUND: { code: 'TB_ERR_RECORD_NOT_FOUND', ...internal },
  // Projections: a verified event that would change a record it has no right to; dead-lettered, never applied.
  NOT_RECORD_ORIGINATOR: { code: 'TB_ERR_NOT_RECORD_ORIGINATOR', ...internal },
  STREAM_MISMATCH: { code: 'TB_ERR_STREAM_MISMATCH', ...internal },
  RECORD_ALREADY_REPORTED: { code: 'TB_ERR_RECORD_ALREADY_REPORTED', ...internal },
  // Domain rules (deciders): the caller's request, refused.
  SEIZURE_NOT_FOUND: { code: 'TB_ERR_SEIZURE_NOT_FOUND', public: 'NOT_FOUND', status: 404 },
  SEIZURE_ALREADY_REPORTED: { code: 'TB_ERR_SEIZURE_ALREADY_REPORTED', ...input },
  STOCKPILE_LOSS_ALREADY_REPORTED: { code: 'TB_ERR_STOCKPILE_LOSS_ALREADY_REPORTED', ...input },
  NOT_ORIGINATOR: { code: 'TB_ERR_NOT_ORIGINATOR', ...forbidden },
  WRONG_AGENCY_KIND: { code: 'TB_ERR_WRONG_AGENCY_KIND', ...forbidden },
  ROLE_REQUIRED: { code: 'TB_ERR_ROLE_REQUIRED', ...forbidden },
  ITEM_NOT_FOUND: { code: 'TB_ERR_ITEM_NOT_FOUND', ...input },
  ITEM_ALREADY_DESTROYED: { code: 'TB_ERR_ITEM_ALREADY_DESTROYED', ...input },
  DISPOSITION_UNCHANGED: { code: 'TB_ERR_DISPOSITION_UNCHANGED', ...input },
  OCCURRED_IN_FUTURE: { code: 'TB_ERR_OCCURRED_IN_FUTURE', ...input },
  // Cases (ADR 9).
  CASE_NOT_FOUND: { code: 'TB_ERR_CASE_NOT_FOUND', public: 'NOT_FOUND', status: 404 },
  CASE_ALREADY_OPEN: { code: 'TB_ERR_CASE_ALREADY_OPEN', ...input },
  NOT_CASE_OPENER: { code: 'TB_ERR_NOT_CASE_OPENER', ...forbidden },
  NOT_CASE_PARTICIPANT: { code: 'TB_ERR_NOT_CASE_PARTICIPANT', ...forbidden },
  NOT_INVITED: { code: 'TB_ERR_NOT_INVITED', ...forbidden },
  ALREADY_IN_CASE: { code: 'TB_ERR_ALREADY_IN_CASE', ...input },
  CASE_HANDLING_EXCLUDES: { code: 'TB_ERR_CASE_HANDLING_EXCLUDES', ...forbidden },
  OPENER_CANNOT_LEAVE: { code: 'TB_ERR_OPENER_CANNOT_LEAVE', ...input },
  RECORD_ALREADY_ATTACHED: { code: 'TB_ERR_RECORD_ALREADY_ATTACHED', ...input },
  ATTACHMENT_NOT_FOUND: { code: 'TB_ERR_ATTACHMENT_NOT_FOUND', ...input },
  NOT_RECORD_HOLDER: { code: 'TB_ERR_NOT_RECORD_HOLDER', ...forbidden },
  SHARE_NOT_PENDING: { code: 'TB_ERR_SHARE_NOT_PENDING', ...input },
  SHARE_NOT_SHARED: { code: 'TB_ERR_SHARE_NOT_SHARED', ...input },
  // Tracing requests (PoA II.10, II.36, III.11).
  TRACE_NOT_FOUND: { code: 'TB_ERR_TRACE_NOT_FOUND', public: 'NOT_FOUND', status: 404 },
  TRACE_ALREADY_REQUESTED: { code: 'TB_ERR_TRACE_ALREADY_REQUESTED', ...input },
  /** Fields a trace needs are missing; `issues` names every one of them at once. */
  TRACE_REQUEST_INCOMPLETE: { code: 'TB_ERR_TRACE_REQUEST_INCOMPLETE', ...input },
  TRACE_TO_OWN_STATE: { code: 'TB_ERR_TRACE_TO_OWN_STATE', ...input },
  /** The directory lists no point of contact for the addressed state: nobody could answer. */
  NO_POINT_OF_CONTACT: { code: 'TB_ERR_NO_POINT_OF_CONTACT', ...input },
  NOT_TRACE_POINT_OF_CONTACT: { code: 'TB_ERR_NOT_TRACE_POINT_OF_CONTACT', ...forbidden },
  NOT_TRACE_REQUESTER: { code: 'TB_ERR_NOT_TRACE_REQUESTER', ...forbidden },
  TRACE_ALREADY_ACKNOWLEDGED: { code: 'TB_ERR_TRACE_ALREADY_ACKNOWLEDGED', ...input },
  /** The trace is answered or declined: nothing more happens to it. */
  TRACE_CLOSED: { code: 'TB_ERR_TRACE_CLOSED', ...input },
  /** An answer with no finding at all: a trace that found nothing is declined (UNABLE_TO_TRACE) with its reason. */
  TRACE_ANSWER_EMPTY: { code: 'TB_ERR_TRACE_ANSWER_EMPTY', ...input },
  TRACE_NOT_OVERDUE: { code: 'TB_ERR_TRACE_NOT_OVERDUE', ...input },
  /** Already escalated: a retried escalation can take this as done. */
  TRACE_ALREADY_ESCALATED: { code: 'TB_ERR_TRACE_ALREADY_ESCALATED', ...input },
  /** The directory lists no liaison point for the region: there is nobody to escalate to. */
  NO_LIAISON_POINT: { code: 'TB_ERR_NO_LIAISON_POINT', ...input },
  // Configuration: a bad setting stops start-up, naming the variable.
  CONFIG_INVALID: { code: 'TB_ERR_CONFIG_INVALID', ...internal },
  // Sharing agreements (ADR 11).
  AGREEMENT_NOT_FOUND: { code: 'TB_ERR_AGREEMENT_NOT_FOUND', public: 'NOT_FOUND', status: 404 },
  AGREEMENT_ALREADY_CREATED: { code: 'TB_ERR_AGREEMENT_ALREADY_CREATED', ...input },
  /** Only the agency whose records an agreement opens creates or revokes it. */
  NOT_AGREEMENT_ORIGINATOR: { code: 'TB_ERR_NOT_AGREEMENT_ORIGINATOR', ...forbidden },
  AGREEMENT_ALREADY_REVOKED: { code: 'TB_ERR_AGREEMENT_ALREADY_REVOKED', ...input },
  /** No party but the originator itself: an agreement that would open nothing to anyone. */
  AGREEMENT_PARTIES_INVALID: { code: 'TB_ERR_AGREEMENT_PARTIES_INVALID', ...input },
  /** validUntil not after validFrom, or already past when the agreement is created. */
  AGREEMENT_VALIDITY_INVALID: { code: 'TB_ERR_AGREEMENT_VALIDITY_INVALID', ...input },
  /** An originator holds at most so many agreements not revoked (each one changes the policy every hub evaluates). */
  AGREEMENT_LIMIT_REACHED: { code: 'TB_ERR_AGREEMENT_LIMIT_REACHED', ...input },
  // Broker registry (PoA II.14, IV.1(d); ADR 12).
  BROKER_NOT_FOUND: { code: 'TB_ERR_BROKER_NOT_FOUND', public: 'NOT_FOUND', status: 404 },
  /** This broker id, or this registration number of the authority, is registered already. */
  BROKER_ALREADY_REGISTERED: { code: 'TB_ERR_BROKER_ALREADY_REGISTERED', ...input },
  /** Only the licensing authority that registered a broker acts on it. */
  NOT_BROKER_AUTHORITY: { code: 'TB_ERR_NOT_BROKER_AUTHORITY', ...forbidden },
  /** The broker's registration is suspended: no licence, no second suspension. */
  BROKER_SUSPENDED: { code: 'TB_ERR_BROKER_SUSPENDED', ...input },
  /** The broker's registration is revoked, for good: nothing more happens to it but flags. */
  BROKER_REVOKED: { code: 'TB_ERR_BROKER_REVOKED', ...input },
  /** The broker's registration has lapsed: no licence is granted on it. */
  BROKER_EXPIRED: { code: 'TB_ERR_BROKER_EXPIRED', ...input },
  /** A validity already past, or a licence that would outlast the registration. */
  BROKER_VALIDITY_INVALID: { code: 'TB_ERR_BROKER_VALIDITY_INVALID', ...input },
  /** A broker holds at most so many licences, and so many flags. */
  BROKER_LIMIT_REACHED: { code: 'TB_ERR_BROKER_LIMIT_REACHED', ...input },
  // Routes and links (issue 9).
  ROUTE_ALREADY_OBSERVED: { code: 'TB_ERR_ROUTE_ALREADY_OBSERVED', ...input },
} as const satisfies Record<string, { code: `TB_ERR_${string}`; public: PublicErrorCode; status: number }>;

type Catalogue = typeof ErrorCatalogue;
/** The codes by name, e.g. `ErrorCodes.BAD_USER_INPUT === 'TB_ERR_BAD_USER_INPUT'`. */
export const ErrorCodes = Object.fromEntries(Object.entries(ErrorCatalogue).map(([k, v]) => [k, v.code])) as { readonly [K in keyof Catalogue]: Catalogue[K]['code'] };

const byCode = new Map<string, { public: PublicErrorCode; status: number }>(Object.values(ErrorCatalogue).map((e) => [e.code, e]));
/** How a code is shown to a client; a code not in the catalogue is internal. */
export const publicErrorOf = (code: string): { public: PublicErrorCode; status: number } => byCode.get(code) ?? internal;

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

export const isTracebridgeError = (e: unknown, code?: ErrorCode): e is TracebridgeError => e instanceof TracebridgeError && (code === undefined || e.code === code);
