import { tempDir, type TempDir } from '@tracebridge/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from './console';

let dir: TempDir;
let app: FastifyInstance;
let base: string;
let unbuilt: FastifyInstance;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  dir = tempDir('tb-console-');
  const dist = join(dir.path, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), script);
  writeFileSync(join(dist, 'assets', 'index-abc.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the build');
  writeFileSync(join(dist, '.build-stamp'), 'stamp');
  app = Fastify();
  await registerConsole(app, dist);
  // Over a real socket: headers set by @fastify/static's sending differ from what inject() shows.
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  unbuilt = Fastify();
  await registerConsole(unbuilt, join(dir.path, 'missing'));
});
afterAll(async () => {
  await app.close();
  await unbuilt.close();
  dir.remove();
});

describe('the console served by the gateway', () => {
  it('answers / and every screen path with the page, never cached, under a same-origin-only CSP', async () => {
    for (const path of ['/', '/records/0193-abc', '/cases/x/y', '/index.html']) {
      const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>console</title>');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      const csp = String(res.headers.get('content-security-policy'));
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('answers 404 under the API and the other pages, never the console page', async () => {
    for (const path of ['/graphqlx/y', '/graphql/x', '/exports/nope', '/auth/x', '/health/x', '/graphiql/x', '/.build-stamp', '/assets/.hidden']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('<title>console</title>');
    }
  });

  it('sends hashed assets cached for good, brotli-compressed when the browser accepts it, varying by encoding', async () => {
    const plain = await fetch(`${base}/assets/index-abc.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe(script);
    expect(plain.headers.get('cache-control')).toContain('immutable');
    expect(plain.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
  });

  it('answers 404 for a file name not in the build, and never a file outside it', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/nope.js' })).statusCode).toBe(404);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('outside the build');
    }
  });

  it('says the console is not built (503) rather than failing when there is no build', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm start');
  });
});
