import type { OfficerRole } from '@tracebridge/contracts';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';
import { join } from 'node:path';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; path?: (string | number)[]; tbCode?: string; retryable?: boolean } }[];
}

/** POST a GraphQL request to a URL, as the holder of `token` (or nobody). */
export async function gql<T = Record<string, unknown>>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Dev tokens for the demo agencies, minted from the network's own dev keys (default: every role the agency's kind may hold). */
export async function devTokens(dataDir: string, roles?: readonly OfficerRole[]): Promise<Record<string, string>> {
  const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  const out: Record<string, string> = {};
  for (const k of keys) out[k.agency.id] = await mintDevToken(k, roles ? { roles } : {});
  return out;
}
