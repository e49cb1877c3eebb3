import { join } from 'node:path';
import { devAgencyRecords, loadOrCreateDevKeys } from '@tracebridge/identity';
import { readFileSync } from 'node:fs';
import { AgencyRecord } from '@tracebridge/contracts';
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
});

async function main(): Promise<void> {
  const config = Config.parse(process.env);
  let records: AgencyRecord[];
  if (config.TB_AGENCIES_FILE) records = z.array(AgencyRecord).parse(JSON.parse(readFileSync(config.TB_AGENCIES_FILE, 'utf8')));
  else if (config.TB_DEV_MODE === '1') records = devAgencyRecords(await loadOrCreateDevKeys(join(config.TB_DATA_DIR, 'dev-keys')));
  else throw new Error('set TB_AGENCIES_FILE, or TB_DEV_MODE=1 for the demo agencies');
  const app = await buildDirectory(records);
  await serveUntilStopped(app, { name: 'directory', port: config.TB_PORT, host: config.TB_HOST });
}

runMain(main);
