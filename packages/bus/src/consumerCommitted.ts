import { headers as natsHeaders } from '@nats-io/transport-node';
import { deadLetterSubject } from '@tracebridge/contracts';
import type { ConsumerRun } from './consumer';
import type { BatchTally } from './consumerBatch';

/** After a batch's commit: counts, readers resumed, the dead letters announced on the bus (best effort: the ledger is their record). */
export function committed(run: ConsumerRun, tally: BatchTally): void {
  const { stats } = run;
  stats.applied += tally.applied;
  stats.duplicates += tally.duplicates;
  stats.deadLettered += tally.deadLettered.length;
  stats.position = tally.position;
  stats.retrying = false;
  run.options.onCommitted?.();
  for (const d of tally.deadLettered) {
    run.options.logger?.warn({ code: d.code, subject: d.subject, seq: d.streamSequence }, 'message dead-lettered');
    const h = natsHeaders();
    h.set('Tb-Dlq-Code', d.code);
    h.set('Tb-Dlq-Reason', d.reason.slice(0, 500));
    h.set('Tb-Original-Subject', d.subject);
    h.set('Tb-Stream-Sequence', String(d.streamSequence));
    run.js
      .publish(deadLetterSubject(run.options.durable), d.data, { headers: h, msgID: `${run.options.durable}-${d.streamSequence}-${d.eventId ?? 'x'}` })
      .catch((err: unknown) => run.options.logger?.warn({ err }, 'could not announce a dead letter on the bus; it is kept in the read model'));
  }
}
