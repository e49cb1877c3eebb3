import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, mintDevToken, type AgencyKeys, type TrustRegistry } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphqlService, type RequestContext } from './buildService';
import type { FastifyInstance } from 'fastify';

/**
 * The resolvers' second line of defence, proven where the first one is
 * taken away: a service that (by mistake) lists /graphql as public still
 * refuses to execute anything but the SDL query without a verified officer.
 */
let keys: AgencyKeys[];
let registry: TrustRegistry;
let dir: string;
const apps: FastifyInstance[] = [];
const schema = /* GraphQL */ `
  extend type Query {
    "Who asks."
    whoami: String!
  }
`;
const build = async (publicRoutes: string[] = []) => {
  const app = await buildGraphqlService({
    name: 'probe',
    schema,
    registry: () => registry,
    publicRoutes,
    logLevel: process.env.DEBUG_PROBE ? 'error' : 'silent',
    resolvers: { Query: { whoami: (_r: unknown, _a: unknown, ctx: RequestContext) => ctx.officer.agency } },
  });
  apps.push(app);
  return app;
};
const post = (app: FastifyInstance, query: string, token?: string, url = '/graphql') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: { query } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-auth-'));
  keys = await generateDevKeys();
  registry = createTrustRegistry(devAgencyRecords(keys));
});
afterAll(async () => {
  for (const a of apps) await a.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('subgraph authentication', () => {
  it('answers a verified officer', async () => {
    const r = await post(await build(), '{ whoami }', await mintDevToken(keys[0]!));
    expect(r.json()).toEqual({ data: { whoami: keys[0]!.agency.id } });
  });

  it('takes the longest token lifetime from TB_MAX_TOKEN_LIFETIME_SECONDS', async () => {
    process.env.TB_MAX_TOKEN_LIFETIME_SECONDS = '3600';
    try {
      const app = await build();
      expect((await post(app, '{ whoami }', await mintDevToken(keys[0]!, { ttlSeconds: 7200 }))).statusCode).toBe(401);
      expect((await post(app, '{ whoami }', await mintDevToken(keys[0]!, { ttlSeconds: 3600 }))).statusCode).toBe(200);
    } finally {
      delete process.env.TB_MAX_TOKEN_LIFETIME_SECONDS;
    }
  });

  it('refuses encoded and odd request targets at the route, not by comparing strings', async () => {
    const app = await build();
    for (const url of ['/%67raphql', '/graphql?x=1', '/graphql/', '//graphql', '/GRAPHQL', '/nothing-here']) {
      const r = await post(app, '{ whoami }', undefined, url);
      expect([401, 404], url).toContain(r.statusCode);
      expect(r.body, url).not.toContain('"data":{');
    }
  });

  it('refuses to execute without an officer even when the route was wrongly made public', async () => {
    const app = await build(['/graphql']);
    const r = await post(app, '{ whoami }');
    expect(r.json()).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const mixed = await post(app, '{ _service { sdl } whoami }');
    expect(mixed.json()).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const sdl = await post(app, '{ _service { sdl } }');
    expect(sdl.json<{ data: { _service: { sdl: string } } }>().data._service.sdl).toContain('whoami');
  });
});
