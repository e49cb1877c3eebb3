import { jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { SUBJECT_ROOT } from '@tracebridge/contracts';

export const EVENTS_STREAM = 'TB_EVENTS';
export const DLQ_STREAM = 'TB_DLQ';

export interface StreamSetupOptions {
  /** @default 'TB_EVENTS' */
  name?: string;
  /** @default ['tb.v1.>'] */
  subjects?: string[];
  /**
   * JetStream drops a re-published event id seen within this window. It must
   * cover the relay's retry horizon: the time between a publish and the
   * checkpoint that records it, plus a restart. Consumers' inboxes catch
   * anything older. @default 2 hours
   */
  duplicateWindowMs?: number;
  /** 1 on a single node, 3 on a cluster. @default 1 */
  replicas?: number;
}

/**
 * Create or update the event stream and the dead-letter stream. File storage
 * and no age or size limits: events are records (PoA II.9), discarded only
 * by an operator's decision, never by a limit.
 */
export async function ensureStreams(nc: NatsConnection, options: StreamSetupOptions = {}): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const events = {
    name: options.name ?? EVENTS_STREAM,
    subjects: options.subjects ?? [`${SUBJECT_ROOT}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(options.duplicateWindowMs ?? 2 * 3600_000),
    num_replicas: options.replicas ?? 1,
  };
  const dlq = {
    name: DLQ_STREAM,
    subjects: ['tb.dlq.>'],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: options.replicas ?? 1,
  };
  for (const cfg of [events, dlq]) {
    try {
      await jsm.streams.info(cfg.name);
      await jsm.streams.update(cfg.name, cfg);
    } catch (err) {
      if ((err as { name?: string }).name !== 'StreamNotFoundError' && !/stream not found/i.test(String((err as Error).message))) throw err;
      await jsm.streams.add(cfg);
    }
  }
  return jsm;
}
