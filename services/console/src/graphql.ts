import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Every operation of the console is written with this tag: gql.tada types its result and variables from the
 * gateway's schema (schema.graphql, printed from a running gateway by `pnpm --filter @tracebridge/console run schema`;
 * src/graphql-env.d.ts is generated from it by `gql-tada generate output`). No response type is written by hand.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
