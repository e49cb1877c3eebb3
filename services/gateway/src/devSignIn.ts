import { ROLES_BY_KIND, OfficerRole } from '@tracebridge/contracts';
import { loadOrCreateDevKeys, mintDevToken, type AgencyKeys } from '@tracebridge/identity';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { z } from 'zod';

/** How long a console sign-in lasts: one working day (the services refuse tokens longer than their maximum anyway). */
const SIGN_IN_SECONDS = 8 * 3600;

const DevTokenRequest = z.object({ agency: z.string().min(1).max(64), role: OfficerRole }).strict();

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** Dev sign-in is on only in dev mode (TB_DEV_MODE=1, the demo keys) and only on a loopback address. */
export const devSignInAllowed = (devMode: string, host: string): boolean => devMode === '1' && LOOPBACK.includes(host);

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a request for a dev token comes from this machine's own browser, to this gateway by its loopback name:
 * the peer is a loopback address, the Host is a loopback name (a DNS-rebound name is not: a web page elsewhere
 * cannot mint tokens through the officer's browser), the Origin, when sent, is this very origin, and nothing
 * says it came through a proxy (a tunnel or reverse proxy to 127.0.0.1 would carry the endpoint out).
 */
export function isLocalRequest(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string | undefined } }): boolean {
  const host = req.headers.host;
  if (typeof host !== 'string' || !LOOPBACK_PEERS.has(req.socket.remoteAddress ?? '')) return false;
  const hostname = host.replace(/:\d+$/, '');
  if (!LOOPBACK_HOSTS.has(hostname)) return false;
  if (Object.keys(req.headers).some((h) => h.startsWith('x-forwarded-') || h === 'forwarded' || h === 'via')) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}

export interface SignInOptions {
  /** TB_DEV_MODE=1 on a loopback address: only then does `POST /auth/dev-token` exist. */
  devSignIn: boolean;
  dataDir: string;
}

/**
 * How the console signs in. `GET /auth/config` tells the sign-in page which way (`dev` for the demo
 * network, `none` otherwise: an agency's own identity provider plugs in here later, as another mode).
 *
 * Dev mode: `POST /auth/dev-token { agency, role }` mints a token of a demo agency with the dev keys
 * (as `npm run token` does). It hands any demo agency's token to whoever asks, so it exists only when
 * the network runs in dev mode (TB_DEV_MODE=1, demo keys) on a loopback address (otherwise the route
 * is not even registered), and answers only a request from this machine's browser (`isLocalRequest`). Returns the routes it added (public: they are how one gets a token).
 */
export async function registerSignIn(app: FastifyInstance, opts: SignInOptions): Promise<string[]> {
  if (!opts.devSignIn) {
    app.get('/auth/config', () => ({ mode: 'none', agencies: [] }));
    return ['/auth/config'];
  }
  const keys = await loadOrCreateDevKeys(join(opts.dataDir, 'dev-keys'));
  const agencies = keys.map(({ agency }) => ({ id: agency.id, name: agency.name, state: agency.state, kind: agency.kind, roles: ROLES_BY_KIND[agency.kind] }));
  app.get('/auth/config', () => ({ mode: 'dev', agencies }));
  app.post('/auth/dev-token', async (req, reply) => {
    if (!isLocalRequest(req))
      return reply.code(403).send({ error: { code: 'FORBIDDEN', message: "dev sign-in answers only this machine's browser, at http://127.0.0.1 or http://localhost" } });
    const parsed = DevTokenRequest.safeParse(req.body);
    const agency: AgencyKeys | undefined = parsed.success ? keys.find((k) => k.agency.id === parsed.data.agency) : undefined;
    if (!parsed.success || !agency) return reply.code(400).send({ error: { code: 'BAD_USER_INPUT', message: 'agency must be a demo agency and role one of OfficerRole' } });
    if (!ROLES_BY_KIND[agency.agency.kind].includes(parsed.data.role))
      return reply.code(400).send({ error: { code: 'BAD_USER_INPUT', message: `${agency.agency.id} may hold ${ROLES_BY_KIND[agency.agency.kind].join(', ')}` } });
    const token = await mintDevToken(agency, { roles: [parsed.data.role], ttlSeconds: SIGN_IN_SECONDS });
    return reply.header('cache-control', 'no-store').send({ token, expiresIn: SIGN_IN_SECONDS });
  });
  return ['/auth/config', '/auth/dev-token'];
}
