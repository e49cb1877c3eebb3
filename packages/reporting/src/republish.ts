import { rpcRules, serveRequests, type Relay, type ServiceRpc } from '@tracebridge/bus';
import { ErrorCodes, RepublishRequest, rpcSubjects, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';

/**
 * Answer the hub's gap repair for one hosted agency (issue 10, item 2):
 * how far JetStream has acknowledged the agency's events, and on request a
 * re-publish of every event after the position the hub holds. Only the hub
 * may ask; the re-publish runs on after the answer.
 */
export function serveRepublish(rpc: ServiceRpc, agency: string, relay: Relay): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.republish(agency),
    queue: `republish-${agency}`,
    authorise: rpcRules.hubService,
    handle: (req) => {
      const body = RepublishRequest.safeParse(req.body);
      if (!body.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid re-publish request', zodIssuesToPaths(body.error));
      const after = BigInt(body.data.after);
      // The last event actually on the stream: a record the relay dead-lettered at the end is no gap to repair.
      const head = relay.stats().publishedHead;
      const started = body.data.republish && after < head;
      if (started) {
        rpc.logger?.warn({ agency, after: body.data.after, upTo: body.data.upTo, head: head.toString() }, 'the hub asked for events again from a gap: re-publishing');
        void relay.republish(after, body.data.upTo === undefined ? undefined : BigInt(body.data.upTo));
      }
      return { head: head.toString(), started };
    },
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
