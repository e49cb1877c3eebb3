import { createTrustRegistry, devAgencyRecords, loadOrCreateDevKeys, verifyOfficerToken } from '@tracebridge/identity';
import { tempDir, type TempDir } from '@tracebridge/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSignInAllowed, registerSignIn } from './devSignIn';

let dir: TempDir;
let dev: FastifyInstance;
let prod: FastifyInstance;

beforeAll(async () => {
  dir = tempDir('tb-signin-');
  dev = Fastify();
  await registerSignIn(dev, { devSignIn: true, dataDir: dir.path });
  prod = Fastify();
  await registerSignIn(prod, { devSignIn: false, dataDir: dir.path });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
  dir.remove();
});

describe("the console's sign-in (gateway)", () => {
  it('dev mode lists the demo agencies with the roles their kind may hold', async () => {
    const res = await dev.inject({ method: 'GET', url: '/auth/config' });
    const body = res.json<{ mode: string; agencies: { id: string; kind: string; roles: string[] }[] }>();
    expect(body.mode).toBe('dev');
    expect(body.agencies.find((a) => a.id === 'WA-LIAISON')?.roles).toEqual(['LIAISON_OFFICER', 'ANALYST', 'AGENCY_ADMIN']);
  });

  it('mints a token of that agency with only the chosen role, which the network verifies with the agency key', async () => {
    const res = await dev.inject({ method: 'POST', url: '/auth/dev-token', payload: { agency: 'GH-CUSTOMS', role: 'ANALYST' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { token, expiresIn } = res.json<{ token: string; expiresIn: number }>();
    const registry = createTrustRegistry(devAgencyRecords(await loadOrCreateDevKeys(join(dir.path, 'dev-keys'))));
    const officer = await verifyOfficerToken(token, registry);
    expect(officer.agency).toBe('GH-CUSTOMS');
    expect(officer.roles).toEqual(['ANALYST']);
    expect(expiresIn).toBe(8 * 3600);
  });

  it('refuses a role the agency kind may not hold, an unknown agency and extra fields', async () => {
    for (const payload of [
      { agency: 'GH-CUSTOMS', role: 'LIAISON_OFFICER' },
      { agency: 'XX-NOBODY', role: 'ANALYST' },
      { agency: 'GH-CUSTOMS', role: 'ANALYST', roles: ['AGENCY_ADMIN'] },
      { agency: 'GH-CUSTOMS' },
    ]) {
      const res = await dev.inject({ method: 'POST', url: '/auth/dev-token', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('BAD_USER_INPUT');
      expect(res.body).not.toMatch(/eyJ/);
    }
  });

  it("answers only this machine's browser: a rebound Host, another Origin, a proxy or a remote peer get 403 and no token", async () => {
    const payload = { agency: 'WA-LIAISON', role: 'AGENCY_ADMIN' };
    const ok = await dev.inject({ method: 'POST', url: '/auth/dev-token', payload, headers: { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' } });
    expect(ok.statusCode).toBe(200);
    for (const [what, extra] of [
      ['a DNS-rebound name', { headers: { host: 'attacker.example:4000' } }],
      ['a cross-site Origin', { headers: { host: '127.0.0.1:4000', origin: 'http://attacker.example' } }],
      ['a reverse proxy', { headers: { host: '127.0.0.1:4000', 'x-forwarded-for': '203.0.113.9' } }],
      ['a Forwarded header', { headers: { host: 'localhost:4000', forwarded: 'for=203.0.113.9' } }],
      ['a remote peer', { headers: { host: '127.0.0.1:4000' }, remoteAddress: '10.1.2.3' }],
    ] as const) {
      const res = await dev.inject({ method: 'POST', url: '/auth/dev-token', payload, ...extra });
      expect(res.statusCode, what).toBe(403);
      expect(res.body, what).not.toMatch(/eyJ/);
    }
  });

  it('outside dev mode there is no way to mint a token, and the page is told so', async () => {
    expect((await prod.inject({ method: 'POST', url: '/auth/dev-token', payload: { agency: 'GH-CUSTOMS', role: 'ANALYST' } })).statusCode).toBe(404);
    expect((await prod.inject({ method: 'GET', url: '/auth/config' })).json()).toEqual({ mode: 'none', agencies: [] });
  });

  it('dev sign-in needs dev mode and a loopback address', () => {
    expect(devSignInAllowed('1', '127.0.0.1')).toBe(true);
    expect(devSignInAllowed('1', '::1')).toBe(true);
    expect(devSignInAllowed('1', '0.0.0.0')).toBe(false);
    expect(devSignInAllowed('1', '10.1.2.3')).toBe(false);
    expect(devSignInAllowed('0', '127.0.0.1')).toBe(false);
  });
});
