/** `npm run token -- --agency GH-CUSTOMS [--role ANALYST] [--hours 12]`: a dev bearer token for a demo agency. */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateDevKeys, mintDevToken, OfficerRole } from '@tracebridge/identity';

const { values } = parseArgs({ options: { agency: { type: 'string' }, role: { type: 'string', default: 'OFFICER' }, hours: { type: 'string', default: '12' } } });
const dataDir = process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');

async function main(): Promise<void> {
  const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  const agency = keys.find((k) => k.agency.id === values.agency);
  if (!agency) {
    console.error(`usage: npm run token -- --agency <ID> [--role ${OfficerRole.options.join('|')}] [--hours N]\nagencies: ${keys.map((k) => k.agency.id).join(', ')}`);
    process.exit(2);
  }
  const role = OfficerRole.parse(values.role);
  const hours = Math.min(Math.max(Number(values.hours), 1), 24);
  process.stdout.write(`${await mintDevToken(agency, { role, ttlSeconds: hours * 3600 })}\n`);
}

void main();
