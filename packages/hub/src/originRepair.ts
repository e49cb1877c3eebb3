import { requestService, type OriginRepair, type ServiceRpc } from '@tracebridge/bus';
import { ErrorCodes, RepublishReply, rpcSubjects, TracebridgeError } from '@tracebridge/contracts';

/**
 * The hub's side of gap repair (issue 10, item 2): every agency a service
 * hosts is an origin to keep in step with, asked over its service's signed
 * `republish` RPC. Intervals from TB_HUB_SYNC_INTERVAL_MS and
 * TB_HUB_REPAIR_RETRY_MS (docs/operations.md).
 */
export function originRepair(rpc: ServiceRpc, intervals: { syncIntervalMs?: number; retryMs?: number } = {}): OriginRepair {
  return {
    ...intervals,
    origins: () => {
      const registry = rpc.registry();
      return registry
        .agencies()
        .map((a) => a.id)
        .filter((id) => registry.serviceHosting(id) !== undefined);
    },
    ask: async (origin, after, republish, upTo) => {
      const host = rpc.registry().serviceHosting(origin);
      if (!host) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, `no service relays ${origin}`);
      const reply = await requestService(rpc.nc, rpc.me, rpc.registry, {
        subject: rpcSubjects.republish(origin),
        to: host.id,
        body: { after: after.toString(), republish, ...(upTo === undefined ? {} : { upTo: upTo.toString() }) },
        timeoutMs: 5000,
      });
      const parsed = RepublishReply.safeParse(reply);
      if (!parsed.success) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, `${origin}'s service refused or garbled a re-publish request`);
      return BigInt(parsed.data.head);
    },
  };
}
