/**
 * The report's charts, as inline SVG: per-server distribution against the weights, latency
 * distribution per strategy, and a timeline of which server answered around a kill or a
 * scale-up. Pure functions of run results.
 */
import type { RequestRecord, RunResult, StrategySpec } from '../model/types';
import { colour, FAIL_COLOUR, legend, line, r1, rect, svgDoc, text } from './svg';

const FONT = 'font-size="11"';

/** Grouped bars: one group per strategy, one bar per server (observed), a tick at the expected share. */
export function distributionChart(runs: readonly RunResult[], strategies: readonly StrategySpec[]): string {
  const servers = [...new Set(runs.flatMap((r) => r.metrics.shares.map((s) => s.id)))];
  const labelOf = (id: string): string => strategies.find((s) => s.id === id)?.label ?? id;
  const groupW = Math.max(90, servers.length * 22 + 20, ...runs.map((r) => labelOf(r.strategy).length * 6.2 + 12));
  const left = 40;
  const top = 24;
  const plotH = 160;
  const width = left + runs.length * groupW + 10;
  const height = top + plotH + 40;
  const top10 =
    Math.ceil(Math.max(0.5, ...runs.flatMap((r) => r.metrics.shares.flatMap((s) => [s.share, s.expected]))) * 10) / 10;
  const step = top10 <= 0.6 ? 0.1 : 0.2;
  const maxShare = Math.ceil(top10 / step - 1e-9) * step;
  const y = (share: number): number => top + plotH - (share / maxShare) * plotH;
  let body = '';
  for (let g = 0; g * step <= maxShare + 1e-9; g++) {
    const share = g * step;
    body +=
      line(left, y(share), width - 10, y(share), '#ddd') +
      text(left - 4, y(share) + 4, `${Math.round(share * 100)}%`, `${FONT} text-anchor="end"`);
  }
  runs.forEach((run, gi) => {
    const x0 = left + gi * groupW + (groupW - servers.length * 22) / 2;
    run.metrics.shares.forEach((s) => {
      const si = servers.indexOf(s.id);
      const x = x0 + si * 22;
      body += rect(x, y(s.share), 18, top + plotH - y(s.share), colour(si), `data-server="${s.id}"`);
      body += line(x - 2, y(s.expected), x + 20, y(s.expected), '#222', 'stroke-width="2"');
    });
    body += text(
      left + gi * groupW + groupW / 2,
      top + plotH + 16,
      labelOf(run.strategy),
      `${FONT} text-anchor="middle"`,
    );
  });
  body += legend(left, 14, [
    ...servers.map((id, i) => ({ label: id, colour: colour(i) })),
    { label: '— expected', colour: '#222' },
  ]);
  return svgDoc(
    width,
    height,
    'Share of requests per server, by strategy; black ticks mark the share the weights ask for',
    body,
  );
}

/** Log-spaced bucket edges covering [min, max]. */
export function logBuckets(min: number, max: number, count: number): number[] {
  const lo = Math.max(min, 0.1);
  const hi = Math.max(max, lo * 1.01);
  const step = Math.log(hi / lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo * Math.exp(step * i));
}

/** Share of samples in each bucket `[edges[i], edges[i+1])` (the last bucket includes its top). */
export function histogram(samples: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(edges.length - 1, 0)).fill(0);
  for (const v of samples) {
    let i = edges.findIndex((e, k) => k > 0 && v < e) - 1;
    if (i < 0) i = v < (edges[0] ?? 0) ? 0 : counts.length - 1;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((c) => (samples.length === 0 ? 0 : c / samples.length));
}

/** Latency distribution: one line per strategy over log-spaced latency buckets. */
export function latencyChart(runs: readonly RunResult[], strategies: readonly StrategySpec[]): string {
  const all = runs.flatMap((r) => r.records.map((x) => x.latencyMs));
  const edges = logBuckets(Math.min(...all, 1), Math.max(...all, 1), 30);
  const left = 40;
  const top = 24;
  const plotW = 560;
  const plotH = 150;
  const series = runs.map((r) =>
    histogram(
      r.records.map((x) => x.latencyMs),
      edges,
    ),
  );
  const maxY = Math.max(0.05, ...series.flat());
  const x = (i: number): number => left + (i / Math.max(edges.length - 1, 1)) * plotW;
  const y = (v: number): number => top + plotH - (v / maxY) * plotH;
  let body = line(left, top + plotH, left + plotW, top + plotH, '#999');
  for (const i of [0, 10, 20, 30]) {
    const edge = edges[i];
    if (edge !== undefined)
      body += text(
        x(i),
        top + plotH + 14,
        `${edge < 10 ? edge.toFixed(1) : Math.round(edge)} ms`,
        `${FONT} text-anchor="middle"`,
      );
  }
  series.forEach((shares, si) => {
    const points = shares.map((v, i) => `${r1(x(i + 0.5))},${r1(y(v))}`).join(' ');
    body += `<polyline points="${points}" fill="none" stroke="${colour(si)}" stroke-width="2"/>`;
  });
  const labels = runs.map((r, i) => ({
    label: strategies.find((s) => s.id === r.strategy)?.label ?? r.strategy,
    colour: colour(i),
  }));
  body += legend(left, 14, labels);
  return svgDoc(
    left + plotW + 20,
    top + plotH + 24,
    'Latency distribution per strategy (share of requests per log-spaced latency bucket)',
    body,
  );
}

/** At most `max` records, evenly spaced, always keeping failures. */
export function thinRecords(records: readonly RequestRecord[], max: number): RequestRecord[] {
  if (records.length <= max) return [...records];
  const step = records.length / max;
  return records.filter((r, i) => !r.ok || Math.floor(i / step) !== Math.floor((i - 1) / step));
}

/** Which server answered each request over time, one lane per server plus a lane for failures. */
export function timelineChart(run: RunResult, title: string): string {
  const lanes = [
    ...new Set([...run.timeline.flatMap((e) => Object.keys(e.weights)), ...run.metrics.shares.map((s) => s.id)]),
  ];
  const records = thinRecords(run.records, 2500);
  const left = 56;
  const top = 20;
  const laneH = 18;
  const plotW = 760;
  const end = Math.max(run.durationMs, ...records.map((r) => r.t), 1);
  const x = (t: number): number => left + (t / end) * plotW;
  const laneY = (i: number): number => top + i * laneH;
  let body = '';
  [...lanes, 'failed'].forEach((name, i) => {
    body +=
      text(left - 6, laneY(i) + 12, name, `${FONT} text-anchor="end"`) +
      line(left, laneY(i) + laneH, left + plotW, laneY(i) + laneH, '#eee');
  });
  for (const r of records) {
    const lane = r.server === undefined || !r.ok ? lanes.length : lanes.indexOf(r.server);
    body += rect(x(r.t), laneY(lane) + 3, 1.5, laneH - 6, lane === lanes.length ? FAIL_COLOUR : colour(lane));
  }
  const bottom = laneY(lanes.length + 1);
  for (const change of run.timeline.slice(1)) {
    body +=
      line(x(change.t), top - 4, x(change.t), bottom, '#222', 'stroke-dasharray="4 3"') +
      text(x(change.t) + 3, bottom + 12, change.label, FONT);
  }
  body +=
    text(left, bottom + 26, '0 s', FONT) +
    text(left + plotW, bottom + 26, `${(end / 1000).toFixed(1)} s`, `${FONT} text-anchor="end"`);
  return svgDoc(left + plotW + 20, bottom + 34, title, body);
}
