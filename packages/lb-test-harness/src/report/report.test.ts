import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../model/types';
import { histogram, logBuckets, thinRecords } from './charts';
import { escapeHtml, ms, pct, rebalanceCell } from './format';
import { smallComparison } from '../../test/support/report-fixture';
import { renderHtml } from './html';
import { JSON_RECORDS_PER_RUN, toJsonReport } from './json';
import { renderMarkdown } from './markdown';
import { markdownTable, SUMMARY_HEADER, summaryRows, textTable } from './tables';

const result = smallComparison();

describe('formats', () => {
  it.each([
    { value: pct(1 / 3), expected: '33%' },
    { value: ms(4.04), expected: '4.0' },
    { value: ms(123.6), expected: '124' },
    { value: ms(Number.NaN), expected: '—' },
    { value: rebalanceCell([]), expected: '—' },
    {
      value: rebalanceCell([
        { label: 'kill s2', t: 1, ms: 12.3 },
        { label: 'add s3', t: 2, ms: null },
      ]),
      expected: 'kill s2 12 ms, add s3 never',
    },
    { value: escapeHtml(`<a href="x">'&'</a>`), expected: '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;' },
  ])('$expected', ({ value, expected }) => {
    expect(value).toBe(expected);
  });
});

describe('tables', () => {
  it('has one summary row per run, in run order, with a cell per header', () => {
    const rows = summaryRows(result);
    expect(rows.map((r) => `${r[0]}/${r[1]}`)).toEqual([
      'kill/round-robin',
      'kill/sticky (round-robin)',
      'equal/round-robin',
      'equal/sticky (round-robin)',
    ]);
    expect(rows.every((r) => r.length === SUMMARY_HEADER.length)).toBe(true);
    expect(rows[0]?.[12]).toMatch(/^kill s2 .* ms, restart s2 /);
  });
  it('renders markdown with a separator row and escaped pipes', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
  it('pads text columns and right-aligns numeric ones', () => {
    expect(
      textTable(
        ['name', 'n'],
        [
          ['ab', '5'],
          ['c', '10'],
        ],
      ),
    ).toBe('name   n\n----  --\nab     5\nc     10');
    expect(textTable(['n', 'dash'], [['1,000', '—']])).toBe('    n  dash\n-----  ----\n1,000  —');
  });
});

describe('charts', () => {
  it('buckets samples on log-spaced edges', () => {
    const edges = logBuckets(1, 100, 2);
    expect(edges.map((e) => Math.round(e))).toEqual([1, 10, 100]);
    expect(histogram([1, 5, 20, 50, 100, 0.5], edges)).toEqual([3 / 6, 3 / 6]); // below and at the top edge clamp in
  });
  it('thins records evenly and keeps every failure', () => {
    const records: RequestRecord[] = Array.from({ length: 100 }, (_, i) => ({
      t: i,
      client: 0,
      session: false,
      ok: i !== 55,
      latencyMs: 1,
    }));
    const thin = thinRecords(records, 10);
    expect(thin.filter((r) => r.ok)).toHaveLength(10);
    expect(thin.some((r) => r.t === 55)).toBe(true);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(result);
  it('is one self-contained document with the charts as inline SVG', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2 * 2 + 2); // distribution + latency per scenario, 2 kill timelines
    expect(html).toContain('Timeline: round-robin');
    expect(html).toContain('data-server="s2"');
  });
  it('references nothing outside itself', () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=|href=|https?:\/\//i);
  });
  it('escapes scenario text', () => {
    const tricky = { ...result, scenarios: result.scenarios.map((s) => ({ ...s, description: '<b>bold</b>' })) };
    expect(renderHtml(tricky)).toContain('&#60;b&#62;bold');
  });
});

describe('renderMarkdown', () => {
  it('has the title, the settings and the summary table', () => {
    const md = renderMarkdown(result);
    expect(md).toContain('# Junction strategy comparison (simulation)');
    expect(md).toContain('- seed: 3');
    expect(md).toContain(`| ${SUMMARY_HEADER.join(' | ')} |`);
    expect(md.split('\n').filter((l) => l.startsWith('| kill ') || l.startsWith('| equal '))).toHaveLength(4);
  });
});

describe('toJsonReport', () => {
  it('keeps every metric and only the thinned records of runs with changes', () => {
    const json = JSON.parse(JSON.stringify(toJsonReport(result))) as ReturnType<typeof toJsonReport>;
    expect(json.format).toBe('junction-harness-compare/1');
    expect(json.mode).toBe('simulation');
    expect(json.runs.map((r) => [r.scenario, r.strategy, r.metrics.requests, r.records.length > 0])).toEqual([
      ['kill', 'round-robin', 300, true],
      ['kill', 'sticky', 300, true],
      ['equal', 'round-robin', 300, false],
      ['equal', 'sticky', 300, false],
    ]);
    expect(json.runs[0]?.records.length).toBeLessThanOrEqual(JSON_RECORDS_PER_RUN);
    expect(Object.keys(json.runs[0]?.metrics ?? {}).sort()).toEqual([
      'failed',
      'latency',
      'longestRun',
      'maxDeviation',
      'rebalance',
      'requests',
      'sessions',
      'sessionsLost',
      'shares',
      'stickiness',
    ]);
  });
});
