/**
 * `pnpm --filter @tracebridge/console run schema`: the gateway's composed schema, as a running
 * network (`npm start`) serves it, printed into schema.graphql; gql.tada then types every
 * operation of the console against it (src/graphql-env.d.ts). Run it after changing a
 * subgraph's schema; test/console checks that the committed file is the gateway's schema.
 */
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = process.env.TB_DATA_DIR ?? join(repoRoot, '.data', 'network');
const gateway = process.env.TB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

/** The standard introspection query with type references 5 deep (enough for `[[T!]!]!`): the gateway refuses documents deeper than 12. */
function introspection(): string {
  const [head] = getIntrospectionQuery({ descriptions: true }).split('fragment TypeRef');
  let ref = 'kind name';
  for (let i = 0; i < 5; i++) ref = `kind name ofType { ${ref} }`;
  return `${head}fragment TypeRef on __Type { ${ref} }`;
}

const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
const token = await mintDevToken(keys[0]!, {});
const res = await fetch(gateway, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: introspection() }),
});
const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown };
if (!body.data) throw new Error(`no schema from ${gateway}: ${JSON.stringify(body.errors)}`);
const file = join(import.meta.dirname, '..', 'schema.graphql');
writeFileSync(file, `${printSchema(buildClientSchema(body.data))}\n`);
console.log(`wrote ${file}`);
