/** `npm start`: the whole network on this machine, data under .data/ (reused on the next start). */
import { join, resolve } from 'node:path';
import { ensureConsoleBuilt } from './consoleBuild';
import { startNetwork } from './network';
import { seedBrokers, seedNetwork } from './seed';
import { superviseNetwork } from './supervisor';

const dataDir = process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');

async function main(): Promise<void> {
  console.log('starting the Tracebridge network (nats-server, directory, customs, police, border, regional, licensing, liaison, gateway) …');
  // The gateway serves the console's build at / (the first start builds it, later starts reuse it).
  await ensureConsoleBuilt((line) => console.log(line));
  const network = await startNetwork({ dataDir, logLevel: process.env.TB_LOG_LEVEL ?? 'warn' });
  // The registers first: the demo seizures that name a broker are checked against them as they are reported.
  const brokers = await seedBrokers(network);
  if (brokers > 0) console.log(`registered ${brokers} demo brokers with GH-LICENSING and TG-LICENSING (first start only)`);
  const seeded = await seedNetwork(network, Number(process.env.TB_SEED_SEIZURES ?? 300));
  if (seeded > 0) console.log(`reported ${seeded} generated seizures from the demo agencies (first start only)`);
  const g = network.ports.gateway;
  console.log(`
Tracebridge is running (data in ${dataDir}).

  Console:   http://127.0.0.1:${g}/   (sign in as any demo agency and role)
  GraphiQL:  http://127.0.0.1:${g}/graphiql
  GraphQL:   http://127.0.0.1:${g}/graphql

Get a token for a demo agency (GH-CUSTOMS, GH-POLICE, GH-BORDER, TG-CUSTOMS, TG-POLICE, BF-BORDER, WA-LIAISON, GH-LICENSING, TG-LICENSING):

  npm run token -- --agency GH-CUSTOMS

and send it as the header  Authorization: Bearer <token>  (GraphiQL: Headers tab).
Ctrl-C stops everything; the next start reuses the data.
`);
  // A crashed service is restarted with back-off and logged; the rest keep serving (issue 10).
  const supervisor = superviseNetwork(network, { log: (line) => console.error(line) });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping …');
    supervisor.stop();
    await network.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
