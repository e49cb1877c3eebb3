import { ErrorCodes, TracebridgeError, type SignedEnvelope, type UnsignedEnvelope } from '@tracebridge/contracts';
import { base64url, CompactSign, compactVerify } from 'jose';
import { canonicalBytes } from './canonical';
import { SIGNING_ALG, type SigningKey } from './keys';
import type { TrustRegistry } from './trustRegistry';

const EVENT_JWS_TYPE = 'tb-event+jws';

/**
 * Sign an event as its originator: a JWS (EdDSA) over the canonical JSON of
 * the whole unsigned envelope, provenance and handling included, with the
 * payload detached (`header..signature`): the envelope itself is the payload.
 */
export async function signEvent(envelope: UnsignedEnvelope, key: SigningKey): Promise<SignedEnvelope> {
  const jws = await new CompactSign(canonicalBytes(envelope))
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: EVENT_JWS_TYPE })
    .sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return { ...envelope, signature: `${header}..${signature}` };
}

export class SignatureError extends TracebridgeError {
  override readonly name = 'SignatureError';
}

/**
 * Verify an event against its originator's published event keys. The key is
 * looked up only among the keys of the agency named as originator, so one
 * agency's key can never vouch for another agency's events.
 * @throws SignatureError (TB_ERR_UNKNOWN_SIGNER or TB_ERR_SIGNATURE_INVALID)
 */
export async function verifyEventSignature(envelope: SignedEnvelope, registry: TrustRegistry): Promise<void> {
  const agency = registry.agency(envelope.originator.agency);
  const resolver = registry.eventKeyResolver(envelope.originator.agency);
  if (!agency || !resolver) {
    throw new SignatureError(ErrorCodes.UNKNOWN_SIGNER, `no keys registered for agency ${envelope.originator.agency}`);
  }
  if (agency.state !== envelope.originator.state) {
    throw new SignatureError(ErrorCodes.SIGNATURE_INVALID, `agency ${agency.id} belongs to ${agency.state}, not ${envelope.originator.state}`);
  }
  const { signature, ...unsigned } = envelope;
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[1] !== '') throw new SignatureError(ErrorCodes.SIGNATURE_INVALID, 'the signature is not a detached JWS');
  const compact = `${parts[0]}.${base64url.encode(canonicalBytes(unsigned))}.${parts[2]}`;
  try {
    const { protectedHeader } = await compactVerify(compact, resolver, { algorithms: [SIGNING_ALG] });
    if (protectedHeader.typ !== EVENT_JWS_TYPE) throw new Error(`unexpected typ ${String(protectedHeader.typ)}`);
  } catch (err) {
    throw new SignatureError(ErrorCodes.SIGNATURE_INVALID, `the signature of event ${envelope.id} does not verify`, { cause: err });
  }
}
