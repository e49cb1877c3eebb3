import { connectBus, createLogger, ensureStreams, startRelay } from '@tracebridge/bus';
import { getSqliteCheckpointStore, getSqliteEventStore } from '@tracebridge/eventstore';
import { loadRelayConfig } from './config';

const log = createLogger('relay');

async function main(): Promise<void> {
  const config = loadRelayConfig();
  const store = getSqliteEventStore(config.TB_STORE);
  const checkpoints = getSqliteCheckpointStore(store.db);
  const nc = await connectBus(config.TB_NATS_URL.split(','), `tb-relay-${config.TB_RELAY_NAME}`, config.TB_NATS_SEED ? { seedFile: config.TB_NATS_SEED } : {});
  await ensureStreams(nc);
  const relay = await startRelay({ store, checkpoints, nc, name: config.TB_RELAY_NAME, maxInFlight: config.TB_RELAY_MAX_IN_FLIGHT, logger: log });
  log.info({ store: config.TB_STORE, from: relay.stats().acked.toString() }, 'relay started');
  // Tests and operators wait for this line on stdout.
  process.stdout.write('relay ready\n');

  const report = setInterval(() => {
    const s = relay.stats();
    log.debug({ ...s, acked: s.acked.toString(), saved: s.saved.toString() }, 'relay progress');
  }, 5000);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    log.info({ signal }, 'relay stopping');
    await relay.stop();
    await nc.drain();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'relay failed to start');
  process.exit(1);
});
