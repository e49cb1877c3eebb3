import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RateLimitOptions {
  perMinute: number;
  /**
   * Who is counted: each officer (the gateway: one person or one stolen
   * token cannot starve the others), or each agency (every subgraph: an
   * agency that mints itself new officer ids, or goes around the gateway,
   * still has one budget).
   */
  per: 'officer' | 'agency';
}

/**
 * Requests a minute on /graphql, keyed by the verified officer, so it runs as
 * a preHandler after the auth plugin; requests without one were already refused.
 */
export async function registerRateLimit(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  const key = (request: FastifyRequest): string =>
    opts.per === 'agency' ? (request.officer?.agency ?? request.ip) : `${request.officer?.agency ?? ''}/${request.officer?.subject ?? request.ip}`;
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: opts.perMinute,
    timeWindow: 60_000,
    allowList: (request) => request.officer === undefined,
    keyGenerator: key,
    // Thrown into mercurius' error handler, which hands it to the errorFormatter: a GraphQL error RATE_LIMITED, HTTP 429.
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, Math.ceil(context.ttl / 1000), opts.per),
  });
}

export class RateLimitedError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly max: number,
    readonly retryAfterSeconds: number,
    per: 'officer' | 'agency',
  ) {
    super(`more than ${max} requests a minute from this ${per}; retry in ${retryAfterSeconds} s`);
  }
}
