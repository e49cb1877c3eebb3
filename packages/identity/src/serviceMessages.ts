import { randomUUID, sign as edSign, verify as edVerify } from 'node:crypto';
import { ErrorCodes, OfficerRole, ROLES_BY_KIND, TracebridgeError } from '@tracebridge/contracts';
import { compactDecrypt, CompactEncrypt, importJWK, type CryptoKey } from 'jose';
import { z } from 'zod';
import { ExpiringMap } from './expiringMap';
import { privateKeyObject, SIGNING_ALG } from './keys';
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
 *
 * The messages are standard compact JWS/JWT (EdDSA), signed and verified with
 * node:crypto as events are (ADR 2: twice jose's speed, and every report
 * makes two of them); a test checks that jose verifies them too.
 */

const REQUEST_TYP = 'tb-rpc-request+jwt';
const VIEWER_TYP = 'tb-viewer+jwt';
const REPLY_TYP = 'tb-rpc-reply+jwt';
/** A request or reply older than this is refused: it is a replay, or a clock to fix. */
const MAX_AGE_SECONDS = 30;
/** Clock difference tolerated between services. */
const SKEW_SECONDS = 5;

export class ServiceMessageError extends TracebridgeError {
  override readonly name = 'ServiceMessageError';
  constructor(message: string, cause?: unknown) {
    super(ErrorCodes.SERVICE_MESSAGE_INVALID, message, { cause });
  }
}

const ViewerClaim = z.object({ agency: z.string().min(1).max(64), subject: z.string().min(1).max(200), roles: z.array(OfficerRole).min(1).max(4) });
const Claims = z.object({
  iss: z.string(),
  aud: z.string(),
  jti: z.string(),
  iat: z.number(),
  body: z.unknown().optional(),
  viewer: ViewerClaim.optional(),
  inReplyTo: z.string().optional(),
});

/** How many request ids a receiver remembers at most; beyond, new requests are refused until old ones expire. */
const MAX_REMEMBERED_REQUESTS = 100_000;

/** Remembers recent request ids so a captured request cannot be played again within its lifetime. */
export class ReplayGuard {
  private readonly seen = new ExpiringMap<true>(2 * (MAX_AGE_SECONDS + SKEW_SECONDS) * 1000, MAX_REMEMBERED_REQUESTS);
  check(jti: string, nowMs = Date.now()): void {
    if (this.seen.get(jti, nowMs)) throw new ServiceMessageError('request replayed');
    // Full: refuse rather than forget an id that could then be replayed.
    if (!this.seen.set(jti, true, nowMs)) throw new ServiceMessageError('too many requests to remember; try again');
  }
}

const b64 = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url');

function sign(me: ServiceKeys, typ: string, aud: string, claims: Record<string, unknown>, jti: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const header = b64(JSON.stringify({ alg: SIGNING_ALG, kid: me.signingKey.kid, typ }));
  const payload = b64(JSON.stringify({ ...claims, iss: me.service, aud, jti, iat, exp: iat + MAX_AGE_SECONDS }));
  return `${header}.${payload}.${b64(edSign(null, Buffer.from(`${header}.${payload}`), privateKeyObject(me.signingKey)))}`;
}

const Header = z.object({ alg: z.literal(SIGNING_ALG), typ: z.string(), kid: z.string(), crit: z.never().optional() });
const Times = z.object({ iss: z.string(), aud: z.string(), iat: z.number(), exp: z.number() });

