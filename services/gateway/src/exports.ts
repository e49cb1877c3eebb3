import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import countries from 'world-countries';
import { toGraphQLErrors } from '@tracebridge/server';

/** A representative point of each country (ISO alpha-2 → [lon, lat]) from the maintained world-countries data: where a corridor's legs are drawn. */
const POINTS = new Map(countries.map((c) => [c.cca2, [c.latlng[1], c.latlng[0]] as [number, number]]));

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

class ExportError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors[0]?.message ?? 'export failed');
  }
  get status(): number {
    return STATUS[String(this.errors[0]?.extensions.code)] ?? 502;
  }
}

type Run = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Run an operation through this gateway as the request's officer: the same plan, subgraphs, policy and audit as a POST to /graphql. */
function runner(app: FastifyInstance, reply: FastifyReply): Run {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    let result: { data?: T | null; errors?: readonly GraphQLError[] };
    try {
      result = (await app.graphql(query, { reply } as never, variables)) as typeof result;
    } catch (err) {
      // mercurius rejects with the execution's errors attached (`errors`) when there is no data to answer with.
      const errors = (err as { errors?: readonly GraphQLError[] }).errors;
      if (!Array.isArray(errors) || errors.length === 0) throw err;
      result = { errors };
    }
    if (result.errors?.length) throw new ExportError(toGraphQLErrors(result.errors));
    return result.data as T;
  };
}

/** The query string's filter fields, as strings (the subgraph checks their values, as it checks the GraphQL arguments). */
function filterOf(request: FastifyRequest, fields: readonly string[]): Record<string, string> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  // A misspelt or repeated parameter would quietly export more than was asked: refused, naming it.
  for (const [name, value] of Object.entries(q)) {
    if (!fields.includes(name)) throw badParameter(name, `unknown parameter; this export takes ${fields.join(', ')}`);
    if (typeof value !== 'string') throw badParameter(name, 'given more than once');
  }
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '')) as Record<string, string>;
}

const badParameter = (name: string, message: string): ExportError =>
  new ExportError([new GraphQLError(`${name}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', path: ['filter', name] } })]);

const COUNT = 'query($f: SeizureFilter) { seizures(filter: $f, first: 1) { totalCount } }';

const SEIZURES = 'query($f: SeizureFilter, $after: String) { exportSeizures(filter: $f, first: 1000, after: $after) { csv pageInfo { endCursor hasNextPage } } }';
type SeizuresPage = { exportSeizures: { csv: string; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

/** Every page of the export after the first, header lines dropped. */
async function* laterPages(run: Run, filter: Record<string, string>, first: SeizuresPage): AsyncGenerator<string> {
  let page = first.exportSeizures;
  while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    page = (await run<SeizuresPage>(SEIZURES, { f: filter, after: page.pageInfo.endCursor })).exportSeizures;
    yield page.csv.slice(page.csv.indexOf('\r\n') + 2);
  }
}

const ROUTES =
  'query($f: RouteFilter, $after: String) { routes: exportRoutes(filter: $f, first: 100, after: $after) { nodes { id legs seizures weapons states firstSeen lastSeen trend observations } pageInfo { endCursor hasNextPage } } }';
interface RouteNode {
  id: string;
  legs: string[];
  [k: string]: unknown;
}
type RoutesPage = { routes: { nodes: RouteNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

/** A corridor as a GeoJSON feature: a line through its states' points (a state without one is left out of the line, not of the properties). */
function feature(r: RouteNode): object {
  const coordinates = r.legs.flatMap((c) => (POINTS.has(c) ? [POINTS.get(c)!] : []));
  return { type: 'Feature', id: r.id, geometry: { type: 'LineString', coordinates }, properties: { ...r } };
}

async function* routeFeatures(run: Run, filter: Record<string, string>, first: RoutesPage): AsyncGenerator<string> {
  let page = first.routes;
  let n = 0;
  yield '{"type":"FeatureCollection","features":[';
  for (;;) {
    for (const r of page.nodes) yield `${n++ ? ',' : ''}\n${JSON.stringify(feature(r))}`;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    page = (await run<RoutesPage>(ROUTES, { f: filter, after: page.pageInfo.endCursor })).routes;
  }
  yield '\n]}\n';
}

/**
 * Exports for analysts' own tools (issue 9): `GET /exports/seizures.csv`
 * (QGIS, i2, a spreadsheet) and `GET /exports/routes.geojson`, with the same
 * bearer token, policy and filters as the GraphQL queries (query string:
 * SeizureFilter's and RouteFilter's fields), streamed page by page. Each
 * runs through the gateway's own GraphQL, so every record exported is
 * audited where it lives (EXPORT, or a read of the corridor's records).
 */
export function registerExports(app: FastifyInstance, options: { maxRows: number }): void {
  const send = async (request: FastifyRequest, reply: FastifyReply, body: (run: Run) => Promise<{ type: string; name: string; stream: AsyncGenerator<string> | string }>) => {
    try {
      const out = await body(runner(app, reply));
      return reply
        .type(out.type)
        .header('content-disposition', `attachment; filename="${out.name}"`)
        .send(typeof out.stream === 'string' ? out.stream : Readable.from(out.stream));
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
      return reply.code(err.status).send({ errors: err.errors.map((e) => ({ message: e.message, extensions: e.extensions })) });
    }
  };

  app.get('/exports/seizures.csv', (request, reply) =>
    send(request, reply, async (run) => {
      const filter = filterOf(request, ['country', 'originator', 'from', 'to', 'manufacturer', 'category']);
      const { totalCount } = (await run<{ seizures: { totalCount: number } }>(COUNT, { f: filter })).seizures;
      // A larger export is refused before anything is read (TB_EXPORT_MAX_ROWS), asking for a narrower filter.
      if (totalCount > options.maxRows)
        throw badParameter('from', `${totalCount} seizures match; one export takes at most ${options.maxRows}: narrow the period (from, to) or the filter`);
      // The first page before any byte is sent: a refused filter is a 400, not a broken download.
      const first = await run<SeizuresPage>(SEIZURES, { f: filter });
      async function* all(): AsyncGenerator<string> {
        yield first.exportSeizures.csv;
        yield* laterPages(run, filter, first);
      }
      return { type: 'text/csv; charset=utf-8', name: 'seizures.csv', stream: all() };
    }),
  );
  app.get('/exports/routes.geojson', (request, reply) =>
    send(request, reply, async (run) => {
      const filter = filterOf(request, ['from', 'to', 'country', 'category', 'manufacturer']);
      const first = await run<RoutesPage>(ROUTES, { f: filter });
      return { type: 'application/geo+json', name: 'routes.geojson', stream: routeFeatures(run, filter, first) };
    }),
  );
}
