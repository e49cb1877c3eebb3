import { verifyOfficerToken, type Officer, type TrustRegistry } from '@tracebridge/identity';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    officer?: Officer;
  }
}

/** The one query a gateway may send without a token: a subgraph's SDL is not secret. */
const SDL_QUERY = /^\s*(query\s*\w*\s*)?\{\s*_service\s*\{\s*sdl\s*\}\s*\}\s*$/;

const unauthenticated = (message: string) => ({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

export interface AuthOptions {
  registry: () => TrustRegistry;
}

/**
 * Every request to /graphql must carry a valid officer token, verified here
 * (never a bare header trusted from the gateway): issuer, signature, audience,
 * expiry. The verified officer is `request.officer`.
 */
export const authPlugin = fp((app: FastifyInstance, opts: AuthOptions, done: (err?: Error) => void) => {
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path !== '/graphql') return;
    const header = request.headers.authorization;
    if (!header) {
      const body = request.body as { query?: unknown } | undefined;
      if (request.method === 'POST' && typeof body?.query === 'string' && SDL_QUERY.test(body.query)) return;
      return reply.code(401).send(unauthenticated('a bearer token is required'));
    }
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return reply.code(401).send(unauthenticated('the Authorization header must be "Bearer <token>"'));
    try {
      request.officer = await verifyOfficerToken(token, opts.registry());
    } catch (err) {
      request.log.info({ reason: (err as Error).message }, 'token rejected');
      return reply.code(401).send(unauthenticated('the bearer token is not valid'));
    }
  });
  done();
});
