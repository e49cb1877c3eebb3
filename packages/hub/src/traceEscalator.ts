import type { Logger, ServiceRpc } from '@tracebridge/bus';
import { rpcSubjects } from '@tracebridge/contracts';
import type { TraceState } from '@tracebridge/domain';
import { requestAct } from './originatorRpc';
import type { LiaisonProjection } from './projection';
import type { TraceRow, TracingDirectory } from './traceTables';

/**
 * Escalation of overdue traces (ADR 10), without any request arriving: on
 * a timer the hub finds traces whose deadline has passed unanswered and
 * asks each requester's own service to escalate it to the region's liaison
 * point (the requester signs the escalation; the hub checks it again when
 * it arrives). A trace asked about is not asked again for `retryMs`; one
 * whose service does not answer is asked again then.
 */
const PER_REQUESTER = 10;
const CONCURRENCY = 8;

export function startTraceEscalator(opts: {
  projection: LiaisonProjection;
  rpc: ServiceRpc;
  tracing: TracingDirectory;
  /** How often to look. @default 15000 */
  intervalMs?: number;
  clock?: () => Date;
  logger?: Logger;
}): { stop: () => void; runOnce: () => Promise<number> } {
  const clock = opts.clock ?? (() => new Date());
  const intervalMs = opts.intervalMs ?? 15_000;
  const retryMs = Math.max(intervalMs * 4, 10_000);
  /** When each trace may be asked about again: soon after a failure to answer, much later after a refusal (nothing will change it soon). */
  const nextAsk = new Map<string, number>();
  const due = opts.projection.db.prepare<[string], TraceRow>(
    "SELECT * FROM traces WHERE status IN ('SENT', 'ACKNOWLEDGED') AND escalated_to IS NULL AND deadline < ? ORDER BY deadline LIMIT 2000",
  );
  const escalate = async (row: TraceRow, now: number): Promise<boolean> => {
    const state = JSON.parse(row.state) as TraceState;
    const regionalLiaisonPoint = opts.tracing.liaisonPointFor(row.requester_state, row.addressed_state);
    const command = { type: 'EscalateTrace', data: { traceId: row.id, regionalLiaisonPoint } };
    try {
      const reply = await requestAct(opts.rpc, rpcSubjects.traceCommand(row.requester_agency), row.requester_agency, undefined, { command, state });
      if (reply.ok) return true;
      opts.logger?.warn({ trace: row.id, code: reply.error?.code }, 'overdue trace not escalated: refused; asking again in an hour');
      nextAsk.set(row.id, now + 3_600_000);
    } catch (err) {
      opts.logger?.warn({ trace: row.id, code: (err as { code?: string }).code }, 'overdue trace: the requester’s service did not answer; asking again later');
    }
    return false;
  };
  /**
   * One round: every due trace not waiting for its next ask, at most
   * PER_REQUESTER of one requester's (an agency that never answers cannot
   * hold up everyone else's), asked CONCURRENCY at a time.
   */
  const runOnce = async (): Promise<number> => {
    const now = clock().getTime();
    const perRequester = new Map<string, number>();
    const batch = due.all(new Date(now).toISOString()).filter((row) => {
      if ((nextAsk.get(row.id) ?? 0) > now) return false;
      const n = perRequester.get(row.requester_agency) ?? 0;
      perRequester.set(row.requester_agency, n + 1);
      return n < PER_REQUESTER;
    });
    let sent = 0;
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      const chunk = batch.slice(i, i + CONCURRENCY);
      for (const row of chunk) nextAsk.set(row.id, now + retryMs);
      sent += (await Promise.all(chunk.map((row) => escalate(row, now)))).filter(Boolean).length;
    }
    for (const [id, at] of nextAsk) if (at < now - retryMs) nextAsk.delete(id);
    return sent;
  };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void runOnce().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
