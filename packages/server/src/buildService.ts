import type { ServiceHealth } from './health';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import type { Officer, TrustRegistry } from '@tracebridge/identity';
import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import mercurius, { type IResolvers } from 'mercurius';
import { asksOnlyForServiceSdl, authPlugin } from './auth';
import { toGraphQLErrors, UnauthenticatedError } from './graphqlErrors';
import { DEFAULT_MAX_REPRESENTATIONS } from './inputRules';
import { operationLimitsPlugin, staticValidationRules } from './limits';
import { registerRateLimit } from './rateLimit';
import { z } from 'zod';
import { DEFAULT_OPERATION_BUDGET } from './operationCost';

/** Requests a minute per agency at each subgraph (`TB_AGENCY_RATE_LIMIT_PER_MINUTE`). @default 6000 */
const AgencyRateLimit = z.coerce.number().int().min(1).default(6000);
/** The longest officer token accepted, exp − iat (`TB_MAX_TOKEN_LIFETIME_SECONDS`). @default 43200 (12 hours) */
export const MaxTokenLifetime = z.coerce
  .number()
  .int()
  .min(60)
  .max(7 * 86400)
  .default(43_200);

export interface GraphqlServiceOptions {
  name: string;
  schema: string;
  resolvers: IResolvers;
  registry: () => TrustRegistry;
  /** Largest request body accepted, in bytes. @default 262144 */
  bodyLimit?: number;
  /** Requests a minute per agency. @default TB_AGENCY_RATE_LIMIT_PER_MINUTE, else 6000 */
  agencyRateLimitPerMinute?: number;
  /** Routes served without a token besides /health (see AuthOptions.publicRoutes). */
  publicRoutes?: readonly string[];
  /** Deepest query accepted. @default 12 */
  queryDepth?: number;
  /** Points an operation may cost (docs/api.md). @default DEFAULT_OPERATION_BUDGET */
  operationBudget?: number;
  /** `_entities` representations accepted per request. @default DEFAULT_MAX_REPRESENTATIONS */
  maxRepresentations?: number;
  logLevel?: string;
  /**
   * The service's own plugins, registered after GraphQL (so they may add
   * mercurius hooks): name each with fastify-plugin, so the app lists what
   * it is made of and a missing dependency fails at start, not at run time.
   */
  plugins?: readonly ServicePlugin[];
  /** What `/health` and `/metrics` report (relays, consumers); without it `/health` says ok and there is no `/metrics`. */
  health?: ServiceHealth;
}

/** A plugin of a service with its options, as `buildGraphqlService` registers it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin has its own options type; `plugin()` below pairs them.
export type ServicePlugin = { plugin: FastifyPluginAsync<any> | FastifyPluginCallback<any>; options: object };
export const plugin = <O extends object>(p: FastifyPluginAsync<O> | FastifyPluginCallback<O>, options: O): ServicePlugin => ({ plugin: p, options });

export interface RequestContext {
  officer: Officer;
}

declare module 'mercurius' {
  interface MercuriusContext {
    /**
     * Set by the auth plugin on every request that reaches a resolver of
     * ours: an execution without one is refused before validation, unless it
     * asks only for the SDL (which has no resolvers of ours).
     */
    officer: Officer;
  }
}

/**
 * A federated GraphQL subgraph on fastify: token verification, size, depth
 * and cost limits, a cap on `_entities`, stable error codes, a health route.
 * Subgraphs are reachable directly on loopback: none relies on the gateway's limits. Built, not listening:
 * tests use `inject`, main files call `listen`.
 */
export async function buildGraphqlService(opts: GraphqlServiceOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    logger: { level: opts.logLevel ?? process.env.TB_LOG_LEVEL ?? 'info', name: opts.name, redact: ['req.headers.authorization'] },
    // One log line per request would drown what matters; errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const health = opts.health;
  app.get('/health', (_req, reply) => {
    const report = health?.report() ?? { ok: true, service: opts.name };
    return reply.code(report.ok ? 200 : 503).send(report);
  });
  if (health) app.get('/metrics', async (_req, reply) => reply.type(health.registry.contentType).send(await health.registry.metrics()));
  await app.register(authPlugin, {
    registry: opts.registry,
    audience: opts.name,
    maxTokenLifetimeSeconds: MaxTokenLifetime.parse(process.env.TB_MAX_TOKEN_LIFETIME_SECONDS),
    publicRoutes: ['/health', ...(health ? ['/metrics'] : []), ...(opts.publicRoutes ?? [])],
  });
  await registerRateLimit(app, { perMinute: opts.agencyRateLimitPerMinute ?? AgencyRateLimit.parse(process.env.TB_AGENCY_RATE_LIMIT_PER_MINUTE), per: 'agency' });
  await app.register(operationLimitsPlugin, {
    budget: opts.operationBudget ?? DEFAULT_OPERATION_BUDGET,
    maxRepresentations: opts.maxRepresentations ?? DEFAULT_MAX_REPRESENTATIONS,
    schema: () => app.graphql.schema,
  });
  await app.register(mercuriusFederationPlugin, {
    schema: opts.schema,
    resolvers: opts.resolvers,
    graphiql: false,
    queryDepth: opts.queryDepth ?? 12,
    // Static rules only, so validated documents stay cached; the per-request limits run in operationLimitsPlugin.
    validationRules: staticValidationRules,
    // The officer only: the bearer token is never handed on (services ask each other with signed viewer assertions).
    context: (request) => ({ officer: request.officer }),
    errorFormatter: (execution, ctx) => {
      const formatted = mercurius.defaultErrorFormatter(execution, ctx);
      const errors = toGraphQLErrors(execution.errors ?? []);
      for (const e of errors) {
        const err = execution.errors?.find((x) => x.path === e.path)?.originalError;
        if (e.extensions.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err }, 'resolver failed');
        // A disk that is full, a store that is busy: the client retries, the operator has to know.
        else if (e.extensions.code === 'SERVICE_UNAVAILABLE') app.log.warn({ err }, 'resolver failed; retryable');
      }
      // Bad input is the caller's, not the server's: never a 5xx.
      const statusCode = formatted.statusCode >= 500 && errors.every((e) => e.extensions.code !== 'INTERNAL_SERVER_ERROR') ? 200 : formatted.statusCode;
      return { statusCode, response: { data: execution.data ?? null, errors: errors.map((e) => e.toJSON()) } };
    },
  });
  // Fail closed where the resolvers run, whatever route or hook let the request through.
  app.graphql.addHook('preValidation', (_schema, document, context) => {
    if (!(context as { officer?: Officer }).officer && !asksOnlyForServiceSdl(document)) throw new UnauthenticatedError();
  });
  for (const p of opts.plugins ?? []) await app.register(p.plugin, p.options);
  return app;
}

export { DateTimeScalar } from './dateTime';
