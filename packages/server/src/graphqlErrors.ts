import { ErrorCodes, mayPerform, publicErrorOf, TracebridgeError, ValidationError, type GuardedOperation, type PublicErrorCode } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';
import { GraphQLError } from 'graphql';
import { isTransientFailure } from './transientFailures';

export type { PublicErrorCode };

export class ForbiddenError extends GraphQLError {
  constructor(message = 'not allowed', tbCode?: string) {
    super(message, { extensions: { code: 'FORBIDDEN', ...(tbCode ? { tbCode } : {}) } });
  }
}

/** Refuse the operation unless one of the officer's roles grants it (ROLE_GRANTS in contracts). */
export function requireRole(officer: Officer, operation: GuardedOperation): void {
  if (!mayPerform(officer.roles, operation))
    throw new ForbiddenError(`your roles (${officer.roles.join(', ')}) do not allow ${operation.toLowerCase().replaceAll('_', ' ')}`, ErrorCodes.ROLE_REQUIRED);
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'a valid bearer token is required') {
    super(message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

/**
 * Normalise anything a resolver throws into a GraphQL error with a stable
 * `extensions.code` (and the offending input path for bad input). Unknown
 * errors are reported as INTERNAL_SERVER_ERROR without their message: it may
 * hold data the caller must not see. `extensions.retryable` says whether the
 * same request may simply be sent again: true on every SERVICE_UNAVAILABLE
 * (nothing was done, or what was done is found again by the retry: a report
 * by its clientReference), false on INTERNAL_SERVER_ERROR; the other codes
 * are the caller's to change (docs/api.md, "Errors").
 */
const PUBLIC_CODES = new Set<unknown>(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED'] satisfies PublicErrorCode[]);

export function toGraphQLError(err: GraphQLError): GraphQLError {
  const out = normalise(err);
  const code = out.extensions.code;
  if (code !== 'SERVICE_UNAVAILABLE' && code !== 'INTERNAL_SERVER_ERROR') return out;
  const retryable = code === 'SERVICE_UNAVAILABLE';
  return out.extensions.retryable === retryable ? out : withPath(out, { retryable });
}

function normalise(err: GraphQLError): GraphQLError {
  // Already normalised (by a subgraph, relayed by the gateway): pass it on as it is.
  if (PUBLIC_CODES.has(err.extensions.code)) return err;
  const original = err.originalError;
  // The gateway wraps a subgraph's errors in a FederatedError; relay the subgraph's own (normalised) error.
  const federated = (original as { extensions?: { errors?: { message?: string; extensions?: { code?: unknown } }[] } } | undefined)?.extensions?.errors?.[0];
  if (federated && PUBLIC_CODES.has(federated.extensions?.code)) {
    return new GraphQLError(federated.message ?? 'error', {
      nodes: err.nodes,
      positions: err.positions,
      path: err.path,
      extensions: federated.extensions as Record<string, unknown>,
    });
  }
  // A subgraph refused the connection, dropped it or did not answer in time (undici's errors, in the FederatedError).
  if (federated && isTransientFailure(federated)) {
    return withPath(
      err,
      { code: 'SERVICE_UNAVAILABLE', tbCode: ErrorCodes.SERVICE_UNAVAILABLE },
      'a service needed for the answer is unreachable or did not answer in time; try again',
    );
  }
  if (original instanceof GraphQLError && original.extensions.code) return withPath(err, original.extensions);
  if (err.extensions.code && !original) return err;
  if (original instanceof ValidationError && publicErrorOf(original.code).public === 'BAD_USER_INPUT') {
    const first = original.issues[0];
    return withPath(
      err,
      {
        code: 'BAD_USER_INPUT',
        tbCode: original.code,
        path: first?.path ?? [],
        issues: original.issues.slice(0, 20),
      },
      first ? `${first.path.join('.') || 'input'}: ${first.message}` : original.message,
    );
  }
  if (original instanceof TracebridgeError) return catalogued(err, original);
  const status = (original as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 429) {
    // The gateway's per-officer rate limit (services/gateway/src/rateLimit.ts).
    return withPath(err, { code: 'RATE_LIMITED', retryAfterSeconds: (original as { retryAfterSeconds?: unknown }).retryAfterSeconds }, original?.message);
  }
  if (original && typeof status === 'number' && status >= 400 && status < 500) {
    // mercurius' own refusals (query validation, depth limit): the caller's input.
    const inner = (original as { errors?: { message?: string }[] }).errors?.[0]?.message;
    return withPath(err, { code: 'BAD_USER_INPUT' }, inner ?? original.message);
  }
  if (!original) {
    // GraphQL's own validation (unknown field, wrong variable type …): the caller's input.
    return withPath(err, { code: 'BAD_USER_INPUT' });
  }
  // A store busy, locked or full, the bus down: nothing was written (one transaction), so the same request may be sent again.
  if (isTransientFailure(original)) {
    return withPath(
      err,
      { code: 'SERVICE_UNAVAILABLE', tbCode: ErrorCodes.SERVICE_UNAVAILABLE },
      'the service could not reach its storage or the bus just now; nothing was done, try again',
    );
  }
  return internalError(err);
}

/** A Tracebridge error, shown as the catalogue says; a code it does not know (e.g. from another service) is internal. */
function catalogued(err: GraphQLError, original: TracebridgeError): GraphQLError {
  const code = publicErrorOf(original.code).public;
  if (code === 'INTERNAL_SERVER_ERROR') return internalError(err);
  const path = (original.details as { path?: unknown }).path;
  // A lost race or a closing store says too much in its own words (stream ids, revisions): the retry is what matters.
  const message =
    code === 'SERVICE_UNAVAILABLE' && original.code !== ErrorCodes.SERVICE_UNAVAILABLE
      ? 'interrupted by a concurrent change or a restart; nothing was done, try again'
      : original.message;
  return withPath(err, { code, tbCode: original.code, ...(Array.isArray(path) ? { path } : {}) }, message);
}

const internalError = (err: GraphQLError): GraphQLError => new GraphQLError('internal error', { path: err.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });

/**
 * All of a response's errors, normalised; those that name the offending input
 * come first (graphql-js reports some problems twice, once without the path).
 */
export function toGraphQLErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  // mercurius hands a refused document over as one error holding graphql-js' validation errors: each is the caller's to see.
  const flat = errors.flatMap((e) => {
    const inner = (e.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(inner) && inner.length > 0 ? inner.map((x) => (x instanceof GraphQLError ? x : new GraphQLError((x as Error).message))) : [e];
  });
  const out = flat.map((e) => toGraphQLError(e));
  const pathed = (e: GraphQLError): number => (Array.isArray(e.extensions.path) ? 0 : 1);
  return out.sort((a, b) => pathed(a) - pathed(b));
}

function withPath(err: GraphQLError, extensions: Record<string, unknown>, message = err.message): GraphQLError {
  return new GraphQLError(message, { nodes: err.nodes, positions: err.positions, path: err.path, extensions: { ...err.extensions, ...extensions } });
}
