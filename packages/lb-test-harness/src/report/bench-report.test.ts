/**
 * The benchmark's report: tables, goals, workers and memory rows, the self-contained HTML with
 * its SVG charts, and the markdown — on a hand-made result.
 */
import { describe, expect, it } from 'vitest';
import {
  benchMarkdown,
  benchText,
  goalRows,
  noiseWarning,
  routeRows,
  workersLine,
  workersRows,
} from '../bench/bench-report';
import { evaluateGoals } from '../bench/goals';
import type { BenchResult } from '../bench/run-bench';
import { junctionRatios, summarise, type RoundSample } from '../bench/summary';
import { barChart, lineChart, niceMax } from './bench-charts';
import { renderBenchHtml } from './bench-html';

const sample = (target: string, round: number, rps: number, cpu: number): RoundSample => ({
  target,
  round,
  result: { requests: rps * 5, seconds: 5, rps, p50Ms: 1, p99Ms: 4, errors: 0 },
  usage: { cpuUsPerReq: cpu, peakRssMiB: 100 + cpu, otherLoad: round / 100 },
});
const samples = [
  sample('reference', 1, 30_000, 33),
  sample('junction', 1, 27_000, 37),
  sample('caddy', 1, 20_000, 50),
  sample('reference', 2, 29_000, 34),
  sample('junction', 2, 26_000, 38),
  sample('caddy', 2, 21_000, 49),
];
const summaries = summarise(samples, ['reference', 'junction', 'caddy']);
const routeMemory = {
  idleMiB: 60,
  points: [
    { routes: 0, rssMiB: 60, rssBeforeGcMiB: 61, heapMiB: 20 },
    { routes: 1000, rssMiB: 76, kibPerRoute: 16.4 },
  ],
  reloads: { routes: 1000, beforeMiB: 76, afterMiB: [77, 76], heapAfterMiB: [28, undefined] },
  note: 'fresh Junction per count',
};
const workers = {
  supported: true,
  note: 'unpinned',
  samples: [],
  summaries: summarise(
    [sample('workers=1', 1, 20_000, 40), sample('workers=2', 1, 30_000, 41)],
    ['workers=1', 'workers=2'],
  ),
  scaling: 1.5,
};
const result: BenchResult = {
  format: 'junction-harness-bench/2',
  createdAt: '2026-01-01T00:00:00.000Z',
  generator: 'wrk',
  cpuPlan: { pinned: true, loadCpu: 0, proxyCpu: 1, note: 'pinned: load on CPU 0, proxy on CPU 1' },
  settings: { rounds: 2, durationS: 5, connections: 50 },
  targets: [
    { name: 'reference', note: 'node:http + <Pool.dispatch>', idleRssMiB: 50 },
    { name: 'junction', note: 'one Node process', idleRssMiB: 60 },
    { name: 'caddy', note: 'GOMAXPROCS=1' },
  ],
  skipped: [{ target: 'nginx', reason: 'nginx not installed' }],
  samples,
  summaries,
  ratios: junctionRatios(summaries),
  workers,
  routeMemory,
  goals: evaluateGoals({ summaries, junctionIdleMiB: 60, routeMemory, workers }),
};

describe('bench tables', () => {
  it('states every goal with its figure and verdict', () => {
    const rows = goalRows(result);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual(['req/s ≥ 0.85 × reference', '0.90 ×', 'yes']);
    expect(rows.find((r) => r[0] === 'req/s ≥ 1.25 × Caddy')?.[2]).toBe('yes');
    expect(rows.find((r) => r[0] === '2 workers ≥ 1.4 × 1 worker')).toEqual([
      '2 workers ≥ 1.4 × 1 worker',
      '1.50 ×',
      'yes',
    ]);
  });
  it('has a workers row per count with the ratio to one worker, and memory rows with each rewrite', () => {
    expect(workersRows(result).map((r) => [r[0], r[1], r[6]])).toEqual([
      ['1', '20,000', '1.00'],
      ['2', '30,000', '1.50'],
    ]);
    expect(routeRows(result)).toEqual([
      ['0 (idle)', '60.0', '61.0', '20.0', '—'],
      ['1,000', '76.0', '—', '—', '16.4'],
      ['1,000 after rewrite 1', '77.0', '', '28.0', ''],
      ['1,000 after rewrite 2', '76.0', '', '—', ''],
    ]);
    expect(
      workersLine({ ...result, workers: { ...workers, supported: false, reason: 'not supported: no --workers' } }),
    ).toBe('Workers scaling: not supported: no --workers');
  });
  it('warns when other processes took more than 5 % of a pinned proxy’s CPU', () => {
    expect(noiseWarning(result)).toBe('');
    const noisy = {
      ...result,
      summaries: result.summaries.map((s) => (s.target === 'caddy' ? { ...s, otherLoad: 0.3 } : s)),
    };
    expect(noiseWarning(noisy)).toContain('(caddy 30%)');
    expect(renderBenchHtml(noisy)).toContain('re-run on a quiet machine');
  });
  it('prints and writes markdown with every section', () => {
    expect(benchText(result)).toMatch(/== Throughput[\s\S]*== Goals[\s\S]*== Workers[\s\S]*== Memory per route/);
    const md = benchMarkdown(result);
    expect(md).toContain('## Goals');
    expect(md).toContain(
      '| junction | 26,500 | 26,000–27,000 | 1.00 | 4.00 | 37.5 | 60 → 138 | 2% | 0 | one Node process |',
    );
    expect(md).toContain('- skipped: nginx not installed');
  });
});

describe('bench charts', () => {
  it.each([
    [0, 1],
    [7, 10],
    [12_000, 20_000],
    [33, 50],
    [100, 100],
  ])('rounds %d up to the axis maximum %d', (v, expected) => {
    expect(niceMax(v)).toBe(expected);
  });
  it('draws one bar and one whisker per row, scaled to the axis', () => {
    const svg = barChart('t', 'req/s', [
      { label: 'a', value: 50, min: 40, max: 60 },
      { label: 'b', value: 100 },
    ]);
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('width="260"'); // 50 of 100 over a 520-wide plot
    expect(svg).toContain('width="520"');
  });
  it('draws a point per measurement on the line chart', () => {
    expect(
      lineChart('t', 'x', 'y', [
        { x: 0, y: 1 },
        { x: 10, y: 3 },
        { x: 5, y: 2 },
      ]).match(/<circle /g),
    ).toHaveLength(3);
  });
});

describe('renderBenchHtml', () => {
  const html = renderBenchHtml(result);
  it('is one document with the goals and a chart per figure', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<h2>Goals (issue #12)</h2>');
    // req/s, CPU, p99, RSS, workers, RSS per route, reloads
    expect(html.match(/<svg /g)).toHaveLength(7);
  });
  it('references nothing outside itself and escapes text', () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=|href=|https?:\/\//i);
    expect(html).toContain('node:http + &#60;Pool.dispatch&#62;');
  });
});
