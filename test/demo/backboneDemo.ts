import Database from 'better-sqlite3';
/**
 * The backbone's smoke demo (`npm run demo:backbone`), kept with the tests because it
 * starts its own nats-server with the test kit: start a nats-server, record a few
 * seizures as signed events in a SQLite store, relay them to JetStream, and
 * print them as a consumer receives them, signature verified.
 */
import { join } from 'node:path';
import { connectBus, ensureStreams, startConsumer, startRelay } from '@tracebridge/bus';
import { envelopeToEvent, getSqliteCheckpointStore, getSqliteEventStore } from '@tracebridge/eventstore';
import { createTrustRegistry, devAgencyRecords, loadOrCreateDevKeys } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsServer } from '@tracebridge/testkit';

const root = join(import.meta.dirname, '..', '..');
const dataDir = process.env.TB_DATA_DIR ?? join(root, '.data');
const count = Number(process.env.TB_DEMO_EVENTS ?? 5);

async function main(): Promise<void> {
  console.log('Tracebridge backbone demo\n');
  const nats = await startNatsServer({ name: 'demo' });
  console.log(`nats-server (JetStream) on ${nats.url}`);
  const keys = await loadOrCreateDevKeys(join(dataDir, 'dev-keys'));
  const registry = createTrustRegistry(devAgencyRecords(keys));
  const storeFile = join(dataDir, 'demo-events.db');
  const store = getSqliteEventStore(storeFile);
  console.log(`event store: ${storeFile}\n`);

  const nc = await connectBus(nats.url, 'tb-demo');
  await ensureStreams(nc);

  const events = await signedSeizures(createSeizureGenerator(Date.now() % 100_000), keys, count);
  let last = 0n;
  for (const e of events) last = (await store.appendToStream(e.streamId, [envelopeToEvent(e)], { expectedRevision: 'no_stream' })).position;
  console.log(`recorded ${events.length} signed SeizureReported events (durable in SQLite)`);

  const relay = await startRelay({ store, checkpoints: getSqliteCheckpointStore(store.db), nc, name: 'demo' });
  await relay.waitFor(last);
  console.log(`relayed to JetStream (${relay.stats().published} published, ${relay.stats().duplicates} duplicates dropped)\n`);
  console.log('a consumer received, verified and applied:');
  const wanted = new Set(events.map((e) => e.id));
  const received = new Promise<void>((resolve) => {
    void startConsumer({
      nc,
      durable: 'demo-printer',
      registry,
      db: new Database(':memory:'),
      handle: (e) => {
        if (e.type !== 'SeizureReported' || !wanted.has(e.id)) return;
        const weapons = e.data.items.filter((i) => i.kind === 'WEAPON');
        const route = e.data.route ? `${e.data.route.origin ?? '?'} → ${[...e.data.route.transit, e.data.route.destination ?? '?'].join(' → ')}` : 'unknown route';
        console.log(
          `  ✓ ${e.originator.agency.padEnd(11)} TLP:${e.handling.tlp.padEnd(12)} ${e.data.location.place} (${e.data.location.country}), ` +
            `${weapons.length} weapon(s) [${weapons.map((w) => w.model ?? w.category).join(', ')}], ${route}; signature verified`,
        );
        wanted.delete(e.id);
        if (wanted.size === 0) resolve();
      },
    });
  });
  await received;

  await relay.stop();
  await nc.close();
  await store.close();
  await nats.dispose();
  console.log('\ndone. `npm start` runs the whole network.');
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
