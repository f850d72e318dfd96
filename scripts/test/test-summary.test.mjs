// Tests of the test summary (scripts/test-summary.mjs and lib/vitest-report.mjs) on a small
// vitest JSON fixture: a skipped test with a second entry carrying its reason counts once,
// other skips and todos count, and the script's closing line and exit code follow the reports.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { countReport } from '../lib/vitest-report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures/vitest-skips.json');
const script = join(here, '../test-summary.mjs');
const dirs = [];

/** A repository root holding one package with `test` and `e2e` scripts and the given reports. */
function repoWith(reports) {
  const root = mkdtempSync(join(tmpdir(), 'test-summary-'));
  dirs.push(root);
  mkdirSync(join(root, 'packages/demo/reports'), { recursive: true });
  const scripts = {
    test: 'vitest run --reporter=json --outputFile.json=reports/vitest.json',
    e2e: 'vitest run --config vitest.e2e.config.ts --reporter=json --outputFile.json=reports/vitest-e2e.json',
  };
  writeFileSync(join(root, 'packages/demo/package.json'), JSON.stringify({ scripts }));
  for (const [name, file] of Object.entries(reports)) cpSync(file, join(root, 'packages/demo/reports', name));
  return root;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('countReport', () => {
  it('counts a skipped test once, not again for the entry carrying its reason', () => {
    const report = JSON.parse(readFileSync(fixture, 'utf8'));
    // vitest's own counters: 4 pending + 1 todo; one pending entry only carries a reason.
    expect(report.numPendingTests + report.numTodoTests).toBe(5);
    const r = countReport(report);
    expect(r).toMatchObject({ passed: 2, failed: 0, skipped: 4 });
    expect(r.reasons).toEqual(['dockerd restart: the engine was not started by these tests']);
  });

  it('counts a suite that failed to load when no test failed', () => {
    expect(countReport({ numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 1, testResults: [] }).failed).toBe(
      1,
    );
    expect(countReport({ numPassedTests: 3, numFailedTests: 2, numFailedTestSuites: 1, testResults: [] }).failed).toBe(
      2,
    );
  });
});

describe('scripts/test-summary.mjs', () => {
  it('prints the totals of every report and exits 0 when all passed', () => {
    const root = repoWith({ 'vitest.json': fixture, 'vitest-e2e.json': fixture });
    const out = execFileSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(out).toContain('tests: demo             2 passed, 0 failed, 4 skipped');
    expect(out).toContain('tests: demo (e2e)       2 passed, 0 failed, 4 skipped');
    expect(out.trim().split('\n').at(-1)).toBe('4 passed, 0 failed, 8 skipped');
  });

  it('fails when a package with a test script left no report', () => {
    const root = repoWith({});
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tests: demo: no test report');
  });

  it('fails when a target its scripts name (e2e) left no report, counting the others', () => {
    const root = repoWith({ 'vitest.json': fixture });
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tests: demo (e2e): no test report (packages/demo/reports/vitest-e2e.json)');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed, 4 skipped');
  });
});
