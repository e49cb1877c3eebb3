// Prints vitest's JSON report as one plain closing line ("N passed, N failed, N skipped")
// and the reason for every skipped test, so CI logs say what ran.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = [];
for (const file of report.testResults ?? []) {
  for (const t of file.assertionResults ?? []) if (t.status === 'skipped' || t.status === 'pending') skipped.push(t.fullName ?? t.title);
}
for (const s of skipped) console.log(`skipped: ${s}`);
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + (report.numTodoTests ?? 0)} skipped`);
