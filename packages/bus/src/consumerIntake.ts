import type { JsMsg } from '@nats-io/jetstream';
import { ErrorCodes } from '@tracebridge/contracts';
import type { TrustRegistry } from '@tracebridge/identity';
import type { ConsumerRun } from './consumer';
import type { Incoming } from './consumerBatch';
import type { Verified } from './verifyMessage';

/** A batch taken off the queue, its verification under way (on the verifier threads while the batch before it is committed). */
export interface Prepared {
  msgs: JsMsg[];
  batch: Incoming[];
  verified: Promise<Verified[]>;
}

export function prepare(run: ConsumerRun, batchSize: number): Prepared | undefined {
  if (run.queue.length === 0) return undefined;
  const msgs = run.queue.splice(0, batchSize);
  const batch = msgs.map(toIncoming);
  return { msgs, batch, verified: verifyAll(run, batch) };
}

function toIncoming(m: JsMsg): Incoming {
  const headers: Record<string, string> = {};
  for (const [k, v] of m.headers ?? []) if (v[0] !== undefined) headers[k] = v[0];
  return { streamSequence: m.seq, subject: m.subject, data: m.data, headers };
}

/** Verifies the batch; an event refused for an unknown signer or key is verified again once the registry is refreshed (at most every 10 s). */
export async function verifyAll(run: ConsumerRun, batch: readonly Incoming[]): Promise<Verified[]> {
  const registry = (): TrustRegistry => (typeof run.options.registry === 'function' ? run.options.registry() : run.options.registry);
  // A registry that moved (the periodic refresh, or one asked below) may now know signers refused before: their dead letters are tried again.
  const current = registry();
  if (run.seenRegistry !== undefined && run.seenRegistry !== current) run.ledger.requestReplayOf(ErrorCodes.UNKNOWN_SIGNER);
  run.seenRegistry = current;
  const verified = await run.pool.verify(batch, current);
  const stale = verified.some((v) => !v.ok && v.staleRegistry);
  if (!stale || !run.options.refreshRegistry) return verified;
  if (Date.now() - run.lastRefresh > 10_000) {
    run.lastRefresh = Date.now();
    try {
      await run.options.refreshRegistry();
    } catch (err) {
      run.options.logger?.warn({ err }, 'could not refresh the trust registry; events of unknown signers are refused for now');
    }
  }
  return Promise.all(verified.map(async (v, i) => (!v.ok && v.staleRegistry ? (await run.pool.verify([batch[i]!], registry()))[0]! : v)));
}
