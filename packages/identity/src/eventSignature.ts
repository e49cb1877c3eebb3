import { sign, type KeyObject } from 'node:crypto';
import sodium from 'sodium-native';
import { ErrorCodes, TracebridgeError, type SignedEnvelope, type UnsignedEnvelope } from '@tracebridge/contracts';
import { canonicalBytes } from './canonical';
import { privateKeyObject, SIGNING_ALG, type SigningKey } from './keys';
import type { TrustRegistry } from './trustRegistry';

const EVENT_JWS_TYPE = 'tb-event+jws';

export class SignatureError extends TracebridgeError {
  override readonly name = 'SignatureError';
}

const b64url = (b: Uint8Array | string): string => Buffer.from(b).toString('base64url');

/**
 * Events are signed and verified with RFC 7515 compact JWS (EdDSA, Ed25519)
 * over the RFC 8785 canonical JSON of the whole unsigned envelope, provenance
 * and handling included, with the payload detached (`header..signature`).
 * Standard JWS, so any JOSE library verifies it (a test checks jose does);
 * built on node:crypto's synchronous Ed25519 because verification is every
 * consumer's hot path and it runs at about twice the speed of the WebCrypto
 * route through jose here (docs/benchmarks.md).
 */
export function signEvent(envelope: UnsignedEnvelope, key: SigningKey): Promise<SignedEnvelope> {
  const header = b64url(JSON.stringify({ alg: SIGNING_ALG, kid: key.kid, typ: EVENT_JWS_TYPE }));
  const signingInput = Buffer.from(`${header}.${b64url(canonicalBytes(envelope))}`);
  const signature = sign(null, signingInput, privateKeyObject(key));
  return Promise.resolve({ ...envelope, signature: `${header}..${b64url(signature)}` });
}

interface JwsHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  crit?: unknown;
}

const invalid = (message: string, cause?: unknown): SignatureError => new SignatureError(ErrorCodes.SIGNATURE_INVALID, message, { cause });

/**
 * Verify an event against its originator's published event keys. The key is
 * looked up only among the keys of the agency named as originator, so one
 * agency's key can never vouch for another agency's events. Only
 * `alg: EdDSA` is accepted (no `none`, no HMAC), and no `crit` extensions.
 * @throws SignatureError (TB_ERR_UNKNOWN_SIGNER or TB_ERR_SIGNATURE_INVALID)
 */
export function verifyEventSignature(envelope: SignedEnvelope, registry: TrustRegistry): Promise<void> {
  try {
    verifyEventSignatureSync(envelope, registry);
    return Promise.resolve();
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

export function verifyEventSignatureSync(envelope: SignedEnvelope, registry: TrustRegistry): void {
  const agency = registry.agency(envelope.originator.agency);
  if (!agency) throw new SignatureError(ErrorCodes.UNKNOWN_SIGNER, `no keys registered for agency ${envelope.originator.agency}`);
  if (agency.state !== envelope.originator.state) throw invalid(`agency ${agency.id} belongs to ${agency.state}, not ${envelope.originator.state}`);

  const { signature, ...unsigned } = envelope;
  const parts = signature.split('.');
  const [headerB64, payloadB64, sigB64] = parts;
  if (parts.length !== 3 || payloadB64 !== '' || !headerB64 || !sigB64) throw invalid('the signature is not a detached compact JWS');
  let header: JwsHeader;
  try {
    header = JSON.parse(Buffer.from(headerB64, 'base64url').toString('utf8')) as JwsHeader;
  } catch (err) {
    throw invalid('the JWS header is not JSON', err);
  }
  if (header.alg !== SIGNING_ALG) throw invalid(`JWS alg ${String(header.alg)} is not accepted`);
  if (header.typ !== EVENT_JWS_TYPE) throw invalid(`JWS typ ${String(header.typ)} is not an event signature`);
  if (header.crit !== undefined) throw invalid('JWS crit extensions are not supported');
  if (typeof header.kid !== 'string') throw invalid('JWS header has no kid');
  const key = registry.eventKey(agency.id, header.kid);
  // Marked: a key the registry does not list yet may be a rotated one, worth a registry refresh before the event is refused.
  if (!key) throw new SignatureError(ErrorCodes.SIGNATURE_INVALID, `key ${header.kid} is not an event key of ${agency.id}`, { details: { unknownKey: header.kid } });

  const signingInput = Buffer.from(`${headerB64}.${b64url(canonicalBytes(unsigned))}`);
  const sig = Buffer.from(sigB64, 'base64url');
  // libsodium's Ed25519 (RFC 8032, strict: canonical S, no small-order keys): about twice node:crypto's speed on
  // the consumers' hot path, where rebuilds verify every event (issue 10, docs/benchmarks.md). Signing stays on node:crypto.
  const ok = sig.length === sodium.crypto_sign_BYTES && sodium.crypto_sign_verify_detached(sig, signingInput, rawPublicKey(key));
  if (!ok) throw invalid(`the signature of event ${envelope.id} does not verify`);
}

const rawKeys = new WeakMap<KeyObject, Buffer>();

/** An Ed25519 public key's 32 bytes (cached per key object: the registry imports each key once). */
function rawPublicKey(key: KeyObject): Buffer {
  let raw = rawKeys.get(key);
  if (!raw) {
    raw = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
    rawKeys.set(key, raw);
  }
  return raw;
}
