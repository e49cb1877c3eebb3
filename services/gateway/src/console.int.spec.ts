import { tempDir, type TempDir } from '@tracebridge/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from './console';

let dir: TempDir;
let app: FastifyInstance;
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
  app = Fastify();
  await registerConsole(app, dist);
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
    for (const url of ['/', '/records/0193-abc', '/cases/x/y']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:/);
    }
  });

  it('sends hashed assets cached for good, brotli-compressed when the browser accepts it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toContain('immutable');
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
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
