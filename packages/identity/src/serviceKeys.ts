import { join } from 'node:path';
import type { AgencyKind, ServiceKind, ServiceRecord } from '@tracebridge/contracts';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { DEMO_AGENCIES } from './devIssuer';
import { loadOrCreateKeyFile } from './keyFiles';
import { generateSigningKey, importSigningKey, type ExportedSigningKey, type SigningKey } from './keys';

/** Replies meant for one service only (person identities) are encrypted to its X25519 key. */
export const ENCRYPTION_ALG = 'ECDH-ES';

/** A service's own keys: it signs its service-to-service messages with one and decrypts replies meant for it with the other. */
export interface ServiceKeys {
  service: string;
  signingKey: SigningKey;
  encryption: { kid: string; privateKey: CryptoKey; publicJwk: JWK };
}

interface StoredServiceKeys {
  service: string;
  signingKey: ExportedSigningKey;
  encryption: { kid: string; privateJwk: JWK; publicJwk: JWK };
}

async function generateServiceKeys(service: string): Promise<StoredServiceKeys> {
  const s = await generateSigningKey(`${service}#messages-1`);
  const kid = `${service}#encryption-1`;
  const { privateKey, publicKey } = await generateKeyPair(ENCRYPTION_ALG, { crv: 'X25519', extractable: true });
  return {
    service,
    signingKey: { kid: s.kid, privateJwk: s.privateJwk, publicJwk: s.publicJwk },
    encryption: {
      kid,
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ENCRYPTION_ALG, use: 'enc' },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ENCRYPTION_ALG, use: 'enc' },
    },
  };
}

/** A service's keys, kept in `<dir>/services/<service>.json` (0600), created on first use (dev network). */
export async function loadOrCreateServiceKeys(dir: string, service: string): Promise<ServiceKeys> {
  const stored = await loadOrCreateKeyFile(join(dir, 'services', `${service}.json`), () => generateServiceKeys(service));
  return {
    service,
    signingKey: await importSigningKey(stored.signingKey),
    encryption: { kid: stored.encryption.kid, privateKey: (await importJWK(stored.encryption.privateJwk, ENCRYPTION_ALG)) as CryptoKey, publicJwk: stored.encryption.publicJwk },
  };
}

/** The directory's registry-signing key, `<dir>/directory.json` (0600). Every service pins its public half. */
export async function loadOrCreateDirectoryKey(dir: string): Promise<SigningKey> {
  const stored = await loadOrCreateKeyFile<ExportedSigningKey>(join(dir, 'directory.json'), async () => {
    const k = await generateSigningKey('directory#registry-1');
    return { kid: k.kid, privateJwk: k.privateJwk, publicJwk: k.publicJwk };
  });
  return importSigningKey(stored);
}

/** The registry record of a service, public keys only. */
export function serviceRecordOf(keys: ServiceKeys, kind: ServiceKind, agencies: readonly string[]): ServiceRecord {
  return {
    id: keys.service,
    kind,
    agencies: [...agencies],
    signingKeys: { keys: [keys.signingKey.publicJwk as ServiceRecord['signingKeys']['keys'][number]] },
    encryptionKeys: { keys: [keys.encryption.publicJwk as ServiceRecord['encryptionKeys']['keys'][number]] },
  };
}

/**
 * The services of the dev network: the hub, and one agency service per kind
 * hosting the demo agencies of that kind (`regional` for the LIAISON
 * agencies: `liaison` is the hub; `licensing` for the brokering licensing
 * authorities).
 */
export const DEV_SERVICES: readonly { id: string; kind: ServiceKind; agencyKind?: AgencyKind }[] = [
  { id: 'liaison', kind: 'HUB' },
  { id: 'gateway', kind: 'GATEWAY' },
  { id: 'customs', kind: 'AGENCY_SERVICE', agencyKind: 'CUSTOMS' },
  { id: 'police', kind: 'AGENCY_SERVICE', agencyKind: 'POLICE' },
  { id: 'border', kind: 'AGENCY_SERVICE', agencyKind: 'BORDER' },
  { id: 'regional', kind: 'AGENCY_SERVICE', agencyKind: 'LIAISON' },
  { id: 'licensing', kind: 'AGENCY_SERVICE', agencyKind: 'LICENSING' },
];

/** Keys and registry records of the dev network's services. */
export async function loadOrCreateDevServiceRecords(dir: string): Promise<ServiceRecord[]> {
  return Promise.all(
    DEV_SERVICES.map(async (s) =>
      serviceRecordOf(
        await loadOrCreateServiceKeys(dir, s.id),
        s.kind,
        DEMO_AGENCIES.filter((a) => a.kind === s.agencyKind).map((a) => a.id),
      ),
    ),
  );
}