/** Verify a message's signature against its issuing service's keys in the registry, its type, audience and freshness. */
function verifyFrom(jws: string, typ: string, registry: TrustRegistry, audience: string): z.infer<typeof Claims> {
  try {
    const [h, p, sig, extra] = jws.split('.');
    if (!h || !p || !sig || extra !== undefined) throw new Error('not a compact JWS');
    const header = Header.parse(JSON.parse(Buffer.from(h, 'base64url').toString('utf8')));
    if (header.typ !== typ) throw new Error(`typ ${header.typ}`);
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const times = Times.parse(payload);
    const key = registry.serviceKey(times.iss, header.kid);
    if (!key) throw new Error(`no key ${header.kid} for service ${times.iss}`);
    if (!edVerify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'))) throw new Error('bad signature');
    const now = Date.now() / 1000;
    if (times.aud !== audience) throw new Error(`audience ${times.aud}`);
    if (times.exp < now - SKEW_SECONDS || times.iat > now + SKEW_SECONDS || times.exp - times.iat > MAX_AGE_SECONDS) throw new Error('expired or not yet valid');
    return Claims.parse(payload);
  } catch (err) {
    throw new ServiceMessageError('service message refused', err);
  }
}

/** Sign a request to `subject` on behalf of `viewer` (an officer this service verified). */
export function signServiceRequest(me: ServiceKeys, subject: string, body: unknown, viewer?: Officer): Promise<{ message: string; jti: string }> {
  const jti = randomUUID();
  const claims = { body, ...(viewer ? { viewer: { agency: viewer.agency, subject: viewer.subject, roles: viewer.roles } } : {}) };
  return Promise.resolve({ message: sign(me, REQUEST_TYP, subject, claims, jti), jti });
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
export function verifyServiceRequest(message: string, registry: TrustRegistry, subject: string, replays: ReplayGuard): Promise<VerifiedRequest> {
  try {
    return Promise.resolve(verifyRequestSync(message, registry, subject, replays));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function verifyRequestSync(message: string, registry: TrustRegistry, subject: string, replays: ReplayGuard): VerifiedRequest {
  const claims = verifyFrom(message, REQUEST_TYP, registry, subject);
  replays.check(claims.jti);
  const viewer = viewerFrom(claims, registry);
  return { from: claims.iss, jti: claims.jti, body: claims.body, ...(viewer ? { viewer } : {}) };
}

/** The viewer a verified message vouches for, with state and kind from the registry. */
function viewerFrom(claims: z.infer<typeof Claims>, registry: TrustRegistry): Officer | undefined {
  if (!claims.viewer) return undefined;
  const agency = registry.agency(claims.viewer.agency);
  if (!agency) throw new ServiceMessageError('viewer agency is not registered');
  // A service vouches for who the viewer is, not for roles the viewer's agency may not hold.
  if (claims.viewer.roles.some((r) => !ROLES_BY_KIND[agency.kind].includes(r)))
    throw new ServiceMessageError(`viewer holds a role a ${agency.kind.toLowerCase()} agency may not hold`);
  return { agency: agency.id, state: agency.state, kind: agency.kind, subject: claims.viewer.subject, roles: claims.viewer.roles };
}

/** Recipients' public encryption keys, imported once per key (the registry object is replaced on refresh, the key text is not). */
const encryptionKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();
function encryptionKeyOf(jwk: { kid: string; x?: string }): Promise<CryptoKey | Uint8Array> {
  const id = `${jwk.kid}:${jwk.x ?? ''}`;
  let key = encryptionKeys.get(id);
  if (!key) encryptionKeys.set(id, (key = importJWK(jwk, ENCRYPTION_ALG)));
  return key;
}

/** Sign a reply to a verified request; with `encrypt`, only the requester can read it. */
export async function signServiceReply(me: ServiceKeys, request: VerifiedRequest, body: unknown, registry: TrustRegistry, options: { encrypt?: boolean } = {}): Promise<string> {
  const signed = sign(me, REPLY_TYP, request.from, { body, inReplyTo: request.jti }, randomUUID());
  if (!options.encrypt) return signed;
  const jwk = registry.service(request.from)?.encryptionKeys.keys[0];
  if (!jwk) throw new ServiceMessageError(`service ${request.from} has no encryption key`);
  return new CompactEncrypt(new TextEncoder().encode(signed))
    .setProtectedHeader({ alg: ENCRYPTION_ALG, enc: 'A256GCM', kid: jwk.kid, cty: 'JWT' })
    .encrypt(await encryptionKeyOf(jwk));
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
      jws = new TextDecoder().decode(
        (await compactDecrypt(reply, me.encryption.privateKey, { keyManagementAlgorithms: [ENCRYPTION_ALG], contentEncryptionAlgorithms: ['A256GCM'] })).plaintext,
      );
    } catch (err) {
      throw new ServiceMessageError('reply could not be decrypted', err);
    }
  }
  const claims = verifyFrom(jws, REPLY_TYP, registry, me.service);
  if (claims.iss !== expected.from || claims.inReplyTo !== expected.jti) throw new ServiceMessageError(`reply is not ${expected.from}'s answer to this request`);
  return claims.body;
}

/**
 * What the gateway sends a subgraph instead of the officer's bearer token: the
 * officer it verified, signed by the gateway for that one subgraph, valid 30
 * seconds. Whoever answers on a subgraph's port gets nothing it can use
 * elsewhere.
 */
export function signViewerAssertion(me: ServiceKeys, audience: string, viewer: Officer): string {
  return sign(me, VIEWER_TYP, audience, { viewer: { agency: viewer.agency, subject: viewer.subject, roles: viewer.roles } }, randomUUID());
}

/** Verify a gateway's viewer assertion for this service (`audience`): signed by a registered GATEWAY service, fresh, not replayed. */
export function verifyViewerAssertion(assertion: string, registry: TrustRegistry, audience: string, replays: ReplayGuard): Officer {
  const claims = verifyFrom(assertion, VIEWER_TYP, registry, audience);
  if (registry.service(claims.iss)?.kind !== 'GATEWAY') throw new ServiceMessageError(`service ${claims.iss} is not a gateway`);
  replays.check(claims.jti);
  const viewer = viewerFrom(claims, registry);
  if (!viewer) throw new ServiceMessageError('the assertion names no viewer');
  return viewer;
}
