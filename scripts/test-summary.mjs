// Sums the vitest JSON reports of every package into one closing line, `N passed, N failed`,
// and fails when a package with a test target produced no report or ran no test. Suites run by
// their own targets after `nx test` (e.g. lb-server's swarm suite) write `reports/vitest-<name>.json`
// and are counted on their own line.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

/** Adds one vitest JSON report to the totals and prints its line. */
function count(name, report) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const p = r.numPassedTests ?? 0;
  // A suite that failed to load has no failed test of its own: count it, but do not count
  // suites again whose tests already failed.
  const failedTests = r.numFailedTests ?? 0;
  const f = failedTests > 0 ? failedTests : (r.numFailedTestSuites ?? 0);
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${name.padEnd(16)} ${p} passed, ${f} failed, ${s} skipped`);
  if (p + f === 0) problems.push(`${name}: ran no test`);
  passed += p;
  failed += f;
  skipped += s;
}
for (const pkg of readdirSync('packages').sort()) {
  const manifest = JSON.parse(readFileSync(join('packages', pkg, 'package.json'), 'utf8'));
  if (!manifest.scripts?.test) continue;
  const report = join('packages', pkg, 'reports', 'vitest.json');
  if (!existsSync(report)) {
    problems.push(`${pkg}: no test report (${report})`);
    continue;
  }
  count(pkg, report);
  const extras = readdirSync(join('packages', pkg, 'reports')).filter((f) => /^vitest-.+\.json$/.test(f)).sort();
  for (const extra of extras) count(`${pkg} (${extra.slice('vitest-'.length, -'.json'.length)})`, join('packages', pkg, 'reports', extra));
}
for (const problem of problems) console.error(`tests: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
