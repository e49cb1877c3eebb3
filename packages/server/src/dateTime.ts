import { IsoDateTime } from '@tracebridge/contracts';
import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';

const MESSAGE = 'must be an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00Z';

function parseDateTime(value: unknown): string {
  // Anything else used to pass through to SQL and come back as an internal error.
  if (typeof value !== 'string' || value.length > 40 || !IsoDateTime.safeParse(value).success || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime ${MESSAGE}`, { extensions: { code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_BAD_USER_INPUT' } });
  }
  return value;
}

/** `DateTime`: ISO 8601 with offset, checked where GraphQL reads it (variables and literals), so no resolver sees anything else. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00Z.',
  serialize: (v) => (typeof v === 'string' ? v : String(v)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime ${MESSAGE}; got ${print(ast).slice(0, 40)}`, { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});
