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
  /**
   * 1 on a single node, 3 on a cluster. Unset, a new stream gets 1 and an
   * existing one keeps its own: a relay or a hub that starts against a
   * cluster never scales an R3 stream down. @default 1
   */
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
      const existing = await jsm.streams.info(cfg.name);
      // Every service ensures the streams at start, most without knowing the deployment: an update
      // with the default (1) would quietly take an R3 stream on a cluster down to one copy.
      const replicas = options.replicas ?? existing.config.num_replicas;
      await jsm.streams.update(cfg.name, { ...cfg, num_replicas: replicas });
    } catch (err) {
      if ((err as { name?: string }).name !== 'StreamNotFoundError' && !/stream not found/i.test(String((err as Error).message))) throw err;
      await jsm.streams.add(cfg);
    }
  }
  return jsm;
}
