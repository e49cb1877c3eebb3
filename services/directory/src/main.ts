import { join } from 'node:path';
import { devAgencyRecords, importSigningKey, loadOrCreateDevKeys, loadOrCreateDevServiceRecords, loadOrCreateDirectoryKey, type ExportedSigningKey } from '@tracebridge/identity';
import { readFileSync } from 'node:fs';
import { AgencyRecord, ServiceRecord } from '@tracebridge/contracts';
import { z } from 'zod';
import { runMain, serveUntilStopped } from '@tracebridge/server';
import { buildDirectory } from './app';

const Config = z.object({
  TB_PORT: z.coerce.number().int().min(1).max(65535).default(4001),
  TB_HOST: z.string().default('127.0.0.1'),
  TB_DATA_DIR: z.string().default('.data'),
  /** Dev mode: demo agencies with keys kept under TB_DATA_DIR/dev-keys, dev tokens accepted. */
  TB_DEV_MODE: z.enum(['0', '1']).default('0'),
  /** Production: a JSON array of agency records with their public keys. */
  TB_AGENCIES_FILE: z.string().optional(),
  /** Production: a JSON array of service records (the hub, the agency services) with their public keys. */
  TB_SERVICES_FILE: z.string().optional(),
  /** Production: the registry-signing key (an exported Ed25519 JWK pair, kept 0600). Dev: TB_DATA_DIR/dev-keys/directory.json. */
  TB_DIRECTORY_KEY_FILE: z.string().optional(),
});

async function main(): Promise<void> {
  const config = Config.parse(process.env);
  const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
  const devKeys = join(config.TB_DATA_DIR, 'dev-keys');
  let app;
  if (config.TB_AGENCIES_FILE && config.TB_SERVICES_FILE && config.TB_DIRECTORY_KEY_FILE) {
    app = await buildDirectory({
      agencies: z.array(AgencyRecord).parse(readJson(config.TB_AGENCIES_FILE)),
      services: z.array(ServiceRecord).parse(readJson(config.TB_SERVICES_FILE)),
      registryKey: await importSigningKey(readJson(config.TB_DIRECTORY_KEY_FILE) as ExportedSigningKey),
    });
  } else if (config.TB_DEV_MODE === '1') {
    app = await buildDirectory({
      agencies: devAgencyRecords(await loadOrCreateDevKeys(devKeys)),
      services: await loadOrCreateDevServiceRecords(devKeys),
      registryKey: await loadOrCreateDirectoryKey(devKeys),
    });
  } else throw new Error('set TB_AGENCIES_FILE, TB_SERVICES_FILE and TB_DIRECTORY_KEY_FILE, or TB_DEV_MODE=1 for the demo agencies');
  await serveUntilStopped(app, { name: 'directory', port: config.TB_PORT, host: config.TB_HOST });
}

runMain(main);
