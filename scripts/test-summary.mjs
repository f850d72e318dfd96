// Sums the vitest JSON reports of every project into one closing line, `N passed, N failed`,
// and fails when a project with a test target produced no report or ran no test. Projects are
// packages/* and scripts/ (the tooling's own tests). Suites run by their own targets after
// `nx test` (e.g. lb-server's e2e and swarm suites) write `reports/vitest-<name>.json`: each is
// expected (its script names it) and counted on its own line. Run from the repository root (or
// with the root as first argument).
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

/**
 * Project folders (relative to the root) with a `test` target, each with the vitest JSON reports
 * its targets write (`--outputFile.json=reports/vitest*.json` in a script or a target's command):
 * `reports/vitest.json` from `test`, e.g. `reports/vitest-e2e.json` from `e2e`.
 */
function projectsWithTests() {
  const dirs = readdirSync(join(root, 'packages'))
    .sort()
    .map((pkg) => join('packages', pkg));
  const found = [];
  for (const dir of [...dirs, 'scripts']) {
    const commands = [];
    let hasTest = false;
    for (const manifest of ['package.json', 'project.json']) {
      const file = join(root, dir, manifest);
      if (!existsSync(file)) continue;
      const m = JSON.parse(readFileSync(file, 'utf8'));
      hasTest ||= Boolean(m.scripts?.test || m.targets?.test);
      commands.push(...Object.values(m.scripts ?? {}));
      for (const target of Object.values(m.targets ?? {})) commands.push(target.options?.command ?? '');
    }
    if (!hasTest) continue;
    const reports = new Set(['vitest.json']);
    for (const command of commands)
      for (const match of String(command).matchAll(/--outputFile\.json=reports\/(vitest[\w-]*\.json)/g))
        reports.add(match[1]);
    found.push({ dir, reports: [...reports].sort() });
  }
  return found;
}

for (const { dir, reports } of projectsWithTests()) {
  const name = dir.replace(/^packages\//, '');
  for (const file of reports) {
    const report = join(root, dir, 'reports', file);
    const label = file === 'vitest.json' ? name : `${name} (${file.slice('vitest-'.length, -'.json'.length)})`;
    if (!existsSync(report)) problems.push(`${label}: no test report (${join(dir, 'reports', file)})`);
    else count(label, report);
  }
}
for (const problem of problems) console.error(`tests: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
