/**
 * Where the API's errors go on a form: a `BAD_USER_INPUT` error carries `extensions.path`
 * (`["input", "location", "country"]`), and `TB_ERR_TRACE_REQUEST_INCOMPLETE` one path per missing
 * field in `extensions.issues`. Each goes next to the field registered under that path (or the nearest
 * registered field above it); what matches no field is shown above the form. Pure: tested on its own.
 */
export interface ApiError {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

export type ErrorKind = 'retryable' | 'forbidden' | 'unauthenticated' | 'rateLimited' | 'input' | 'other';

export interface PlacedErrors {
  /** Field key (`input.items.0.serialNumber`) → message. */
  fields: Record<string, string>;
  /** Errors that belong to no field. */
  form: { kind: ErrorKind; message: string; retryAfterSeconds?: number }[];
}

export const fieldKey = (path: readonly (string | number)[]): string => path.join('.');

export function errorKind(error: ApiError): ErrorKind {
  const ext = error.extensions ?? {};
  if (ext.retryable === true || ext.code === 'SERVICE_UNAVAILABLE') return 'retryable';
  if (ext.code === 'RATE_LIMITED') return 'rateLimited';
  if (ext.code === 'FORBIDDEN') return 'forbidden';
  if (ext.code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (ext.code === 'BAD_USER_INPUT') return 'input';
  return 'other';
}

const isPath = (value: unknown): value is (string | number)[] => Array.isArray(value) && value.every((p) => typeof p === 'string' || typeof p === 'number');

/** The nearest registered field at or above `path`. */
function nearestField(path: readonly (string | number)[], known: ReadonlySet<string>): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const key = fieldKey(path.slice(0, n));
    if (known.has(key)) return key;
  }
  return undefined;
}

/** Strip the "input.location.country: " prefix the API puts before a field's message: the field already says where. */
const fieldMessage = (message: string, path: readonly (string | number)[]): string => {
  const prefix = `${fieldKey(path)}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
};

/** Where an input error points: its `extensions.path` with its message, then every entry of `extensions.issues` (`{ path, message }`, or a bare path). */
function pointers(error: ApiError): { path: (string | number)[]; message: string }[] {
  const ext = error.extensions ?? {};
  const out: { path: (string | number)[]; message: string }[] = [];
  if (isPath(ext.path)) out.push({ path: ext.path, message: fieldMessage(error.message, ext.path) });
  for (const issue of Array.isArray(ext.issues) ? (ext.issues as unknown[]) : []) {
    if (isPath(issue)) out.push({ path: issue, message: error.message });
    else if (typeof issue === 'object' && issue !== null && isPath((issue as { path?: unknown }).path)) {
      const { path, message } = issue as { path: (string | number)[]; message?: unknown };
      out.push({ path, message: typeof message === 'string' ? message : error.message });
    }
  }
  return out;
}

export function placeErrors(errors: readonly ApiError[], knownFields: Iterable<string>): PlacedErrors {
  const known = new Set(knownFields);
  const placed: PlacedErrors = { fields: {}, form: [] };
  for (const error of errors) {
    const kind = errorKind(error);
    const ext = error.extensions ?? {};
    let onField = false;
    for (const { path, message } of kind === 'input' ? pointers(error) : []) {
      const key = nearestField(path, known);
      if (key === undefined) continue;
      onField = true;
      placed.fields[key] ??= message;
    }
    if (!onField) {
      const retryAfter = typeof ext.retryAfterSeconds === 'number' ? { retryAfterSeconds: ext.retryAfterSeconds } : {};
      placed.form.push({ kind, message: error.message, ...retryAfter });
    }
  }
  return placed;
}
