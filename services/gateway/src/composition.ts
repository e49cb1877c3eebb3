import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';

/**
 * Before composing, wait until every subgraph answers at all (any HTTP
 * status: it is up). A gateway composed without one answers that
 * subgraph's operations "Unknown type …", which no retry of the client's
 * fixes; not starting is better, and the supervisor tries again.
 */
export async function waitForSubgraphs(services: readonly { name: string; url: string }[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing = [...services];
  while (missing.length > 0) {
    const answered = await Promise.all(
      missing.map((s) =>
        fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) }).then(
          () => true,
          () => false,
        ),
      ),
    );
    missing = missing.filter((_, i) => !answered[i]);
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`subgraphs not answering: ${missing.map((s) => s.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The subgraphs the gateway failed to reach at its last composition (retried every second until they answer). */
export function missingSubgraphs(app: FastifyInstance): string[] {
  const map = (app.graphqlGateway as unknown as { serviceMap?: Record<string, { error?: unknown }> } | undefined)?.serviceMap ?? {};
  return Object.entries(map)
    .filter(([, s]) => s.error)
    .map(([name]) => name);
}

/**
 * While a subgraph is missing from the composed schema (it went down while
 * the gateway was composing), a document that does not validate may be
 * perfectly good: it is answered as retryable, naming nothing of the schema.
 */
export function retryableWhileIncomplete(errors: readonly GraphQLError[], missing: readonly string[]): readonly GraphQLError[] {
  // graphql-js's validation of names against the schema: what a missing subgraph's types and fields fail with.
  const invalidDocument = errors.length > 0 && errors.every((e) => !e.path && /^(Unknown type|Cannot query field|Unknown argument|Unknown directive)\b/.test(e.message));
  if (missing.length === 0 || !invalidDocument) return errors;
  return [new GraphQLError('a part of the network is not reachable yet; nothing was done, try again', { extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } })];
}

/**
 * Keep `missingSubgraphs` true to the schema served: mercurius marks a
 * subgraph that failed at composition, but does not unmark it when a later
 * retry composes it in. A schema replaced after a retry holds every one.
 */
export function trackComposition(app: FastifyInstance): void {
  app.graphqlGateway.addHook('onGatewayReplaceSchema', () => {
    const map = (app.graphqlGateway as unknown as { serviceMap?: Record<string, { error?: unknown }> }).serviceMap ?? {};
    for (const s of Object.values(map)) s.error = null;
  });
}
