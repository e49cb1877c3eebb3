import { type AgencyKind, ErrorCodes, OfficerRole, ROLES_BY_KIND, TracebridgeError } from '@tracebridge/contracts';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG, type SigningKey } from './keys';
import type { TrustRegistry } from './trustRegistry';

/** The audience every Tracebridge token must name. */
export const TOKEN_AUDIENCE = 'tracebridge';

/** The longest a token may live (exp − iat) unless configured otherwise: one working day. @default 43200 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

const OfficerClaims = z.object({
  // Shown to originators in their access audit: no control, format (bidi) or space characters.
  sub: z.string().regex(/^[^\p{C}\p{Z}]{1,200}$/u, 'the subject must be 1–200 visible characters'),
  agency: z.string().min(1).max(64),
  roles: z.array(OfficerRole).min(1).max(4),
});

/** Who is asking: an officer of one agency, as their verified token says. */
export interface Officer {
  subject: string;
  agency: string;
  state: string;
  kind: AgencyKind;
  /** What the officer may do (within what the agency's kind may hold). */
  roles: OfficerRole[];
}

export class TokenError extends TracebridgeError {
  override readonly name = 'TokenError';
  constructor(message: string, cause?: unknown) {
    super(ErrorCodes.TOKEN_INVALID, message, { cause });
  }
}

export interface VerifyTokenOptions {
  /** @default 'tracebridge' */
  audience?: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. @default 30 */
  clockToleranceSeconds?: number;
  /** Longest accepted lifetime (exp − iat), in seconds. @default 43200 (12 hours) */
  maxLifetimeSeconds?: number;
  /** For tests: the time to verify at. */
  currentDate?: Date;
}

/**
 * Verify an officer's bearer token: the issuer must be registered to an
 * agency, the signature must verify with that agency's token keys (by
 * `kid`, EdDSA only, so `alg: none` and HMAC confusion are refused), the
 * audience must be ours, `exp` must be present and not passed, and the
 * `agency` claim must be the issuer's own agency.
 * @throws TokenError (TB_ERR_TOKEN_INVALID) with the reason
 */
export async function verifyOfficerToken(token: string, registry: TrustRegistry, options: VerifyTokenOptions = {}): Promise<Officer> {
  if (token.length > 8192) throw new TokenError('token too large');
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
    // The key is named, never guessed from the set (a JWKS of one would otherwise be tried without a kid).
    if (typeof decodeProtectedHeader(token).kid !== 'string') throw new Error('no kid');
  } catch (err) {
    throw new TokenError('malformed token', err);
  }
  const trusted = issuer === undefined ? undefined : registry.tokenIssuer(issuer);
  if (!trusted || issuer === undefined) throw new TokenError('token issuer is not registered');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, trusted.keys, {
      issuer,
      audience: options.audience ?? TOKEN_AUDIENCE,
      algorithms: [SIGNING_ALG],
      requiredClaims: ['exp', 'iat', 'sub'],
      // Only officer access tokens (RFC 8725 §3.11): no other signed object passes for one.
      typ: 'JWT',
      clockTolerance: options.clockToleranceSeconds ?? 30,
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    }));
  } catch (err) {
    throw new TokenError(`token rejected: ${(err as { code?: string }).code ?? 'invalid'}`, err);
  }
  checkLifetime(payload as { iat: number; exp: number }, options);
  const claims = OfficerClaims.safeParse(payload);
  if (!claims.success) throw new TokenError('token claims are incomplete');
  if (claims.data.agency !== trusted.agency.id) throw new TokenError('token agency does not match its issuer');
  const allowed = ROLES_BY_KIND[trusted.agency.kind];
  if (claims.data.roles.some((r) => !allowed.includes(r))) throw new TokenError(`token holds a role a ${trusted.agency.kind.toLowerCase()} agency may not hold`);
  return {
    subject: claims.data.sub,
    agency: trusted.agency.id,
    state: trusted.agency.state,
    kind: trusted.agency.kind,
    roles: [...new Set(claims.data.roles)],
  };
}

/**
 * A token issued in the future (beyond the clock skew) was minted by a
 * wrong clock or to outlive its rotation; one living longer than the
 * maximum turns a stolen token into a lasting key. Both are refused.
 */
function checkLifetime(claims: { iat: number; exp: number }, options: VerifyTokenOptions): void {
  const now = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
  const skew = options.clockToleranceSeconds ?? 30;
  if (claims.iat > now + skew) throw new TokenError('token issued in the future');
  if (claims.exp - claims.iat > (options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)) throw new TokenError('token lifetime exceeds the maximum');
}

/** Mint an officer token (the dev issuer, and tests). */
export async function mintOfficerToken(
  key: SigningKey,
  claims: { issuer: string; agency: string; subject: string; roles: readonly OfficerRole[]; ttlSeconds?: number; audience?: string; now?: Date },
): Promise<string> {
  const iat = Math.floor((claims.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ agency: claims.agency, roles: [...claims.roles] })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.issuer)
    .setSubject(claims.subject)
    .setAudience(claims.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (claims.ttlSeconds ?? 3600))
    .sign(key.privateKey);
}
