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
