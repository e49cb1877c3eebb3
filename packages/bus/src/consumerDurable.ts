import { AckPolicy, DeliverPolicy, type ConsumerInfo, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ConsumerRun } from './consumer';

export interface DurableSettings {
  name: string;
  filterSubject: string;
  maxAckPending: number;
}

/**
 * Opens the durable consumer where the read model says it is (issue 10,
 * item 3). The durable keeps its own ack floor in JetStream; the read model
 * is the truth. A durable ahead of the read model (the read model deleted
 * or restored from a backup) or on another filter is recreated from the
 * read model's position; a stream that holds less than the read model has
 * seen (wiped, or recreated) is read again from its beginning, the inbox
 * and the origin chains dropping what was taken in already. A durable
 * behind the read model is kept: its repeats are dropped the same way.
 */
export async function consumeFromLedger(run: ConsumerRun): Promise<AsyncIterable<JsMsg>> {
  const { jsm, stream, durable } = run;
  let position = run.ledger.position();
  const { state } = await jsm.streams.info(stream);
  if (position > state.last_seq) {
    run.options.logger?.warn(
      { position, streamLast: state.last_seq },
      'the event stream holds less than the read model has seen (wiped or recreated): reading it again from its beginning',
    );
    run.options.db.transaction(() => run.ledger.setPosition(0))();
    position = 0;
  }
  const existing = await jsm.consumers.info(stream, durable.name).catch(() => undefined);
  if (existing && (existing.ack_floor.stream_seq > position || existing.config.filter_subject !== durable.filterSubject || existing.config.ack_policy !== AckPolicy.Explicit)) {
    run.options.logger?.warn(
      { durable: durable.name, ackFloor: existing.ack_floor.stream_seq, position },
      'the durable consumer is ahead of the read model: recreating it from the read model’s position',
    );
    await jsm.consumers.delete(stream, durable.name);
    await create(run, position);
  } else if (existing) {
    await jsm.consumers.update(stream, durable.name, limits(durable));
  } else {
    await create(run, position);
  }
  const messages = await (await run.js.consumers.get(stream, durable.name)).consume({ max_messages: Math.min(1000, durable.maxAckPending), expires: PULL_EXPIRES_MS });
  run.restart = () => void messages.close();
  return messages;
}

/**
 * How long each pull request lives. The client notices a lost pull (the
 * consumer's leader killed on a cluster, its pull request gone with it)
 * only after two missed idle heartbeats, each half of this, and while the
 * new leader is being elected it waits this long between its checks of the
 * consumer. The client's default (30 s) stalled the hub for 30 to 40 s
 * after one node of three was killed (test/crash/clusterNode.e2e.spec.ts);
 * at 5 s an idle consumer costs one pull request every 5 s.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * Processing is in batches, each acked once durable; a batch that keeps
 * failing is retried in place (its messages kept from redelivery), so the
 * server never gives up on a message: no `max_deliver`.
 */
const limits = (d: DurableSettings) => ({ max_deliver: -1, ack_wait: nanos(60_000), max_ack_pending: d.maxAckPending });

async function create(run: ConsumerRun, position: number): Promise<ConsumerInfo> {
  const d = run.durable;
  return run.jsm.consumers.add(run.stream, {
    durable_name: d.name,
    ack_policy: AckPolicy.Explicit,
    filter_subject: d.filterSubject,
    ...(position > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: position + 1 } : { deliver_policy: DeliverPolicy.All }),
    ...limits(d),
  });
}
