/**
 * `npm run token -- --agency GH-CUSTOMS [--role ANALYST] [--role AGENCY_ADMIN] [--hours 12]`:
 * a dev bearer token for a demo agency. Without --role the token carries
 * every role the agency's kind may hold (the README's walk-throughs).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OfficerRole, ROLES_BY_KIND } from '@tracebridge/contracts';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';

const { values } = parseArgs({ options: { agency: { type: 'string' }, role: { type: 'string', multiple: true }, hours: { type: 'string', default: '12' } } });
const dataDir = process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');

async function main(): Promise<void> {
  const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  const agency = keys.find((k) => k.agency.id === values.agency);
  const usage = `usage: npm run token -- --agency <ID> [--role ${OfficerRole.options.join('|')}]... [--hours N]\nagencies: ${keys.map((k) => k.agency.id).join(', ')}`;
  if (!agency) {
    console.error(usage);
    process.exit(2);
  }
  const roles = values.role?.map((r) => OfficerRole.safeParse(r));
  const allowed = ROLES_BY_KIND[agency.agency.kind];
  if (roles?.some((r) => !r.success || !allowed.includes(r.data))) {
    console.error(`${agency.agency.id} (${agency.agency.kind}) may hold the roles ${allowed.join(', ')}\n${usage}`);
    process.exit(2);
  }
  // The services refuse tokens living longer than their configured maximum (12 hours by default).
  const hours = Math.min(Math.max(Number(values.hours), 1), DEFAULT_MAX_TOKEN_LIFETIME_SECONDS / 3600);
  process.stdout.write(`${await mintDevToken(agency, { ...(roles ? { roles: roles.map((r) => r.data!) } : {}), ttlSeconds: hours * 3600 })}\n`);
}

void main();
