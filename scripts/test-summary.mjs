// Prints the one line CI reads, `N passed, N failed`, from vitest's JSON reports: one report
// (default reports/vitest.json), or several (the runs on each Node.js version), added up, each
// first on a line of its own. A report that is missing or unreadable counts as one failure.
// Exits non-zero when anything failed or a run passed no test.
import { readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['reports/vitest.json'];
const total = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const file of files) {
  const run = count(file);
  total.passed += run.passed;
  total.failed += run.failed;
  total.skipped += run.skipped;
  if (run.failed > 0 || run.passed === 0) ok = false;
  if (files.length > 1) console.log(`${file} — ${line(run)}`);
}
console.log(line(total));
process.exit(ok ? 0 : 1);

function count(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`test-summary: cannot read ${file}: ${error.message}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function line({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
