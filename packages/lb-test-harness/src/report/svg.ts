/**
 * Tiny SVG building blocks for the HTML report. Charts are generated as inline SVG strings, so
 * the report needs no script, no CDN and no font download: it opens offline, anywhere. No
 * `xmlns` is written because inline SVG in HTML does not need one.
 */
import { escapeHtml } from './format';

/** Colours for series (servers or strategies), chosen to stay distinct in print. */
export const PALETTE: readonly string[] = Object.freeze([
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
]);

/** Colour of failed requests. */
export const FAIL_COLOUR = '#e15759';

/** The colour of series `i`. */
export function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

/** Rounds a coordinate to one decimal, to keep the markup small. */
export function r1(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** An `<svg>` element with a title for screen readers. */
export function svgDoc(width: number, height: number, title: string, body: string): string {
  const size = `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  const label = `role="img" aria-label="${escapeHtml(title)}"`;
  return `<svg class="chart" ${size} ${label}><title>${escapeHtml(title)}</title>${body}</svg>`;
}

/** A text label. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${r1(x)}" y="${r1(y)}"${attrs === '' ? '' : ` ${attrs}`}>${escapeHtml(content)}</text>`;
}

/** A filled rectangle. */
export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  const size = `width="${r1(Math.max(w, 0))}" height="${r1(Math.max(h, 0))}"`;
  return `<rect x="${r1(x)}" y="${r1(y)}" ${size} fill="${fill}"${extra === '' ? '' : ` ${extra}`}/>`;
}

/** A line segment. */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  const ends = `x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}"`;
  return `<line ${ends} stroke="${stroke}"${extra === '' ? '' : ` ${extra}`}/>`;
}

/** A legend: coloured squares with labels, in one row from (x, y). */
export function legend(
  x: number,
  y: number,
  items: readonly { readonly label: string; readonly colour: string }[],
): string {
  let at = x;
  return items
    .map((item) => {
      const out = rect(at, y - 9, 10, 10, item.colour) + text(at + 14, y, item.label, 'class="legend"');
      at += 24 + item.label.length * 6.5;
      return out;
    })
    .join('');
}
