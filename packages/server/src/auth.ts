import { ErrorCatalogue } from '@tracebridge/contracts';
import { ReplayGuard, verifyOfficerToken, verifyViewerAssertion, type Officer, type TrustRegistry } from '@tracebridge/identity';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';

declare module 'fastify' {
  interface FastifyRequest {
    officer?: Officer;
  }
}

/**
 * The one query a gateway may send without a token: a subgraph's SDL is not
 * secret. Checked on the parsed document, never with a regular expression
 * (a backtracking pattern let one unauthenticated request hold a core for
 * seconds), and only for short texts.
 */
function isServiceSdlQuery(query: string): boolean {
  if (query.length > 200) return false;
  try {
    return asksOnlyForServiceSdl(parse(query, { maxTokens: 40 }));
  } catch {
    return false;
  }
}

/** A refusal before GraphQL runs: the catalogue's public code and HTTP status for an invalid token. */
const { public: UNAUTHENTICATED, status: UNAUTHENTICATED_STATUS } = ErrorCatalogue.TOKEN_INVALID;
const unauthenticated = (message: string) => ({ data: null, errors: [{ message, extensions: { code: UNAUTHENTICATED, tbCode: ErrorCatalogue.TOKEN_INVALID.code } }] });

export interface AuthOptions {
  registry: () => TrustRegistry;
  /**
   * Routes served without a token, by their route pattern (as registered,
   * e.g. '/graphiql/assets/:file'). Everything else needs a verified officer.
   * @default ['/health']
   */
  publicRoutes?: readonly string[];
  /** Longest token lifetime accepted (exp − iat), in seconds. @default 43200 */
  maxTokenLifetimeSeconds?: number;
  /** This service's id: the audience of the gateway's viewer assertions (`Authorization: TB-Gateway <jws>`). Without it, only bearer tokens. */
  audience?: string;
}

/**
 * Every request must carry a valid officer token, verified here (never a
 * bare header trusted from the gateway): issuer, signature, audience,
 * expiry, lifetime, roles. The verified officer is `request.officer`.
 *
 * The check is bound to the route the router matched (`routeOptions.url`),
 * never to the URL string: `/%67raphql`, `/graphql#x` or `/graphql?x` reach
 * the same handler as `/graphql`, so they meet the same check. Routes that
 * are not listed as public, and requests that match no route, need a token:
 * a new route is closed until someone opens it on purpose.
 */
export const authPlugin = fp((app: FastifyInstance, opts: AuthOptions, done: (err?: Error) => void) => {
  const publicRoutes = new Set(opts.publicRoutes ?? ['/health']);
  const replays = new ReplayGuard();
  const verify = async (scheme: string, credential: string): Promise<Officer> => {
    if (scheme === 'bearer')
      return verifyOfficerToken(credential, opts.registry(), opts.maxTokenLifetimeSeconds === undefined ? {} : { maxLifetimeSeconds: opts.maxTokenLifetimeSeconds });
    // The gateway vouches for an officer whose token it verified, for this service only (no bearer token leaves the gateway).
    if (scheme === 'tb-gateway' && opts.audience) return verifyViewerAssertion(credential, opts.registry(), opts.audience, replays);
    throw new Error(`scheme ${scheme} not accepted`);
  };
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && publicRoutes.has(route)) return;
    const header = request.headers.authorization;
    if (!header) {
      const body = request.body as { query?: unknown } | undefined;
      if (route === '/graphql' && request.method === 'POST' && typeof body?.query === 'string' && isServiceSdlQuery(body.query)) return;
      return reply.code(UNAUTHENTICATED_STATUS).send(unauthenticated('a bearer token is required'));
    }
    const [scheme, token, extra] = header.split(' ');
    if (!scheme || !token || extra !== undefined) return reply.code(UNAUTHENTICATED_STATUS).send(unauthenticated('the Authorization header must be "Bearer <token>"'));
    try {
      request.officer = await verify(scheme.toLowerCase(), token);
    } catch (err) {
      request.log.info({ reason: (err as Error).message }, 'token rejected');
      return reply.code(UNAUTHENTICATED_STATUS).send(unauthenticated('the bearer token is not valid'));
    }
  });
  done();
});

/**
 * Whether a parsed operation asks only for the subgraph's SDL. The second
 * line of defence behind the route check: a GraphQL execution without a
 * verified officer is refused unless this holds.
 */
export function asksOnlyForServiceSdl(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind === Kind.OPERATION_DEFINITION &&
      d.operation === OperationTypeNode.QUERY &&
      d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value === '_service'),
  );
}
