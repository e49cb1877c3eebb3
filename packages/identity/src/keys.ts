import { KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** Every signature in Tracebridge is EdDSA over Ed25519; nothing else is accepted. */
export const SIGNING_ALG = 'EdDSA';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface ExportedSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh Ed25519 key pair; `kid` names the agency and the purpose, e.g. `GH-CUSTOMS#events-1`. */
export async function generateSigningKey(kid: string): Promise<SigningKey & { privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  return { kid, privateKey, publicJwk, privateJwk };
}

export async function importSigningKey(exported: ExportedSigningKey): Promise<SigningKey> {
  const privateKey = (await importJWK(exported.privateJwk, SIGNING_ALG)) as CryptoKey;
  return { kid: exported.kid, privateKey, publicJwk: exported.publicJwk };
}

const keyObjects = new WeakMap<object, KeyObject>();
/** The node:crypto form of a private signing key, converted once: signatures on hot paths use node:crypto (ADR 2). */
export function privateKeyObject(key: SigningKey): KeyObject {
  let k = keyObjects.get(key.privateKey);
  if (!k) keyObjects.set(key.privateKey, (k = KeyObject.from(key.privateKey)));
  return k;
}
