import { ErrorCodes, RegistryDocument, TracebridgeError } from '@tracebridge/contracts';
import { compactVerify, CompactSign, importJWK, type JWK } from 'jose';
import { SIGNING_ALG, type SigningKey } from './keys';
import { createTrustRegistry, type TrustRegistry } from './trustRegistry';

const REGISTRY_TYP = 'tb-registry+jws';

export class RegistryError extends TracebridgeError {
  override readonly name = 'RegistryError';
  constructor(message: string, cause?: unknown) {
    super(ErrorCodes.REGISTRY_INVALID, message, { cause });
  }
}

/** The directory signs the registry it serves (compact JWS, EdDSA): whoever serves it, services believe only the directory's key. */
export function signRegistry(doc: RegistryDocument, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(doc))).setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: REGISTRY_TYP }).sign(key.privateKey);
}

/**
 * Verify a registry against the directory's pinned public key and build the
 * trust registry from it.
 * @throws RegistryError when unsigned, wrongly signed, of another type or malformed
 */
export async function verifyRegistry(jws: string, pinnedDirectoryKey: JWK, now: Date = new Date()): Promise<TrustRegistry> {
  let payload: Uint8Array;
  let doc: RegistryDocument;
  try {
    const key = await importJWK(pinnedDirectoryKey, SIGNING_ALG);
    const result = await compactVerify(jws, key, { algorithms: [SIGNING_ALG] });
    if (result.protectedHeader.typ !== REGISTRY_TYP) throw new Error(`typ ${String(result.protectedHeader.typ)}`);
    payload = result.payload;
  } catch (err) {
    throw new RegistryError('the registry is not signed by the pinned directory key', err);
  }
  try {
    doc = RegistryDocument.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch (err) {
    throw new RegistryError('the signed registry is malformed', err);
  }
  if (Date.parse(doc.validUntil) <= now.getTime()) throw new RegistryError(`the signed registry expired at ${doc.validUntil}`);
  return createTrustRegistry(doc.agencies, doc.services, doc.issuedAt);
}
