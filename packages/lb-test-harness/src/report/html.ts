/**
 * The self-contained HTML report: inline CSS and inline SVG charts only — no script, no CDN, no
 * web font, no external URL — so it opens offline from `reports/`. One section per scenario
 * with its distribution and latency charts, and a timeline for scenarios that change servers.
 */
import type { ComparisonResult, ScenarioSpec } from '../model/types';
import { distributionChart, latencyChart, timelineChart } from './charts';
import { escapeHtml } from './format';
import { DEFAULT_REBALANCE_TOLERANCE, DEFAULT_WINDOW_PER_SERVER } from '../metrics/rebalance';
import { SUMMARY_HEADER, summaryRows } from './tables';

/** The reports' stylesheet (inline). */
export const REPORT_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;
  padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{display:block;margin:1rem 0;max-width:100%;height:auto}.chart text{font-family:inherit;fill:#333}
.legend{font-size:11px}
.note{color:#555;font-size:.9rem}dt{font-weight:600}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;font-size:.85rem}
`;
/** One table cell, right-aligned when it holds a number (digits, `.`, `,`, a leading `-`). */
function htmlCell(text: string): string {
  return `<td${/^-?[\d.,]+$/.test(text) ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
}

/** An HTML table; cells holding a number (digits, `.`, `,`, a leading `-`) are right-aligned. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map(htmlCell).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function scenarioSection(result: ComparisonResult, scenario: ScenarioSpec, allRows: readonly string[][]): string {
  const runs = result.runs.filter((r) => r.scenario === scenario.id);
  if (runs.length === 0) return '';
  const rows = allRows.filter((_, i) => result.runs[i]?.scenario === scenario.id);
  const label = (id: string): string => result.strategies.find((s) => s.id === id)?.label ?? id;
  const timelines = runs
    .filter((r) => r.timeline.length > 1)
    .map((r) => {
      const chart = timelineChart(r, `Which server answered over time under ${label(r.strategy)}`);
      return `<h3>Timeline: ${escapeHtml(label(r.strategy))}</h3>\n${chart}`;
    })
    .join('\n');
  return [
    `<section id="${escapeHtml(scenario.id)}">`,
    `<h2>${escapeHtml(scenario.title)}</h2>`,
    `<p class="note">${escapeHtml(scenario.description)}</p>`,
    htmlTable(SUMMARY_HEADER, rows),
    '<h3>Distribution per server</h3>',
    distributionChart(runs, result.strategies),
    '<h3>Latency distribution</h3>',
    latencyChart(runs, result.strategies),
    timelines,
    '</section>',
  ].join('\n');
}

/** The paragraph under the title: when the report was made and how to read its columns. */
function readingNote(createdAt: string): string {
  return [
    `Created ${escapeHtml(createdAt)}.`,
    'Shares are of answered requests; “expected” follows the weights of the servers in rotation',
    'when each request was sent.',
    'Stickiness: share of a session’s consecutive requests that reached the same server.',
    'Sessions lost: sessions whose server-side state was missing at least once.',
    `Time to rebalance: from a change until a window of ${DEFAULT_WINDOW_PER_SERVER} requests per server`,
    `matched the new weights within ${DEFAULT_REBALANCE_TOLERANCE * 100} points with no failure.`,
  ].join(' ');
}

/** Renders the whole comparison as one HTML document. */
export function renderHtml(result: ComparisonResult): string {
  const rows = summaryRows(result);
  const title = `Junction strategy comparison (${result.mode === 'real' ? 'real traffic' : 'simulation'})`;
  const settings = Object.entries(result.settings)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">${readingNote(result.createdAt)}</p>
<dl>${settings}</dl>
<h2>Summary</h2>
${htmlTable(SUMMARY_HEADER, rows)}
${result.scenarios.map((s) => scenarioSection(result, s, rows)).join('\n')}
</body>
</html>
`;
}
