import { TracebridgeError, type ErrorCode } from '@tracebridge/contracts';

/** A command that the rules refuse; `code` is stable, `path` names the offending input where there is one. */
export class DomainError extends TracebridgeError {
  override readonly name = 'DomainError';
  readonly path: (string | number)[];
  constructor(code: ErrorCode, message: string, path: (string | number)[] = []) {
    super(code, message, { details: { path } });
    this.path = path;
  }
}
