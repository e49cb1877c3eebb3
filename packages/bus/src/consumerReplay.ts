import type { ConsumerRun } from './consumer';
import { commitWithRetry } from './consumer';
import { verifyAll } from './consumerIntake';
import type { Incoming } from './consumerBatch';
import type { ConsumerLedger } from './consumerLedger';

/** Dead letters an operator asked to replay (`npm run hub:dead-letters -- replay`), verified again with the current registry and taken in. */
export async function replayRequested(run: ConsumerRun): Promise<void> {
  let rows: ReturnType<ConsumerLedger['toReplay']>;
  try {
    rows = run.ledger.toReplay();
  } catch {
    return;
  }
  if (rows.length === 0) return;
  const batch: Incoming[] = rows.map((r) => ({ streamSequence: r.streamSequence, subject: r.subject, data: r.data, headers: r.headers, deadLetterId: r.id }));
  const verified = await verifyAll(run, batch);
  await commitWithRetry(run, batch, verified);
  run.options.logger?.info({ replayed: rows.length }, 'dead letters replayed');
}
