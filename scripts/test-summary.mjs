// Sums the vitest JSON reports of every project into one closing line, `N passed, N failed`,
// and fails when a project with a test target produced no report or ran no test. Projects are
// packages/* and scripts/ (the tooling's own tests). Suites run by their own targets after
// `nx test` (e.g. lb-server's e2e and swarm suites) write `reports/vitest-<name>.json` and are
// counted on their own line. Run from the repository root (or with the root as first argument).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { countReport } from './lib/vitest-report.mjs';

const root = process.argv[2] ?? '.';
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

/** Adds one vitest JSON report to the totals and prints its line. */
function count(name, report) {
  const r = countReport(JSON.parse(readFileSync(report, 'utf8')));
  console.log(`tests: ${name.padEnd(16)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  for (const reason of r.reasons) console.log(`tests: ${''.padEnd(16)} skipped ${reason}`);
  if (r.passed + r.failed === 0) problems.push(`${name}: ran no test`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}

/** Project folders (relative to the root) whose manifest declares a `test` target. */
function projectsWithTests() {
  const dirs = readdirSync(join(root, 'packages'))
    .sort()
    .map((pkg) => join('packages', pkg));
  const found = [];
  for (const dir of [...dirs, 'scripts']) {
    for (const manifest of ['package.json', 'project.json']) {
      const file = join(root, dir, manifest);
      if (!existsSync(file)) continue;
      const m = JSON.parse(readFileSync(file, 'utf8'));
      if (m.scripts?.test || m.targets?.test) {
        found.push(dir);
        break;
      }
    }
  }
  return found;
}

for (const dir of projectsWithTests()) {
  const name = dir.replace(/^packages\//, '');
  const reports = join(root, dir, 'reports');
  const report = join(reports, 'vitest.json');
  if (!existsSync(report)) {
    problems.push(`${name}: no test report (${join(dir, 'reports', 'vitest.json')})`);
    continue;
  }
  count(name, report);
  const extras = readdirSync(reports)
    .filter((f) => /^vitest-.+\.json$/.test(f))
    .sort();
  for (const extra of extras)
    count(`${name} (${extra.slice('vitest-'.length, -'.json'.length)})`, join(reports, extra));
}
for (const problem of problems) console.error(`tests: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
