import { LIAISON_DURABLE, type Consumer } from '@tracebridge/bus';
import { ServiceHealth } from '@tracebridge/server';

type Stats = ReturnType<Consumer['stats']>;

/**
 * The hub's consumer on `/health` and `/metrics` (issue 10, item 8): how
 * far it has taken the stream in and how far behind it is, batches failing
 * and retried, dead letters held, events held behind gaps and the origins
 * being repaired. Unhealthy (503) while a batch keeps failing: nothing is
 * lost meanwhile, but nothing new reaches the shared views either.
 */
export function consumerHealth(consumer: Consumer): ServiceHealth {
  const health = new ServiceHealth('liaison').probe('consumer', () => {
    const s = consumer.stats();
    return {
      ok: !s.retrying,
      ready: !s.retrying && s.pending === 0 && s.gaps === 0,
      durable: LIAISON_DURABLE,
      ...s,
      deadLetters: consumer.ledger.deadLetterCount(),
      gapOrigins: consumer.ledger.gaps().map((g) => ({ origin: g.origin, after: g.after.toString(), upTo: g.upTo.toString(), held: g.parked })),
    };
  });
  const gauges: [string, string, (s: Stats) => number][] = [
    ['tb_consumer_applied_total', 'Events the hub applied since start', (s) => s.applied],
    ['tb_consumer_duplicates_total', 'Events delivered again and not applied twice', (s) => s.duplicates],
    ['tb_consumer_dead_lettered_total', 'Events quarantined since start (bad signature, schema or originator)', (s) => s.deadLettered],
    ['tb_consumer_retried_total', 'Attempts at a batch that failed for a passing reason (retried with back-off)', (s) => s.retried],
    ['tb_consumer_retrying', '1 while a batch keeps failing', (s) => (s.retrying ? 1 : 0)],
    ['tb_consumer_position', 'Stream sequence the read model has taken in up to', (s) => s.position],
    ['tb_consumer_lag', 'Messages in the stream not yet delivered to the hub (consumer lag)', (s) => s.pending],
    ['tb_consumer_parked', 'Events held after a gap in their origin’s chain', (s) => s.parked],
    ['tb_consumer_gaps', 'Origins with a gap being repaired', (s) => s.gaps],
    ['tb_consumer_repairs_requested_total', 'Re-publish requests sent to origins', (s) => s.repairsRequested],
  ];
  for (const [name, help, read] of gauges) health.gauge(name, help, ['durable'], () => [{ labels: { durable: LIAISON_DURABLE }, value: read(consumer.stats()) }]);
  health.gauge('tb_consumer_dead_letters', 'Dead letters held, to list and replay (npm run hub:dead-letters)', ['durable'], () => [
    { labels: { durable: LIAISON_DURABLE }, value: consumer.ledger.deadLetterCount() },
  ]);
  return health;
}
