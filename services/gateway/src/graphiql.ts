import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** A dependency's own folder (their `exports` do not list the UMD and CSS files). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

/**
 * GraphiQL served from this gateway's own dependencies, not a CDN: border
 * posts and these machines have no internet, and an officer's browser
 * should not fetch code from a third party to query police data.
 */
const assets: Record<string, { file: string; type: string }> = {
  'react.production.min.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.min.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tracebridge · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql.min.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>`;

const start = `
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, {
  fetcher,
  defaultEditorToolsVisibility: 'headers',
  defaultHeaders: JSON.stringify({ Authorization: 'Bearer <paste the output of: npm run token -- --agency GH-CUSTOMS>' }, null, 2),
  defaultQuery: '# Who am I?\\n{\\n  me { agency { id name } roles }\\n}\\n',
}));
`;

/** Serve GraphiQL from local files; returns the routes it added (public: the page holds no data). */
export function registerGraphiql(app: FastifyInstance): string[] {
  const cache = new Map<string, Buffer>();
  app.get('/graphiql', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/graphiql/assets/start.js', (_req, reply) => reply.type('text/javascript').send(start));
  app.get<{ Params: { file: string } }>('/graphiql/assets/:file', (req, reply) => {
    const asset = assets[req.params.file];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(req.params.file);
    if (!body) cache.set(req.params.file, (body = readFileSync(asset.file)));
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(body);
  });
  return ['/graphiql', '/graphiql/assets/start.js', '/graphiql/assets/:file'];
}
