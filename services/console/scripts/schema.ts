/**
 * `pnpm --filter @tracebridge/console run schema`: the gateway's composed schema, as a running
 * network (`npm start`) serves it, printed into schema.graphql; then `gql-tada generate output`
 * (src/graphql-env.d.ts), from which gql.tada types every operation of the console. Run it after
 * changing a subgraph's schema; test/console checks that the committed file is the gateway's schema.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';
import { fetchGatewaySchema } from './gatewaySchema';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = process.env.TB_DATA_DIR ?? join(repoRoot, '.data', 'network');
const gateway = process.env.TB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
const file = join(import.meta.dirname, '..', 'schema.graphql');
writeFileSync(file, await fetchGatewaySchema(gateway, await mintDevToken(keys[0]!, {})));
console.log(`wrote ${file}; now: pnpm --filter @tracebridge/console exec gql-tada generate output`);
