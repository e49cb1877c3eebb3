/**
 * `npm run test:chaos`: the full crash run of issue 10 — 10,000 reports
 * through the gateway while at least 100 random processes are SIGKILLed
 * (TB_CHAOS_REPORTS, TB_CHAOS_KILLS, TB_CHAOS_KILL_EVERY_MS to change it).
 * Prints the result for docs/benchmarks.md; exit code 1 if any report was
 * lost, doubled or refused.
 */
import { runChaos } from '../support/chaos';

const reports = Number(process.env.TB_CHAOS_REPORTS ?? 10_000);
const kills = Number(process.env.TB_CHAOS_KILLS ?? 100);
process.env.TB_LOG_LEVEL ??= 'warn';
const r = await runChaos({ reports, kills, killEveryMs: Number(process.env.TB_CHAOS_KILL_EVERY_MS ?? 1500), log: (l) => console.error(l) });
const once = (m: Map<string, number>): boolean => m.size === reports && [...m.values()].every((n) => n === 1);
const ok = r.refused.length === 0 && r.kills >= kills && once(r.storedPerReference) && once(r.hubPerReference) && r.hubItems === reports && r.hubDeadLetters === 0;
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${reports.toLocaleString('en')} reports, ${r.kills} SIGKILLs (${Object.entries(r.killed)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}) | ${r.retries.toLocaleString('en')} retries | ${(r.ms / 1000).toFixed(0)} s, converged ${(r.convergedMs / 1000).toFixed(0)} s later | stored once: ${once(r.storedPerReference)}, in the hub once: ${once(r.hubPerReference)}, items ${r.hubItems}, dead letters ${r.hubDeadLetters}, refused ${r.refused.length} | ${ok ? 'pass' : 'FAIL'} |`,
);
if (r.refused.length > 0) {
  const byAnswer = new Map<string, number>();
  for (const line of r.refused) {
    const answer = line.slice(line.indexOf(': ') + 2);
    byAnswer.set(answer, (byAnswer.get(answer) ?? 0) + 1);
  }
  console.error([...byAnswer].map(([answer, n]) => `${n} × ${answer}`).join('\n'));
}
process.exitCode = ok ? 0 : 1;
