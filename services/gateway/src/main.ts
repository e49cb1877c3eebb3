import mercuriusGateway from '@mercuriusjs/gateway';
import { authPlugin, DirectoryConfig, fetchTrustRegistry, runMain, serveUntilStopped, toGraphQLError } from '@tracebridge/server';
import Fastify, { LogController } from 'fastify';
import { z } from 'zod';
import { registerGraphiql } from './graphiql';

const Config = DirectoryConfig.extend({
  TB_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  TB_HOST: z.string().default('127.0.0.1'),
  /** name=url pairs of the subgraphs. */
  TB_SUBGRAPHS: z.string().default('directory=http://127.0.0.1:4001/graphql,customs=http://127.0.0.1:4002/graphql,police=http://127.0.0.1:4003/graphql,border=http://127.0.0.1:4004/graphql,liaison=http://127.0.0.1:4005/graphql'),
});

async function main(): Promise<void> {
  const config = Config.parse(process.env);
  const app = Fastify({ bodyLimit: 256 * 1024, logger: { level: process.env.TB_LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] }, logController: new LogController({ disableRequestLogging: true }) });
  const registry = await fetchTrustRegistry(config, { onRefused: (err) => app.log.warn({ err }, 'trust registry refused; keeping the last good one') });
  app.get('/health', () => ({ ok: true, service: 'gateway' }));
  // The gateway verifies tokens too (fail fast), but every subgraph verifies again: none trusts the gateway.
  await app.register(authPlugin, { registry: registry.current, publicRoutes: ['/health', ...registerGraphiql(app)] });
  await app.register(mercuriusGateway, {
    // GraphiQL is served by registerGraphiql from local files; mercurius' own page loads it from a CDN.
    graphiql: false,
    queryDepth: 12,
    gateway: {
      services: config.TB_SUBGRAPHS.split(',').map((pair) => {
        const [name, url] = pair.split('=');
        return { name: name!, url: url!, keepAlive: 60_000, rewriteHeaders: (headers: Record<string, unknown>) => (headers.authorization ? { authorization: headers.authorization as string } : {}) };
      }),
    },
    errorFormatter: (execution) => {
      const errors = (execution.errors ?? []).map((e) => {
        const out = toGraphQLError(e);
        if (out.extensions.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: e.originalError ?? e }, 'gateway query failed');
        return out.toJSON();
      });
      return { statusCode: 200, response: { data: execution.data ?? null, errors } };
    },
  });
  await serveUntilStopped(app, { name: 'gateway', port: config.TB_PORT, host: config.TB_HOST });
}

runMain(main);
