import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * Per-officer request limit on /graphql: one officer (or one stolen token)
 * cannot starve the others. Keyed by the verified officer, so it runs as a
 * preHandler after the auth plugin; requests without one were already refused.
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => request.officer === undefined,
    keyGenerator: (request) => `${request.officer?.agency ?? ''}/${request.officer?.subject ?? request.ip}`,
    // Thrown into mercurius' error handler, which hands it to the errorFormatter: a GraphQL error RATE_LIMITED, HTTP 429.
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, Math.ceil(context.ttl / 1000)),
  });
}

export class RateLimitedError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly max: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`more than ${max} requests a minute from this officer; retry in ${retryAfterSeconds} s`);
  }
}
