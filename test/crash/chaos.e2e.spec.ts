import { describe, expect, it } from 'vitest';
import { runChaos } from '../support/chaos';

/**
 * Issue 10's crash run, short form (the full one is `npm run test:chaos`):
 * 2,000 reports through the gateway, each with a clientReference and
 * retried on retryable answers, while at least 20 random processes
 * (agency services, the hub, the gateway, nats-server) are SIGKILLed and
 * restarted by the supervisor. Every report is stored exactly once and
 * visible exactly once in the hub, and nothing failed for good.
 */
describe('crash run: reports through the gateway while processes are killed', () => {
  it('stores every report once and shows it once in the hub, after ≥ 20 SIGKILLs during 2,000 reports', async () => {
    const r = await runChaos({ reports: 2000, kills: 20, killEveryMs: 1500, concurrency: 16, log: (l) => console.log(l) });
    console.log(`chaos: ${r.reports} reports, ${r.kills} kills ${JSON.stringify(r.killed)}, ${r.retries} retries, ${r.ms} ms; converged ${r.convergedMs} ms later`);
    expect(r.refused).toEqual([]);
    expect(r.kills).toBeGreaterThanOrEqual(20);
    expect(r.storedPerReference.size).toBe(r.reports);
    expect([...r.storedPerReference.values()].every((n) => n === 1)).toBe(true);
    expect(r.hubPerReference.size).toBe(r.reports);
    expect([...r.hubPerReference.values()].every((n) => n === 1)).toBe(true);
    expect(r.hubItems).toBe(r.reports);
    expect(r.hubDeadLetters).toBe(0);
    expect(r.hubApplied).toBe(r.storedEvents);
  }, 900_000);
});
