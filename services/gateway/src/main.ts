import mercuriusGateway from '@mercuriusjs/gateway';
import {
  authPlugin,
  DEFAULT_OPERATION_BUDGET,
  DirectoryConfig,
  fetchTrustRegistry,
  MaxTokenLifetime,
  operationLimitsPlugin,
  registerRateLimit,
  runMain,
  staticValidationRules,
  serveUntilStopped,
  toGraphQLErrors,
  UnauthenticatedError,
} from '@tracebridge/server';
import Fastify, { LogController } from 'fastify';
import { join, resolve } from 'node:path';
import { loadOrCreateServiceKeys, signViewerAssertion, type Officer } from '@tracebridge/identity';
import { z } from 'zod';
import { registerExports } from './exports';
import { subgraphSdls } from './composition';
import { registerGraphiql } from './graphiql';
import { registerConsole } from './console';
import { devSignInAllowed, registerSignIn } from './devSignIn';

const Config = DirectoryConfig.extend({
  TB_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  TB_HOST: z.string().default('127.0.0.1'),
  TB_DATA_DIR: z.string().default('.data'),
  /** The gateway's id in the trust registry: its viewer assertions to the subgraphs are signed with this service's key. */
  TB_SERVICE_ID: z.string().default('gateway'),
  TB_MAX_TOKEN_LIFETIME_SECONDS: MaxTokenLifetime,
  /** name=url pairs of the subgraphs. */
  /** Requests per officer per minute at the gateway (docs/api.md). */
  TB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Rows one GET /exports/seizures.csv may carry; a larger export is refused, asking for a narrower filter (docs/api.md). */
  TB_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),
  /** Points one operation may cost (docs/api.md). */
  TB_OPERATION_BUDGET: z.coerce.number().int().min(1).default(DEFAULT_OPERATION_BUDGET),
  /**
   * How long the gateway waits for a subgraph's answer before it answers SERVICE_UNAVAILABLE (retryable) instead
   * (docs/api.md). Longer than a report takes when the hub is slow (its checks time out after 3 s, then the hub
   * waits up to 5 s for the record). @default 30000
   */
  TB_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  /** How long the gateway waits at start for a subgraph it has never seen (no kept SDL) before it gives up (its supervisor starts it again). */
  TB_GATEWAY_START_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** Dev mode (TB_DEV_MODE=1, set by `npm start`): the console's sign-in page mints demo agencies' tokens (devSignIn.ts); only on a loopback address. */
  TB_DEV_MODE: z.enum(['0', '1']).default('0'),
  /** The console's production build, served at `/` (`npm start` builds it). */
  TB_CONSOLE_DIR: z.string().default(resolve(import.meta.dirname, '..', '..', 'console', 'dist')),
  TB_SUBGRAPHS: z
    .string()
    .default(
      'directory=http://127.0.0.1:4001/graphql,customs=http://127.0.0.1:4002/graphql,police=http://127.0.0.1:4003/graphql,border=http://127.0.0.1:4004/graphql,liaison=http://127.0.0.1:4005/graphql,regional=http://127.0.0.1:4006/graphql,licensing=http://127.0.0.1:4007/graphql',
    ),
});

