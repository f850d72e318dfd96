// Reads one vitest JSON report into the figures scripts/test-summary.mjs prints: passed, failed
// and skipped tests. A skipped test is counted once, even when the test file adds a second,
// always-skipped entry titled `<the test's title> (skipped: <reason>)` to show why in the output
// (e.g. lb-server's "dockerd restart" tests): that entry carries the reason, it is not a test.

const REASON = /^(.*) \(skipped: (.+)\)$/;

/**
 * The figures of a parsed vitest JSON report.
 * @param {any} report vitest's `--reporter=json` output, parsed
 * @returns {{ passed: number, failed: number, skipped: number, reasons: string[] }}
 */
export function countReport(report) {
  const passed = report.numPassedTests ?? 0;
  // A suite that failed to load has no failed test of its own: count it, but do not count
  // suites again whose tests already failed.
  const failedTests = report.numFailedTests ?? 0;
  const failed = failedTests > 0 ? failedTests : (report.numFailedTestSuites ?? 0);
  let skipped = 0;
  const reasons = [];
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    const skippedTitles = new Set(
      results.filter((a) => a.status === 'skipped').map((a) => [...(a.ancestorTitles ?? []), a.title].join(' > ')),
    );
    for (const a of results) {
      if (a.status !== 'skipped' && a.status !== 'pending' && a.status !== 'todo') continue;
      const match = a.status === 'skipped' ? REASON.exec(a.title) : null;
      if (match && skippedTitles.has([...(a.ancestorTitles ?? []), match[1]].join(' > '))) {
        reasons.push(`${match[1]}: ${match[2]}`);
        continue;
      }
      skipped += 1;
    }
  }
  return { passed, failed, skipped, reasons };
}
