/**
 * The benchmark report's charts, as inline SVG: horizontal bars with a min–max whisker (req/s,
 * CPU per request, workers), paired bars (RSS idle and peak per target) and a line of RSS against
 * the number of routes. Pure functions of figures; bars are labelled with their values.
 */
import { escapeHtml } from './format';
import { colour, legend, line, r1, rect, svgDoc, text } from './svg';

const FONT = 'font-size="11"';

/** One bar: its value, optionally a range drawn as a whisker, and whether to emphasise it. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly highlight?: boolean;
}

/** A "nice" axis maximum ≥ `v`: 1, 2 or 5 × a power of ten. */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v: number): string =>
  v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2);

/** Horizontal bars, one per row, with whiskers where a range is given. */
export function barChart(title: string, unit: string, bars: readonly Bar[]): string {
  const left = 150;
  const plotW = 520;
  const rowH = 24;
  const top = 10;
  const max = niceMax(Math.max(0, ...bars.map((b) => Math.max(b.value, b.max ?? 0)).filter(Number.isFinite)));
  const x = (v: number): number => left + (Math.max(0, v) / max) * plotW;
  let body = '';
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    body +=
      line(x(v), top, x(v), top + bars.length * rowH, '#eee') +
      text(x(v), top + bars.length * rowH + 14, fmt(v), `${FONT} text-anchor="middle"`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const value = Number.isFinite(b.value) ? b.value : 0;
    body += text(
      left - 6,
      y + 16,
      b.label,
      `${FONT} text-anchor="end"${b.highlight === true ? ' font-weight="bold"' : ''}`,
    );
    body += rect(
      left,
      y + 5,
      x(value) - left,
      rowH - 10,
      b.highlight === true ? colour(1) : colour(0),
      `data-label="${escapeHtml(b.label)}"`,
    );
    if (b.min !== undefined && b.max !== undefined && Number.isFinite(b.min) && Number.isFinite(b.max)) {
      body +=
        line(x(b.min), y + rowH / 2, x(b.max), y + rowH / 2, '#222') +
        line(x(b.min), y + 8, x(b.min), y + rowH - 8, '#222') +
        line(x(b.max), y + 8, x(b.max), y + rowH - 8, '#222');
    }
    body += text(x(Math.max(value, b.max ?? 0)) + 6, y + 16, Number.isFinite(b.value) ? fmt(b.value) : '—', FONT);
  });
  body += text(left + plotW, top + bars.length * rowH + 28, unit, `${FONT} text-anchor="end"`);
  return svgDoc(left + plotW + 70, top + bars.length * rowH + 34, title, body);
}

/** Two bars per row (e.g. idle and peak RSS), with a legend. */
export function pairedBarChart(
  title: string,
  unit: string,
  names: readonly [string, string],
  rows: readonly { label: string; a?: number; b?: number }[],
): string {
  const left = 150;
  const plotW = 520;
  const rowH = 30;
  const top = 24;
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => [r.a ?? 0, r.b ?? 0])));
  const x = (v: number): number => left + (Math.max(0, v) / max) * plotW;
  let body = legend(
    left,
    14,
    names.map((n, i) => ({ label: n, colour: colour(i) })),
  );
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    body += text(left - 6, y + 18, r.label, `${FONT} text-anchor="end"`);
    [r.a, r.b].forEach((v, k) => {
      if (v === undefined) return;
      body +=
        rect(left, y + 4 + k * 11, x(v) - left, 10, colour(k)) +
        text(x(v) + 4, y + 13 + k * 11, fmt(v), 'font-size="10"');
    });
  });
  body += text(left + plotW, top + rows.length * rowH + 12, unit, `${FONT} text-anchor="end"`);
  return svgDoc(left + plotW + 60, top + rows.length * rowH + 20, title, body);
}

/** A line through (x, y) points with marked points and labelled axes. */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  points: readonly { x: number; y: number }[],
): string {
  const left = 60;
  const top = 16;
  const plotW = 520;
  const plotH = 180;
  const maxX = niceMax(Math.max(1, ...points.map((p) => p.x)));
  const maxY = niceMax(Math.max(1, ...points.map((p) => p.y)));
  const x = (v: number): number => left + (v / maxX) * plotW;
  const y = (v: number): number => top + plotH - (v / maxY) * plotH;
  let body = line(left, top + plotH, left + plotW, top + plotH, '#999') + line(left, top, left, top + plotH, '#999');
  for (let i = 0; i <= 4; i++) {
    body +=
      text(left - 6, y((maxY * i) / 4) + 4, fmt((maxY * i) / 4), `${FONT} text-anchor="end"`) +
      line(left, y((maxY * i) / 4), left + plotW, y((maxY * i) / 4), '#eee');
    body += text(x((maxX * i) / 4), top + plotH + 14, fmt((maxX * i) / 4), `${FONT} text-anchor="middle"`);
  }
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const polyline = sorted.map((p) => `${r1(x(p.x))},${r1(y(p.y))}`).join(' ');
  body += `<polyline points="${polyline}" fill="none" stroke="${colour(0)}" stroke-width="2"/>`;
  for (const p of sorted)
    body +=
      `<circle cx="${r1(x(p.x))}" cy="${r1(y(p.y))}" r="3" fill="${colour(0)}"/>` +
      text(x(p.x) + 5, y(p.y) - 6, fmt(p.y), FONT);
  body += text(left + plotW, top + plotH + 30, xLabel, `${FONT} text-anchor="end"`) + text(left, top - 4, yLabel, FONT);
  return svgDoc(left + plotW + 40, top + plotH + 36, title, body);
}
