import { ErrorCatalogue, TracebridgeError, ValidationError } from '@tracebridge/contracts';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toGraphQLError } from './graphqlErrors';

const thrown = (original: Error): GraphQLError => toGraphQLError(new GraphQLError(original.message, { originalError: original, path: ['field'] }));

describe('error mapping at the GraphQL edge', () => {
  it('shows every catalogued code as the catalogue says, and withholds the message of internal ones', () => {
    for (const entry of Object.values(ErrorCatalogue)) {
      const out = thrown(new TracebridgeError(entry.code, 'secret detail', { details: { path: ['input', 'x'] } }));
      expect(out.extensions.code, entry.code).toBe(entry.public);
      if (entry.public === 'INTERNAL_SERVER_ERROR') {
        expect(out.message).toBe('internal error');
        expect(out.extensions.tbCode).toBeUndefined();
      } else {
        expect(out.extensions).toMatchObject({ tbCode: entry.code, path: ['input', 'x'] });
      }
    }
  });

  it('treats a code it does not know as internal, never as bad input', () => {
    const out = thrown(new TracebridgeError('TB_ERR_FROM_A_NEWER_SERVICE' as never, 'from another service'));
    expect(out.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(out.message).toBe('internal error');
  });

  it('reports bad input with the first offending path and its issues', () => {
    const out = thrown(new ValidationError('TB_ERR_BAD_USER_INPUT', 'invalid', [{ path: ['input', 'location', 'country'], message: 'not a country' }]));
    expect(out.extensions).toMatchObject({ code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_BAD_USER_INPUT', path: ['input', 'location', 'country'] });
    expect(out.message).toBe('input.location.country: not a country');
  });

  it('shows the client-facing codes as clients rely on them (a table kept by hand, not read from the catalogue)', () => {
    const expected: Record<string, string> = {
      TB_ERR_BAD_USER_INPUT: 'BAD_USER_INPUT',
      TB_ERR_OCCURRED_IN_FUTURE: 'BAD_USER_INPUT',
      TB_ERR_ITEM_NOT_FOUND: 'BAD_USER_INPUT',
      TB_ERR_SEIZURE_NOT_FOUND: 'NOT_FOUND',
      TB_ERR_NOT_ORIGINATOR: 'FORBIDDEN',
      TB_ERR_ROLE_REQUIRED: 'FORBIDDEN',
      TB_ERR_TOKEN_INVALID: 'UNAUTHENTICATED',
      TB_ERR_WRONG_EXPECTED_REVISION: 'SERVICE_UNAVAILABLE',
      TB_ERR_SIGNATURE_INVALID: 'INTERNAL_SERVER_ERROR',
      TB_ERR_INTERNAL: 'INTERNAL_SERVER_ERROR',
    };
    for (const [code, shown] of Object.entries(expected)) expect(thrown(new TracebridgeError(code as never, 'x')).extensions.code, code).toBe(shown);
    expect(thrown(new TracebridgeError('TB_ERR_WRONG_EXPECTED_REVISION', 'stream seizure-1: expected revision 3, found 4')).message).not.toContain('revision');
  });

  it('passes on an error already normalised (a subgraph’s, relayed by the gateway), and hides anything unknown', () => {
    const normalised = new GraphQLError('no such seizure', { extensions: { code: 'NOT_FOUND' } });
    expect(toGraphQLError(normalised)).toBe(normalised);
    const plain = thrown(new Error('SQLITE_CORRUPT at /data/gh-customs.db'));
    expect(plain.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(plain.message).toBe('internal error');
  });

  it('says which errors may simply be sent again: every SERVICE_UNAVAILABLE is retryable, an internal error is not, the caller’s own are neither', () => {
    for (const entry of Object.values(ErrorCatalogue)) {
      const out = thrown(new TracebridgeError(entry.code, 'x'));
      const expected = entry.public === 'SERVICE_UNAVAILABLE' ? true : entry.public === 'INTERNAL_SERVER_ERROR' ? false : undefined;
      expect(out.extensions.retryable, entry.code).toBe(expected);
    }
    const relayed = toGraphQLError(new GraphQLError('try again', { extensions: { code: 'SERVICE_UNAVAILABLE' } }));
    expect(relayed.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  });

  it('shows a store busy, locked or out of space and the bus unreachable as SERVICE_UNAVAILABLE, retryable, in plain words', () => {
    const failures = [
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      Object.assign(new Error('database table is locked'), { code: 'SQLITE_LOCKED_SHAREDCACHE' }),
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
      Object.assign(new Error('disk I/O error at /data/gh-customs.db-wal'), { code: 'SQLITE_IOERR_WRITE' }),
      Object.assign(new Error('TIMEOUT'), { name: 'TimeoutError' }),
      Object.assign(new Error('no responders: tb.rpc.liaison.serial-check'), { name: 'NoResponders' }),
      new Error('append failed', { cause: Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }) }),
    ];
    for (const failure of failures) {
      const out = thrown(failure);
      expect(out.extensions, failure.message).toMatchObject({ code: 'SERVICE_UNAVAILABLE', tbCode: 'TB_ERR_SERVICE_UNAVAILABLE', retryable: true });
      expect(out.message).not.toMatch(/\/data|tb\.rpc|SQLITE|disk/);
      expect(out.path).toEqual(['field']);
    }
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR']) {
      expect(thrown(Object.assign(new Error(code), { code })).extensions, code).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: false });
    }
  });

  it('at the gateway, shows a subgraph that refused the connection, dropped it or timed out as SERVICE_UNAVAILABLE, retryable', () => {
    // What @mercuriusjs/gateway throws: a FederatedError whose extensions.errors hold undici's error as it was.
    const federated = (inner: Error) => Object.assign(new Error('Symbol(FEDERATED_ERROR)'), { extensions: { errors: [inner] } });
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']) {
      const out = thrown(federated(Object.assign(new Error(`connect ${code} 127.0.0.1:4002`), { code })));
      expect(out.extensions, code).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(out.message).not.toContain('127.0.0.1');
    }
    expect(thrown(federated(new SyntaxError('Unexpected token < in JSON'))).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: false });
  });
});
