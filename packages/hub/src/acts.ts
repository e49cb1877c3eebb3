import { TracebridgeError, type ErrorCode } from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';
import { requestAct } from './originatorRpc';
import type { HubParts } from './resolvers';

/**
 * Have an agency's own service decide, sign and append an act on a shared
 * record, and wait until the act has come back through the bus and been
 * applied here (read-your-writes): the officer then sees the record as
 * everyone will. A refusal is thrown with its code, its path renamed to the
 * GraphQL argument (`paths`). Resolves false when the act did not arrive in
 * time (it is stored by the agency; the shared view follows).
 */
export async function actThrough(
  h: Pick<HubParts, 'rpc' | 'projection' | 'readYourWritesMs'>,
  req: { subject: string; agency: string; viewer: Officer | undefined; body: unknown },
  paths: Record<string, string> = {},
): Promise<boolean> {
  const reply = await requestAct(h.rpc, req.subject, req.agency, req.viewer, req.body);
  if (reply.error) {
    const path = (reply.error.path ?? []).map((p) => (typeof p === 'string' ? (paths[p] ?? p) : p));
    throw new TracebridgeError(reply.error.code as ErrorCode, reply.error.message, { details: { path } });
  }
  const ids = reply.ok?.eventIds ?? [];
  return (await h.projection.waitUntil(() => (ids.every((id) => h.projection.hasApplied(id)) ? true : undefined), h.readYourWritesMs)) ?? false;
}
