import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { toGraphQLErrors } from './graphqlErrors';
import { literalPathsRule, representationsRule, variablePathsRule } from './inputRules';
import { operationCostRule } from './operationCost';

export interface OperationLimits {
  /** Points an operation may cost (docs/api.md). */
  budget: number;
  /** Cap on `_entities` representations; subgraphs only (the gateway's schema has no `_entities`). */
  maxRepresentations?: number;
}

/** mercurius' static `validationRules`: checks that need no variables, so mercurius keeps caching validated documents. */
export const staticValidationRules = [literalPathsRule];

/** Documents kept parsed: only short ones that passed, so the cache stays small (at most about 8 MB). */
const PARSE_CACHE_ENTRIES = 1000;
const PARSE_CACHE_MAX_TEXT = 8 * 1024;

const refuse = (message: string, tbCode = 'TB_ERR_BAD_USER_INPUT') => ({ data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', tbCode, path: [] } }] });

/** The request's GraphQL parameters, as mercurius will read them: GET carries `variables` as JSON text. */
function paramsOf(request: FastifyRequest): { query?: unknown; variables?: unknown; operationName?: unknown } | string | undefined {
  if (request.method !== 'GET') return request.body as { query?: unknown } | undefined;
  const q = request.query as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof q.variables !== 'string') return q;
  try {
    return { ...q, variables: JSON.parse(q.variables) as unknown };
  } catch {
    return 'variables must be a JSON object';
  }
}

/**
 * The checks that depend on each request's variables — operation cost, the
 * `_entities` cap, bad variables reported with their path — run here, before
 * mercurius, on every request to /graphql: a refused operation never
 * reaches a resolver, a plan, or another service. The query must be GraphQL
 * text that parses here (mercurius would otherwise try it as a JSON syntax
 * tree, past these checks). Documents that passed are kept parsed (as
 * mercurius keeps its own), so a repeated query costs one pass of three
 * rules, not a parse and a full validation.
 */
export const operationLimitsPlugin = fp((app: FastifyInstance, opts: OperationLimits & { schema: () => GraphQLSchema }, done: (err?: Error) => void) => {
  const passed = new Map<string, DocumentNode>();
  const keep = (source: string, document: DocumentNode): void => {
    if (source.length > PARSE_CACHE_MAX_TEXT || passed.has(source)) return;
    if (passed.size >= PARSE_CACHE_ENTRIES) passed.delete(passed.keys().next().value!);
    passed.set(source, document);
  };
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    const params = paramsOf(request);
    if (typeof params === 'string') return reply.code(200).send(refuse(params));
    if (params === undefined || params.query === undefined) return; // mercurius refuses a request without a query
    if (typeof params.query !== 'string') return reply.code(200).send(refuse('query must be GraphQL text'));
    let document = passed.get(params.query);
    if (!document) {
      try {
        document = parse(params.query, { maxTokens: 50_000 });
      } catch (err) {
        return reply.code(200).send(refuse(err instanceof GraphQLError ? err.message : 'query is not GraphQL text', 'TB_ERR_QUERY_SYNTAX'));
      }
    }
    const scope = {
      ...(params.variables && typeof params.variables === 'object' ? { variables: params.variables as Record<string, unknown> } : {}),
      ...(typeof params.operationName === 'string' ? { operationName: params.operationName } : {}),
    };
    // Bad variables and literals first, with their paths: an operation whose arguments do not coerce has no cost.
    let errors = validate(opts.schema(), document, [variablePathsRule(scope), literalPathsRule], { maxErrors: 50 });
    if (errors.length === 0) {
      const rules = [
        operationCostRule({ budget: opts.budget, ...scope }),
        ...(opts.maxRepresentations === undefined ? [] : [representationsRule({ max: opts.maxRepresentations, ...scope })]),
      ];
      errors = validate(opts.schema(), document, rules, { maxErrors: 50 });
    }
    if (errors.length > 0) return reply.code(200).send({ data: null, errors: toGraphQLErrors(errors).map((e) => e.toJSON()) });
    keep(params.query, document);
  });
  done();
});
