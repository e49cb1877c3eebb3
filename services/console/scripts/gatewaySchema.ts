import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';

/** The standard introspection query with type references 5 deep (enough for `[[T!]!]!`): the gateway refuses documents deeper than 12. */
function introspection(): string {
  const [head] = getIntrospectionQuery({ descriptions: true }).split('fragment TypeRef');
  let ref = 'kind name';
  for (let i = 0; i < 5; i++) ref = `kind name ofType { ${ref} }`;
  return `${head}fragment TypeRef on __Type { ${ref} }`;
}

/** The gateway's composed schema as SDL, asked with an officer's token (what schema.graphql holds). */
export async function fetchGatewaySchema(graphqlUrl: string, token: string): Promise<string> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: introspection() }),
  });
  const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown };
  if (!body.data) throw new Error(`no schema from ${graphqlUrl}: ${JSON.stringify(body.errors)}`);
  return `${printSchema(buildClientSchema(body.data))}\n`;
}