async function main(): Promise<void> {
  const config = Config.parse(process.env);
  const app = Fastify({
    bodyLimit: 256 * 1024,
    logger: { level: process.env.TB_LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] },
    logController: new LogController({ disableRequestLogging: true }),
  });
  const serviceKeys = await loadOrCreateServiceKeys(join(config.TB_DATA_DIR, 'dev-keys'), config.TB_SERVICE_ID);
  const registry = await fetchTrustRegistry(config, { onRefused: (err) => app.log.warn({ err }, 'trust registry refused; keeping the last good one') });
  app.get('/health', () => ({ ok: true, service: 'gateway' }));
  const devSignIn = devSignInAllowed(config.TB_DEV_MODE, config.TB_HOST);
  if (config.TB_DEV_MODE === '1' && !devSignIn) app.log.warn('dev sign-in is off: TB_DEV_MODE=1 mints demo tokens only on a loopback address');
  const signIn = await registerSignIn(app, { devSignIn, dataDir: config.TB_DATA_DIR });
  // The gateway verifies tokens too (fail fast), but every subgraph verifies again: none trusts the gateway.
  await app.register(authPlugin, {
    registry: registry.current,
    maxTokenLifetimeSeconds: config.TB_MAX_TOKEN_LIFETIME_SECONDS,
    publicRoutes: ['/health', ...registerGraphiql(app), ...signIn, ...(await registerConsole(app, config.TB_CONSOLE_DIR))],
  });
  // After the auth plugin: its hook sets request.officer, which the limit is keyed by.
  await registerRateLimit(app, { perMinute: config.TB_RATE_LIMIT_PER_MINUTE, per: 'officer' });
  await app.register(operationLimitsPlugin, { budget: config.TB_OPERATION_BUDGET, schema: () => app.graphql.schema });
  const subgraphs = subgraphList(config.TB_SUBGRAPHS);
  const sdls = await subgraphSdls(subgraphs, join(config.TB_DATA_DIR, 'gateway-sdl'), config.TB_GATEWAY_START_WAIT_MS);
  await app.register(mercuriusGateway, {
    // GraphiQL is served by registerGraphiql from local files; mercurius' own page loads it from a CDN.
    graphiql: false,
    queryDepth: 12,
    // Static rules only, so validated documents stay cached; cost is counted per request (with its variables)
    // by operationLimitsPlugin before the gateway plans or sends anything.
    validationRules: staticValidationRules,
    gateway: {
      services: subgraphs.map(({ name, url }) => {
        // Never the officer's bearer token: an assertion of the officer this gateway verified, signed for that one subgraph.
        const rewriteHeaders = (_headers: unknown, context: { reply?: { request: { officer?: Officer } } } | undefined) => {
          const officer = context?.reply?.request.officer;
          return officer ? { authorization: `TB-Gateway ${signViewerAssertion(serviceKeys, name, officer)}` } : {};
        };
        const timeouts = { headersTimeout: config.TB_SUBGRAPH_TIMEOUT_MS, bodyTimeout: config.TB_SUBGRAPH_TIMEOUT_MS };
        // Its SDL as asked or kept (composition.ts): the composition never lacks a subgraph that is down right now.
        return { name, url, schema: sdls.get(name)!, keepAlive: 60_000, rewriteHeaders, ...timeouts };
      }),
    },
    errorFormatter: (execution) => {
      const normalised = toGraphQLErrors(execution.errors ?? []);
      if (normalised.some((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR'))
        app.log.error({ errors: execution.errors?.map((e) => e.originalError ?? e) }, 'gateway query failed');
      else if (normalised.some((e) => e.extensions.code === 'SERVICE_UNAVAILABLE'))
        app.log.warn({ errors: execution.errors?.map((e) => e.originalError ?? e) }, 'gateway query failed; retryable');
      const errors = normalised.map((e) => e.toJSON());
      const limited = errors.some((e) => e.extensions?.code === 'RATE_LIMITED');
      return { statusCode: limited ? 429 : 200, response: { data: execution.data ?? null, errors } };
    },
  });
  // Fail closed where the plan runs, whatever route or hook let the request through (as every subgraph does).
  app.graphql.addHook('preValidation', (_schema, _document, context) => {
    if (!context.reply.request.officer) throw new UnauthenticatedError();
  });
  registerExports(app, { maxRows: config.TB_EXPORT_MAX_ROWS });
  await serveUntilStopped(app, { name: 'gateway', port: config.TB_PORT, host: config.TB_HOST });
}

/** `name=url,…` */
const subgraphList = (value: string): { name: string; url: string }[] =>
  value.split(',').map((pair) => {
    const [name, url] = pair.split('=');
    return { name: name!, url: url! };
  });

runMain(main);
