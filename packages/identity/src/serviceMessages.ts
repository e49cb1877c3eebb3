import { randomUUID } from 'node:crypto';
import { ErrorCodes, OfficerRole, TracebridgeError } from '@tracebridge/contracts';
import { compactDecrypt, CompactEncrypt, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG } from './keys';
import type { Officer } from './officerToken';
import { ENCRYPTION_ALG, type ServiceKeys } from './serviceKeys';
import type { TrustRegistry } from './trustRegistry';

/**
 * Service-to-service messages over NATS request/reply. No bearer token ever
 * crosses the bus: a request carries the viewer's identity as asserted by
 * the requesting service, signed with that service's key; the receiver
 * verifies it against the trust registry and decides for itself whether
 * that service may speak for that viewer. Replies are signed by the
 * answering service and bound to the request (`inReplyTo`), so an
 * impostor's answer is refused; replies holding person identities are also
 * encrypted to the requester's key, so nobody else on the bus can read them.
 */

const REQUEST_TYP = 'tb-rpc-request+jwt';
const REPLY_TYP = 'tb-rpc-reply+jwt';
/** A request or reply older than this is refused: it is a replay, or a clock to fix. */
const MAX_AGE_SECONDS = 30;

export class ServiceMessageError extends TracebridgeError {
  override readonly name = 'ServiceMessageError';
  constructor(message: string, cause?: unknown) {
    super(ErrorCodes.SERVICE_MESSAGE_INVALID, message, { cause });
  }
}

const ViewerClaim = z.object({ agency: z.string().min(1).max(64), subject: z.string().min(1).max(200), roles: z.array(OfficerRole).min(1).max(4) });
const Claims = z.object({ iss: z.string(), aud: z.string(), jti: z.string(), iat: z.number(), body: z.unknown(), viewer: ViewerClaim.optional(), inReplyTo: z.string().optional() });

/** Remembers recent request ids so a captured request cannot be played again within its lifetime. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  check(jti: string, nowMs = Date.now()): void {
    if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp < nowMs) this.seen.delete(k);
    if (this.seen.has(jti)) throw new ServiceMessageError('request replayed');
    this.seen.set(jti, nowMs + 2 * MAX_AGE_SECONDS * 1000);
  }
}

const sign = (me: ServiceKeys, typ: string, aud: string, claims: Record<string, unknown>, jti: string): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: me.signingKey.kid, typ })
    .setIssuer(me.service)
    .setAudience(aud)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(`${MAX_AGE_SECONDS}s`)
    .sign(me.signingKey.privateKey);

/** Verify a message's signature against its issuing service's keys in the registry. */
async function verifyFrom(jws: string, typ: string, registry: TrustRegistry, audience: string): Promise<z.infer<typeof Claims>> {
  try {
    const { kid } = decodeProtectedHeader(jws);
    const { iss } = decodeJwt(jws);
    const key = typeof iss === 'string' && typeof kid === 'string' ? registry.serviceKey(iss, kid) : undefined;
    if (!key) throw new Error('unknown service or key');
    const { payload, protectedHeader } = await jwtVerify(jws, key, { algorithms: [SIGNING_ALG], audience, maxTokenAge: MAX_AGE_SECONDS, clockTolerance: 5, requiredClaims: ['iss', 'jti', 'iat', 'exp'] });
    if (protectedHeader.typ !== typ) throw new Error(`typ ${String(protectedHeader.typ)}`);
    return Claims.parse(payload);
  } catch (err) {
    throw new ServiceMessageError('service message refused', err);
  }
}

/** Sign a request to `subject` on behalf of `viewer` (an officer this service verified). */
export async function signServiceRequest(me: ServiceKeys, subject: string, body: unknown, viewer?: Officer): Promise<{ message: string; jti: string }> {
  const jti = randomUUID();
  const claims = { body, ...(viewer ? { viewer: { agency: viewer.agency, subject: viewer.subject, roles: viewer.roles } } : {}) };
  return { message: await sign(me, REQUEST_TYP, subject, claims, jti), jti };
}

export interface VerifiedRequest {
  /** The requesting service's id. */
  from: string;
  jti: string;
  body: unknown;
  /** The viewer the requesting service vouches for; state and kind come from the registry. */
  viewer?: Officer;
}

/** Verify a request received on `subject`: signed by a registered service, addressed here, fresh, not replayed. */
export async function verifyServiceRequest(message: string, registry: TrustRegistry, subject: string, replays: ReplayGuard): Promise<VerifiedRequest> {
  const claims = await verifyFrom(message, REQUEST_TYP, registry, subject);
  replays.check(claims.jti);
  let viewer: Officer | undefined;
  if (claims.viewer) {
    const agency = registry.agency(claims.viewer.agency);
    if (!agency) throw new ServiceMessageError('viewer agency is not registered');
    viewer = { agency: agency.id, state: agency.state, kind: agency.kind, subject: claims.viewer.subject, roles: claims.viewer.roles };
  }
  return { from: claims.iss, jti: claims.jti, body: claims.body, ...(viewer ? { viewer } : {}) };
}

/** Sign a reply to a verified request; with `encrypt`, only the requester can read it. */
export async function signServiceReply(me: ServiceKeys, request: VerifiedRequest, body: unknown, registry: TrustRegistry, options: { encrypt?: boolean } = {}): Promise<string> {
  const signed = await sign(me, REPLY_TYP, request.from, { body, inReplyTo: request.jti }, randomUUID());
  if (!options.encrypt) return signed;
  const jwk = registry.service(request.from)?.encryptionKeys.keys[0];
  if (!jwk) throw new ServiceMessageError(`service ${request.from} has no encryption key`);
  return new CompactEncrypt(new TextEncoder().encode(signed))
    .setProtectedHeader({ alg: ENCRYPTION_ALG, enc: 'A256GCM', kid: jwk.kid, cty: 'JWT' })
    .encrypt(await importJWK(jwk, ENCRYPTION_ALG));
}

/**
 * Verify a reply: decrypted with this service's key when it is encrypted,
 * signed by the service expected to answer, addressed to this service, and
 * answering this very request.
 */
export async function verifyServiceReply(reply: string, me: ServiceKeys, registry: TrustRegistry, expected: { from: string; jti: string; encrypted?: boolean }): Promise<unknown> {
  let jws = reply;
  if (expected.encrypted) {
    try {
      jws = new TextDecoder().decode((await compactDecrypt(reply, me.encryption.privateKey, { keyManagementAlgorithms: [ENCRYPTION_ALG], contentEncryptionAlgorithms: ['A256GCM'] })).plaintext);
    } catch (err) {
      throw new ServiceMessageError('reply could not be decrypted', err);
    }
  }
  const claims = await verifyFrom(jws, REPLY_TYP, registry, me.service);
  if (claims.iss !== expected.from || claims.inReplyTo !== expected.jti) throw new ServiceMessageError(`reply is not ${expected.from}'s answer to this request`);
  return claims.body;
}
