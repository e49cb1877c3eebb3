import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
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

const PARSE_CACHE_SIZE = 1000;

/**
 * The checks that depend on each request's variables — operation cost, the
 * `_entities` cap, bad variables reported with their path — run here, before
 * mercurius, on every request to /graphql: a refused operation never
 * reaches a resolver, a plan, or another service. Documents are parsed once
 * and kept (as mercurius keeps its own), so a repeated query costs one pass
 * of three rules, not a parse and a full validation.
 */
export const operationLimitsPlugin = fp((app: FastifyInstance, opts: OperationLimits & { schema: () => GraphQLSchema }, done: (err?: Error) => void) => {
  const parsed = new Map<string, DocumentNode | null>();
  const documentOf = (source: string): DocumentNode | null => {
    let doc = parsed.get(source);
    if (doc === undefined) {
      try {
        doc = parse(source, { maxTokens: 50_000 });
      } catch {
        doc = null; // mercurius reports the syntax error itself
      }
      if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
      parsed.set(source, doc);
    }
    return doc;
  };
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    const params = (request.method === 'GET' ? request.query : request.body) as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (typeof params?.query !== 'string') return;
    const document = documentOf(params.query);
    if (!document) return;
    const scope = {
      ...(params.variables && typeof params.variables === 'object' ? { variables: params.variables as Record<string, unknown> } : {}),
      ...(typeof params.operationName === 'string' ? { operationName: params.operationName } : {}),
    };
    const rules = [variablePathsRule(scope), operationCostRule({ budget: opts.budget, ...scope }), ...(opts.maxRepresentations === undefined ? [] : [representationsRule({ max: opts.maxRepresentations, ...scope })])];
    const errors = validate(opts.schema(), document, rules, { maxErrors: 50 });
    if (errors.length > 0) return reply.code(200).send({ data: null, errors: toGraphQLErrors(errors).map((e) => e.toJSON()) });
  });
  done();
});
