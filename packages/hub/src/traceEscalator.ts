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
  const asked = new Map<string, number>();
  const due = opts.projection.db.prepare<[string], TraceRow>(
    "SELECT * FROM traces WHERE status IN ('SENT', 'ACKNOWLEDGED') AND escalated_to IS NULL AND deadline < ? ORDER BY deadline LIMIT 100",
  );
  const escalate = async (row: TraceRow): Promise<boolean> => {
    const state = JSON.parse(row.state) as TraceState;
    const regionalLiaisonPoint = opts.tracing.liaisonPointFor(row.requester_state, row.addressed_state);
    const command = { type: 'EscalateTrace', data: { traceId: row.id, regionalLiaisonPoint } };
    const reply = await requestAct(opts.rpc, rpcSubjects.traceCommand(row.requester_agency), row.requester_agency, undefined, { command, state });
    if (reply.error) opts.logger?.warn({ trace: row.id, code: reply.error.code }, 'overdue trace not escalated');
    return reply.ok !== undefined;
  };
  const runOnce = async (): Promise<number> => {
    const now = clock().getTime();
    let sent = 0;
    for (const row of due.all(new Date(now).toISOString())) {
      if ((asked.get(row.id) ?? 0) > now - retryMs) continue;
      asked.set(row.id, now);
      try {
        if (await escalate(row)) sent += 1;
      } catch (err) {
        opts.logger?.warn({ trace: row.id, code: (err as { code?: string }).code }, 'overdue trace: the requester’s service did not answer; asking again later');
      }
    }
    for (const [id, at] of asked) if (at < now - retryMs * 10) asked.delete(id);
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
