/**
 * Issue #12's goals on hand-made figures, the workers-run helpers, and the memory run's route
 * file (validated by lb-core, as Junction would load it).
 */
import { validateDynamicConfig } from '@junction/lb-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluateGoals } from './goals';
import { kibPerRoute, lastHeapMiB, routesYaml } from './route-memory';
import { spread, type TargetSummary } from './summary';
import { helpHasWorkers, scalingRatio } from './workers-run';

const summary = (target: string, rps: number, p99: number, cpu?: number, peak?: number): TargetSummary => ({
  target,
  rounds: 1,
  rps: spread([rps]),
  p50Ms: spread([p99 / 2]),
  p99Ms: spread([p99]),
  errors: 0,
  ...(cpu === undefined ? {} : { cpuUsPerReq: spread([cpu]) }),
  ...(peak === undefined ? {} : { peakRssMiB: peak }),
});

describe('evaluateGoals', () => {
  const summaries = [
    summary('reference', 30_000, 10, 33, 200),
    summary('junction', 27_000, 11, 36, 230),
    summary('caddy', 20_000, 8),
  ];
  const goals = evaluateGoals({
    summaries,
    junctionIdleMiB: 64,
    routeMemory: {
      idleMiB: 64,
      points: [
        { routes: 0, rssMiB: 64 },
        { routes: 1000, rssMiB: 80, heapMiB: 30, kibPerRoute: 16.4 },
        { routes: 3000, rssMiB: 130, kibPerRoute: 22.5 },
      ],
      reloads: { routes: 1000, beforeMiB: 80, afterMiB: [83, 82, 83], heapAfterMiB: [31, 30.5, 30.4] },
      note: '',
    },
    workers: {
      supported: true,
      note: '',
      samples: [],
      summaries: [summary('workers=1', 20_000, 5), summary('workers=2', 26_000, 5)],
      scaling: 1.3,
    },
  });
  const met = Object.fromEntries(goals.map((g) => [g.goal, g.met]));
  it('compares Junction with the reference and Caddy measured in the same run', () => {
    expect(goals.find((g) => g.goal.startsWith('req/s ≥ 0.85'))).toEqual({
      goal: 'req/s ≥ 0.85 × reference',
      measured: '0.90 ×',
      met: true,
    });
    expect(met['req/s ≥ 1.25 × Caddy']).toBe(true);
    expect(met['CPU µs/request ≤ 1.2 × reference']).toBe(true);
    expect(met['p99 ≤ 1.2 × reference']).toBe(true);
    expect(met['peak RSS under load ≤ 1.1 × reference']).toBe(false);
  });
  it('judges memory on the largest route count and reloads with a 5 % tolerance', () => {
    expect(met['idle RSS ≤ 70 MiB']).toBe(true);
    expect(goals.find((g) => g.goal.startsWith('≤ 20 KiB'))).toMatchObject({
      measured: '22.5 KiB at 3,000 routes',
      met: false,
    });
    expect(goals.find((g) => g.goal.startsWith('no RSS growth'))).toMatchObject({
      measured: '80 → 83 MiB after 3 rewrites of 1,000 routes (V8 heap 30.0 → 30.4 MiB)',
      met: true,
    });
    expect(met['2 workers ≥ 1.4 × 1 worker']).toBe(false);
  });
  it('never passes a goal whose figures are missing', () => {
    const bare = evaluateGoals({
      summaries: [summary('junction', 10_000, 5)],
      workers: { supported: false, reason: 'not supported: no --workers', note: '', samples: [], summaries: [] },
    });
    expect(bare.every((g) => g.met === undefined)).toBe(true);
    expect(bare.find((g) => g.goal.startsWith('2 workers'))?.measured).toBe('not supported: no --workers');
    expect(bare.find((g) => g.goal.startsWith('req/s ≥ 0.85'))?.measured).toBe('not measured');
  });
});

describe('workers run helpers', () => {
  it('finds --workers in lb-server --help, not a mention in prose', () => {
    expect(helpHasWorkers('Options:\n  --workers=<n|auto>\n      Processes serving every entry point.')).toBe(true);
    expect(helpHasWorkers('Options:\n  --ping\n      Ping endpoint; see --workers in a future version.')).toBe(false);
  });
  it('gives the throughput of the last count over the first', () => {
    expect(scalingRatio([summary('workers=1', 10_000, 1), summary('workers=2', 15_000, 1)])).toBe(1.5);
    expect(scalingRatio([summary('workers=1', 10_000, 1)])).toBeUndefined();
  });
});

describe('route memory readings', () => {
  it('takes the last heap size the GC preload printed', () => {
    expect(lastHeapMiB('noise\nHARNESS_HEAP 1048576\nmore\nHARNESS_HEAP 3145728\n')).toBe(3);
    expect(lastHeapMiB('no probe here')).toBeUndefined();
  });
});

describe('route memory file', () => {
  const doc = parse(routesYaml(3, [4001, 4002], 2)) as {
    http: { routers: Record<string, { rule: string; service: string }>; services: Record<string, unknown> };
  };
  it('has N routers with a Host rule and N two-server services, plus the generation marker', () => {
    expect(Object.keys(doc.http.routers)).toEqual(['harness-g2', 'r0', 'r1', 'r2']);
    expect(doc.http.routers.r1).toEqual({ rule: 'Host(`r1-g2.bench.test`)', service: 's1', entryPoints: ['web'] });
    expect(doc.http.services.s2).toEqual({
      loadBalancer: { servers: [{ url: 'http://127.0.0.1:4001' }, { url: 'http://127.0.0.1:4002' }] },
    });
    const result = validateDynamicConfig(doc);
    expect(result.errors).toEqual([]);
  });
  it('changes every rule with the generation, so a rewrite builds a new runtime', () => {
    expect(routesYaml(2, [1], 3)).not.toEqual(routesYaml(2, [1], 4));
    expect(Object.keys((parse(routesYaml(0, [1], 1)) as typeof doc).http.routers)).toEqual(['harness-g1']);
  });
  it('counts KiB per route beyond idle', () => {
    expect(kibPerRoute(80, 60, 1024)).toBe(20);
    expect(kibPerRoute(80, 60, 0)).toBeUndefined();
  });
});
