/**
 * The comparison against an already running stack (`--target URL`, e.g. the compose demo):
 * the harness owns neither the proxy's configuration nor the backends, so it drives the
 * traffic-only scenarios under whatever strategy the stack is configured with. Servers are
 * named by the first 8 characters of the id they report; the expected share assumes equal
 * weights over the servers that answered.
 */
import { cpus } from 'node:os';
import { computeMetrics } from '../metrics/run-metrics';
import { AS_CONFIGURED } from '../model/strategies';
import type { ComparisonResult, RunResult, ScenarioSpec, TimelineEntry } from '../model/types';
import { driveLoad } from './drive';
import { NO_PROGRESS, type Progress } from './progress';
import { makeClients } from './run-real';

/** Options of {@link runTargetComparison}. */
export interface TargetCompareOptions {
  readonly target: string;
  readonly path: string;
  readonly host?: string;
  readonly scenarios: readonly ScenarioSpec[];
  readonly maxRequests: number;
  readonly maxSeconds: number;
  readonly clients: number;
  /** Aggregate pace, requests per second (0: unpaced). */
  readonly rate: number;
  readonly distinctIps: boolean;
  readonly progress?: Progress;
}

/** Whether a URL's host is an IPv4 loopback address (distinct source addresses work there). */
export function isLoopbackIpv4(url: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(new URL(url).hostname);
}

/** Runs the traffic-only scenarios against `target`. */
export async function runTargetComparison(o: TargetCompareOptions): Promise<ComparisonResult> {
  const progress = o.progress ?? NO_PROGRESS;
  progress.start(o.scenarios.length * o.maxRequests);
  const runs: RunResult[] = [];
  try {
    for (const scenario of o.scenarios) {
      progress.run(`${scenario.id} × ${AS_CONFIGURED.label}`, runs.length * o.maxRequests);
      const clients = makeClients(
        { ...o, distinctIps: o.distinctIps && isLoopbackIpv4(o.target) },
        o.target,
        scenario.sessionShare,
      );
      const driven = await driveLoad({
        clients,
        maxRequests: o.maxRequests,
        maxMs: o.maxSeconds * 1000,
        ratePerSecond: o.rate,
        nameOf: (id) => id.slice(0, 8),
        onRecord: () => progress.tick(),
      });
      await Promise.all(clients.map((c) => c.close()));
      const seen = [...new Set(driven.records.flatMap((r) => (r.server === undefined ? [] : [r.server])))];
      const timeline: TimelineEntry[] = [
        { t: 0, label: 'start', weights: Object.fromEntries(seen.map((id) => [id, 1])) },
      ];
      runs.push({
        scenario: scenario.id,
        strategy: AS_CONFIGURED.id,
        durationMs: driven.elapsedMs,
        timeline,
        metrics: computeMetrics(driven.records, timeline),
        records: driven.records,
      });
    }
  } finally {
    progress.stop();
  }
  return {
    mode: 'real',
    createdAt: new Date().toISOString(),
    settings: {
      target: o.target,
      path: o.path,
      ...(o.host === undefined ? {} : { host: o.host }),
      requestsPerRun: o.maxRequests,
      secondsPerRun: o.maxSeconds,
      clients: o.clients,
      ratePerSecond: o.rate === 0 ? 'unpaced' : o.rate,
      expected: 'equal weights over the servers that answered',
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    },
    scenarios: o.scenarios,
    strategies: [AS_CONFIGURED],
    runs,
  };
}
