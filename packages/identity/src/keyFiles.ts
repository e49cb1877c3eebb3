import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Read a key file, or create it on first use: directory 0700, file 0600
 * (private keys never readable by another user). Written once, so a
 * restarted network still verifies what it signed before.
 */
export async function loadOrCreateKeyFile<T>(file: string, create: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const stored = await create();
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return stored;
}
