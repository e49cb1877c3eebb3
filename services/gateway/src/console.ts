import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

/**
 * What the console's pages may load: only this origin (no CDN, no web fonts: a border post's network is offline),
 * inline styles for the component library's CSS variables, images as data: URIs, nothing framing it.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tracebridge</title></head>
<body><main><h1>Tracebridge</h1><p>The web console is not built. <code>npm start</code> builds it on its first start
(<code>services/console/dist</code>); GraphQL is at <a href="/graphiql">/graphiql</a>.</p></main></body></html>`;

/** Paths of the API and of the other pages: an unknown path under them is a 404, never the console's page. */
const RESERVED = /^(graphql|graphiql|(exports|auth|health|metrics)(\/|$))/;

/** Headers of every answer of the console's routes, files included: framing, sniffing and referrers are refused everywhere. */
const SECURITY_HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };

/**
 * The web console (services/console, built by `npm start`) at `/`, same origin as `/graphql`. Every path
 * that is not a file of the build answers the console's page, whose router shows the screen (a record's
 * page is `/records/<id>`). Public routes: the files hold no data; every query the pages make is
 * authenticated like any other. Hashed assets are cached for good (compressed copies: `Vary: Accept-Encoding`),
 * the page itself never; dot-files of the build (its stamp) are not served. Returns the routes it added.
 */
export async function registerConsole(app: FastifyInstance, dir: string): Promise<string[]> {
  const built = existsSync(join(dir, 'index.html'));
  // Brotli or gzip copies made at build time (services/network/src/consoleBuild.ts), when the browser accepts them.
  if (built) await app.register(fastifyStatic, { root: dir, serve: false, preCompressed: true, dotfiles: 'deny' });
  const page = (reply: FastifyReply) => {
    void reply.headers(SECURITY_HEADERS);
    if (!built) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(notBuilt);
    // Read on each request (half a kilobyte): a rebuild is served at once, and no file-sending default sets its caching.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(readFileSync(join(dir, 'index.html')));
  };
  app.get('/', (_req, reply) => page(reply));
  app.get<{ Params: { '*': string } }>('/*', (req, reply) => {
    const rel = normalize(req.params['*']);
    if (RESERVED.test(rel) || rel.startsWith('..') || rel.split('/').some((part) => part.startsWith('.'))) return reply.code(404).send({ error: 'not found' });
    if (rel === 'index.html') return page(reply);
    const file = built ? join(dir, rel) : undefined;
    if (file && existsSync(file) && statSync(file).isFile()) {
      const immutable = rel.startsWith('assets/');
      void reply.headers(SECURITY_HEADERS).header('vary', 'accept-encoding');
      return reply.sendFile(rel, { cacheControl: true, immutable, maxAge: immutable ? '365d' : 0 });
    }
    // A file name that is not in the build is a 404; any other path is one of the console's screens.
    if (extname(rel) !== '') return reply.code(404).send({ error: 'not found' });
    return page(reply);
  });
  return ['/', '/*'];
}
