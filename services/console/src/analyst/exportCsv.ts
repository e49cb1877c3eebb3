import type { ApiError } from '../api/errors';
import { currentSession, endSession } from '../session';

/**
 * The seizures export (`GET /exports/seizures.csv?<filter>`): asked with the tab's token in the authorization
 * header (never in the URL, where it would stay in logs and history), then saved from memory through a blob URL.
 * A refusal comes back as the API's errors (`{ errors: [{ message, extensions: { code, path } }] }`).
 */
export async function fetchSeizuresCsv(query: string): Promise<{ blob: Blob } | { errors: ApiError[] }> {
  const session = currentSession();
  let res: Response;
  try {
    res = await fetch(`/exports/seizures.csv${query ? `?${query}` : ''}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  } catch (err) {
    return { errors: [{ message: (err as Error).message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] };
  }
  if (res.ok) return { blob: await res.blob() };
  // A token the gateway no longer accepts ends the session, as on /graphql (api/client.ts).
  if (res.status === 401) {
    endSession();
    window.location.assign('/');
  }
  const body = (await res.json().catch(() => ({}))) as { errors?: ApiError[] };
  if (body.errors?.length) return { errors: body.errors.map(withoutFieldName) };
  const code = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE';
  return { errors: [{ message: res.statusText, extensions: { code, ...(code === 'SERVICE_UNAVAILABLE' ? { retryable: true } : {}) } }] };
}

/** "from: 118 seizures match …" at ["filter", "from"]: the field already says where, the message need not. */
function withoutFieldName(error: ApiError): ApiError {
  const path = error.extensions?.path;
  const field = Array.isArray(path) ? (path as unknown[]).at(-1) : undefined;
  const prefix = typeof field === 'string' ? `${field}: ` : undefined;
  return prefix && error.message.startsWith(prefix) ? { ...error, message: error.message.slice(prefix.length) } : error;
}

/** Save what was fetched as a file, as a download link would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
