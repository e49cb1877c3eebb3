import { jetstreamManager } from '@nats-io/jetstream';
import Database from 'better-sqlite3';
import { EVENTS_STREAM, startConsumer, type Consumer, type NatsConnection } from '@tracebridge/bus';
import type { TrustRegistry } from '@tracebridge/identity';

/**
 * A counting read model in its own SQLite file, fed by a durable consumer
 * through the inbox. `applied` keeps one row per application, without a
 * unique key, so a duplicate application would show as a repeated row.
 */
export interface CountingProjection {
  consumer: Consumer;
  total(): number;
  distinct(): number;
  close(): Promise<void>;
}

export async function startCountingProjection(nc: NatsConnection, registry: TrustRegistry, file: string, durable: string): Promise<CountingProjection> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS applied (event_id TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO applied (event_id) VALUES (?)');
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM applied').pluck();
  const distinct = db.prepare<[], number>('SELECT COUNT(DISTINCT event_id) FROM applied').pluck();
  const consumer = await startConsumer({
    nc,
    durable,
    registry,
    db,
    handle: (e) => void insert.run(e.id),
  });
  return {
    consumer,
    total: () => total.get()!,
    distinct: () => distinct.get()!,
    close: async () => {
      await consumer.stop();
      db.close();
    },
  };
}

/**
 * Whether a durable consumer has nothing left to deliver or to be acknowledged:
 * the condition to wait for before counting, instead of sleeping "until anything
 * doubled would have arrived".
 */
export async function consumerDrained(nc: NatsConnection, durable: string): Promise<boolean> {
  const info = await (await jetstreamManager(nc)).consumers.info(EVENTS_STREAM, durable);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}
