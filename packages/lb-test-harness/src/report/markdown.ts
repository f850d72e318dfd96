/** The comparison as markdown: settings, the summary table, and what the columns mean. */
import type { ComparisonResult } from '../model/types';
import { DEFAULT_REBALANCE_TOLERANCE, DEFAULT_WINDOW_PER_SERVER } from '../metrics/rebalance';
import { markdownTable, SUMMARY_HEADER, summaryRows } from './tables';

/** Renders the comparison as a markdown document. */
export function renderMarkdown(result: ComparisonResult): string {
  const title = `# Junction strategy comparison (${result.mode === 'real' ? 'real traffic' : 'simulation'})`;
  const settings = Object.entries(result.settings).map(([k, v]) => `- ${k}: ${String(v)}`);
  return [
    title,
    '',
    `Created ${result.createdAt}.`,
    '',
    ...settings,
    '',
    markdownTable(SUMMARY_HEADER, summaryRows(result)),
    '',
    'Shares are of answered requests; the expected share follows the weights of the servers in rotation',
    'when each request was sent. Stickiness is the share of a session’s consecutive requests that reached',
    'the same server; sessions lost counts sessions whose server-side state was missing at least once.',
    `Time to rebalance runs from a change until a window of ${DEFAULT_WINDOW_PER_SERVER} requests per server`,
    `matched the new weights within ${DEFAULT_REBALANCE_TOLERANCE * 100} points with no failure`,
    '(`never`: not within the run).',
    '',
  ].join('\n');
}
