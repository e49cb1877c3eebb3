/**
 * `npm run stream:purge -- --yes [--data-dir <dir>] [--nats-url <url>]`: empty
 * the event stream (reclaim its disk) with the operator's NATS identity.
 *
 * It refuses a purge by subject (`--subject`, `--filter`, `--keep`, `--seq`):
 * on nats-server 2.9.10, the only one Debian ships, a subject-filtered purge
 * can move the hub's durable consumer past other agencies' events it has
 * not taken in yet (issue 10, item 4). The hub repairs that too (its
 * position is its own, and its gap repair asks the relays again), but
 * nothing an operator means to do needs it. A whole purge is safe: the
 * stores are the truth, and the hub asks the relays for whatever it lacks.
 * Exit code 0: purged; 2: refused or usage.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectBus, EVENTS_STREAM, natsInboxPrefix } from '@tracebridge/bus';

const usage = 'usage: npm run stream:purge -- --yes [--data-dir <dir>] [--nats-url nats://127.0.0.1:4222]   (a purge by subject is refused)';

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        yes: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'nats-url': { type: 'string' },
        subject: { type: 'string' },
        filter: { type: 'string' },
        keep: { type: 'string' },
        seq: { type: 'string' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (['subject', 'filter', 'keep', 'seq'].some((k) => values[k] !== undefined)) {
    console.error(
      'refused: a purge by subject or sequence can make nats-server 2.9.10 skip other agencies’ events the hub has not taken in yet (docs/operations.md, "Never purge by subject"). Purge the whole stream, or nothing.',
    );
    return 2;
  }
  if (values.yes !== true) {
    console.error(`this empties the whole event stream (the stores keep every event; the hub asks the relays for what it lacks)\n${usage}`);
    return 2;
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? process.env.TB_DATA_DIR ?? join(resolve(import.meta.dirname, '..', '..', '..'), '.data', 'network');
  const url = (values['nats-url'] as string | undefined) ?? process.env.TB_NATS_URL ?? 'nats://127.0.0.1:4222';
  const nc = await connectBus(url, 'tb-operator-purge', { seedFile: join(dataDir, 'nats-creds', 'operator.nk'), inboxPrefix: natsInboxPrefix('operator') });
  try {
    const { purged } = await (await jetstreamManager(nc)).streams.purge(EVENTS_STREAM);
    console.log(`purged ${purged} messages from ${EVENTS_STREAM}`);
    return 0;
  } finally {
    await nc.close();
  }
}

process.exitCode = await main();
