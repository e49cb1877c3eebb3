import { TracebridgeError, type ErrorCode } from '@tracebridge/contracts';

/**
 * A command that the rules refuse; `code` is stable, `details.path` names the
 * offending input where there is one. Not a `path` property of its own:
 * graphql-js takes any error with an array `path` for an already-located
 * GraphQL error and passes it on unwrapped, which clients then saw as an internal error.
 */
export class DomainError extends TracebridgeError {
  override readonly name = 'DomainError';
  constructor(code: ErrorCode, message: string, path: (string | number)[] = []) {
    super(code, message, { details: { path } });
  }
}
