import type { NatsConnection } from '@nats-io/transport-node';
import {
  signServiceReply,
  signServiceRequest,
  verifyServiceReply,
  verifyServiceRequest,
  ReplayGuard,
  type Officer,
  type ServiceKeys,
  type TrustRegistry,
  type VerifiedRequest,
} from '@tracebridge/identity';
import { ErrorCodes, TracebridgeError } from '@tracebridge/contracts';
import type { Logger } from './logger';

/**
 * Request/reply between services over NATS, authenticated both ways (see
 * identity's serviceMessages): the request carries the viewer as the
 * requesting service vouches for them, signed; the reply is signed by the
 * service that must answer and bound to the request; with `encrypted`, only
 * the requester can read it. Bus permissions decide who may ask and who may
 * answer on each subject; these signatures make an impostor's message
 * worthless even where those permissions fail.
 */

/** A service's standing on the bus for its requests and answers: its connection, its own keys, the registry it trusts. */
export interface ServiceRpc {
  nc: NatsConnection;
  me: ServiceKeys;
  registry: () => TrustRegistry;
  logger?: Logger;
}

export interface ServiceRequest {
  subject: string;
  /** The service that must answer; a reply signed by any other is refused. */
  to: string;
  body: unknown;
  viewer?: Officer;
  /** The reply is encrypted to this service's key (person identities). */
  encrypted?: boolean;
  /** @default 3000 */
  timeoutMs?: number;
}

/** Ask another service; resolves with the verified reply body. @throws when unanswered, refused or unverifiable */
export async function requestService(nc: NatsConnection, me: ServiceKeys, registry: () => TrustRegistry, req: ServiceRequest): Promise<unknown> {
  const { message, jti } = await signServiceRequest(me, req.subject, req.body, req.viewer);
  const reply = await nc.request(req.subject, message, { timeout: req.timeoutMs ?? 3000 });
  return verifyServiceReply(reply.string(), me, registry(), { from: req.to, jti, ...(req.encrypted ? { encrypted: true } : {}) });
}

export interface ServeOptions {
  subject: string;
  queue: string;
  /** Decide whether the requesting service may ask this for this viewer; throw to refuse. */
  authorise: (req: VerifiedRequest, registry: TrustRegistry) => void;
  handle: (req: VerifiedRequest) => unknown;
  /** Encrypt replies to the requester. */
  encrypt?: boolean;
  logger?: Logger;
}

/**
 * Answer requests on one subject. A request that does not verify gets no
 * answer at all: answering it would let anyone aim this service's reply at a
 * subject of their choosing. A verified request gets a signed reply — a
 * refusal included, so the requester can tell "refused" from "nobody
 * answered".
 */
export function serveRequests(nc: NatsConnection, me: ServiceKeys, registry: () => TrustRegistry, opts: ServeOptions): { unsubscribe: () => void } {
  const replays = new ReplayGuard();
  const answer = async (req: VerifiedRequest): Promise<unknown> => {
    try {
      opts.authorise(req, registry());
    } catch (e) {
      opts.logger?.warn({ subject: opts.subject, from: req.from }, 'service request refused');
      return { error: { code: ErrorCodes.SERVICE_NOT_ALLOWED, message: (e as Error).message } };
    }
    try {
      return await opts.handle(req);
    } catch (e) {
      if (!(e instanceof TracebridgeError)) opts.logger?.error({ err: e, subject: opts.subject }, 'service request failed');
      return {
        error: { code: e instanceof TracebridgeError ? e.code : 'TB_ERR_INTERNAL', message: e instanceof TracebridgeError ? e.message : 'internal error', ...errorPath(e) },
      };
    }
  };
  const sub = nc.subscribe(opts.subject, {
    queue: opts.queue,
    callback: (err, msg) => {
      if (err || !msg.reply) return;
      void (async () => {
        let req: VerifiedRequest;
        try {
          req = await verifyServiceRequest(msg.string(), registry(), opts.subject, replays);
        } catch (e) {
          opts.logger?.warn({ subject: opts.subject, code: (e as { code?: string }).code }, 'unverifiable service request ignored');
          return;
        }
        msg.respond(await signServiceReply(me, req, await answer(req), registry(), opts.encrypt ? { encrypt: true } : {}));
      })().catch((e: unknown) => opts.logger?.error({ err: e, subject: opts.subject }, 'could not answer a service request'));
    },
  });
  return { unsubscribe: () => sub.unsubscribe() };
}

function errorPath(e: unknown): { path?: (string | number)[] } {
  const issues = (e as { issues?: { path: (string | number)[] }[] }).issues;
  const path = issues?.[0]?.path ?? (e as TracebridgeError).details?.path;
  return Array.isArray(path) ? { path: path as (string | number)[] } : {};
}

/** Authorisation rules shared by the network's RPCs. */
export const rpcRules = {
  /** Only the hub may ask (person identities, dispositions), and it must name a viewer. */
  fromHub: (req: VerifiedRequest, registry: TrustRegistry): void => {
    if (registry.service(req.from)?.kind !== 'HUB' || !req.viewer) throw new Error(`service ${req.from} may not ask this`);
  },
  /** Only the hub may ask, as itself (gap repair): no viewer. */
  hubService: (req: VerifiedRequest, registry: TrustRegistry): void => {
    if (registry.service(req.from)?.kind !== 'HUB') throw new Error(`service ${req.from} may not ask this`);
  },
  /** Only the agency service hosting the viewer's agency may speak for that viewer. */
  fromViewersService: (req: VerifiedRequest, registry: TrustRegistry): void => {
    if (!req.viewer || !registry.service(req.from)?.agencies.includes(req.viewer.agency)) throw new Error(`service ${req.from} may not speak for this viewer`);
  },
};
