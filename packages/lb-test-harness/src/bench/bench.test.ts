import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDynamicConfig } from '@junction/lb-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { benchMarkdown, benchRows, memoryLine, ratioRows } from './bench-report';
import type { LoadResult } from './load-result';
import { caddyConfig, haproxyConfig, junctionBenchYaml, nginxConfig } from './proxy-configs';
import { roundOrder, rewriteCount, type BenchResult } from './run-bench';
import { quieter } from './throughput';
import { junctionRatios, median, summarise, type RoundSample } from './summary';
import { findExecutable, missingMessage } from './tools';
import { parseWrk, wrkDurationMs } from './wrk';

const WRK_OUTPUT = `Running 5s test @ http://127.0.0.1:8080/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.00us  12.34ms   90.00%
    Req/Sec    40.12k     1.23k   42.00k    80.00%
  Latency Distribution
     50%  812.00us
     75%    1.30ms
     90%    1.60ms
     99%    2.50ms
  200123 requests in 5.00s, 30.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  40024.60
Transfer/sec:      6.00MB
`;

describe('wrk', () => {
  it.each([
    { text: '812.00us', expected: 0.812 },
    { text: '2.50ms', expected: 2.5 },
    { text: '1.50s', expected: 1500 },
    { text: '2.00m', expected: 120_000 },
  ])('$text = $expected ms', ({ text, expected }) => {
    expect(wrkDurationMs(text)).toBeCloseTo(expected, 9);
  });
  it('gives NaN for an unknown duration', () => {
    expect(wrkDurationMs('soon')).toBeNaN();
  });
  it('parses --latency output', () => {
    expect(parseWrk(WRK_OUTPUT)).toEqual({
      requests: 200_123,
      seconds: 5,
      rps: 40_024.6,
      p50Ms: 0.812,
      p99Ms: 2.5,
      errors: 7,
    });
  });
  it('refuses output without a summary', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/unrecognised wrk output/);
  });
});

const load = (rps: number, p99Ms = 1): LoadResult => ({
  requests: rps,
  seconds: 1,
  rps,
  p50Ms: p99Ms / 2,
  p99Ms,
  errors: 0,
});

describe('summary', () => {
  it.each([
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [], expected: Number.NaN },
  ])('median of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
  const samples: RoundSample[] = [
    { target: 'junction', round: 1, result: load(10, 4) },
    { target: 'junction', round: 2, result: load(30, 2) },
    { target: 'junction', round: 3, result: load(20, 3) },
    { target: 'nginx', round: 1, result: load(40, 1) },
    { target: 'direct', round: 1, result: load(80, 0.5) },
  ];
  it('summarises medians with min–max, in the order given', () => {
    const s = summarise(samples, ['direct', 'junction', 'nginx', 'caddy']);
    expect(s.map((x) => x.target)).toEqual(['direct', 'junction', 'nginx']);
    expect(s[1]).toMatchObject({
      rounds: 3,
      rps: { median: 20, min: 10, max: 30 },
      p99Ms: { median: 3, min: 2, max: 4 },
    });
  });
  it('gives Junction’s ratios to every other target', () => {
    expect(junctionRatios(summarise(samples, ['direct', 'junction', 'nginx']))).toEqual([
      { label: 'junction / direct', rps: 0.25, p99: 6, cpu: Number.NaN },
      { label: 'junction / nginx', rps: 0.5, p99: 3, cpu: Number.NaN },
    ]);
    expect(junctionRatios(summarise(samples, ['nginx']))).toEqual([]);
  });
  it('summarises CPU per request and the peak RSS where rounds measured them', () => {
    const measured: RoundSample[] = [
      { target: 'junction', round: 1, result: load(100), usage: { cpuUsPerReq: 60, peakRssMiB: 150 } },
      { target: 'junction', round: 2, result: load(100), usage: { cpuUsPerReq: 40, peakRssMiB: 170 } },
      { target: 'junction', round: 3, result: load(100) },
      { target: 'reference', round: 1, result: load(200), usage: { cpuUsPerReq: 25 } },
    ];
    const [j, ref] = summarise(measured, ['junction', 'reference']);
    expect(j).toMatchObject({ cpuUsPerReq: { median: 50, min: 40, max: 60 }, peakRssMiB: 170 });
    expect(ref?.peakRssMiB).toBeUndefined();
    expect(junctionRatios([j, ref].filter((x) => x !== undefined))).toEqual([
      { label: 'junction / reference', rps: 0.5, p99: 1, cpu: 2 },
    ]);
  });
  it('rewrites the 1000-route file when measured, else the middle count', () => {
    expect(rewriteCount([10, 1000, 3000])).toBe(1000);
    expect(rewriteCount([10, 100])).toBe(10);
    expect(rewriteCount([10, 100, 500])).toBe(100);
    expect(rewriteCount([])).toBe(0);
  });
  it('keeps the attempt of a round that other processes disturbed least', () => {
    const attempt = (otherLoad: number | undefined, rps: number): RoundSample => ({
      target: 'junction',
      round: 1,
      result: load(rps),
      usage: otherLoad === undefined ? {} : { otherLoad },
    });
    expect(quieter(undefined, attempt(0.4, 1)).result.rps).toBe(1);
    expect(quieter(attempt(0.4, 1), attempt(0.05, 2)).result.rps).toBe(2);
    expect(quieter(attempt(0.05, 1), attempt(0.3, 2)).result.rps).toBe(1);
    expect(quieter(attempt(undefined, 1), attempt(undefined, 2)).result.rps).toBe(1);
  });
  it('rotates the target order each round', () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(['a', 'b', 'c'], r).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
    expect(roundOrder([], 2)).toEqual([]);
  });
});

describe('bench report', () => {
  const summaries = summarise(
    [
      { target: 'junction', round: 1, result: load(12_345, 2) },
      { target: 'nginx', round: 1, result: load(24_690, 1) },
    ],
    ['junction', 'nginx'],
  );
  const result: BenchResult = {
    format: 'junction-harness-bench/2',
    createdAt: '2024-01-01T00:00:00.000Z',
    generator: 'wrk',
    cpuPlan: { pinned: false, note: 'unpinned' },
    settings: { rounds: 1, durationS: 1, connections: 50 },
    targets: [
      { name: 'junction', note: 'one Node process', idleRssMiB: 80.2 },
      { name: 'nginx', note: 'nginx: worker_processes 1' },
    ],
    skipped: [{ target: 'caddy', reason: missingMessage('caddy') }],
    samples: [],
    summaries,
    ratios: junctionRatios(summaries),
    junctionMemory: { idleMiB: 80.2, loadPeakMiB: 120.7 },
    goals: [],
  };
  it('has a row per target and the ratios', () => {
    expect(benchRows(result)).toEqual([
      ['junction', '12,345', '12,345–12,345', '1.00', '2.00', '—', '80 → —', '—', '0', 'one Node process'],
      ['nginx', '24,690', '24,690–24,690', '0.50', '1.00', '—', '— → —', '—', '0', 'nginx: worker_processes 1'],
    ]);
    expect(ratioRows(result)).toEqual([['junction / nginx', '0.50', '2.00', '—']]);
  });
  it('says what memory was measured and what was skipped', () => {
    expect(memoryLine(result)).toBe('Junction RSS: 80 MiB idle, 121 MiB peak under load, ? MiB idle after the runs');
    expect(benchMarkdown(result)).toContain(
      '- skipped: caddy not installed: skipped (install with: apt-get install caddy)',
    );
  });
});

describe('tools', () => {
  it('finds executables on PATH, then in the sbin directories', () => {
    const present = new Set(['/opt/bin/wrk', '/usr/sbin/nginx']);
    const isExe = (p: string): boolean => present.has(p);
    expect(findExecutable('wrk', '/usr/bin:/opt/bin', isExe)).toBe('/opt/bin/wrk');
    expect(findExecutable('nginx', '/usr/bin', isExe)).toBe('/usr/sbin/nginx');
    expect(findExecutable('caddy', '/usr/bin', isExe)).toBeUndefined();
  });
});

describe('proxy configurations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const layout = { port: 18_080, backends: [18_081, 18_082], dir };
  it('balance over every backend on one worker', () => {
    const nginx = nginxConfig(layout);
    expect(nginx).toMatch(/worker_processes 1;[\s\S]*upstream/);
    expect(nginx).toMatch(
      /server 127\.0\.0\.1:18081;\n\s+server 127\.0\.0\.1:18082;\n\s+keepalive 64;[\s\S]*listen 127\.0\.0\.1:18080;/,
    );
    expect(haproxyConfig(layout)).toMatch(
      /nbthread 1[\s\S]*bind 127\.0\.0\.1:18080[\s\S]*server s1 127\.0\.0\.1:18081\n {2}server s2 127\.0\.0\.1:18082/,
    );
    expect(caddyConfig(layout)).toContain('reverse_proxy 127.0.0.1:18081 127.0.0.1:18082 {');
    expect(junctionBenchYaml(layout)).toContain('- url: "http://127.0.0.1:18082"');
  });
  it('configures Junction as a user would: a Host rule and a sticky cookie, valid for lb-core', () => {
    const doc = parse(junctionBenchYaml(layout)) as {
      http: { routers: { bench: { rule: string } }; services: { bench: { loadBalancer: Record<string, unknown> } } };
    };
    expect(doc.http.routers.bench.rule).toBe('Host(`127.0.0.1`) || Host(`localhost`)');
    expect(doc.http.services.bench.loadBalancer).toMatchObject({
      strategy: 'round-robin',
      sticky: { cookie: { name: 'bench_sticky' } },
    });
    expect(validateDynamicConfig(doc).errors).toEqual([]);
  });
  const nginx = findExecutable('nginx');
  const haproxy = findExecutable('haproxy');
  const caddy = findExecutable('caddy');
  it.skipIf(nginx === undefined)(
    'nginx -t accepts the nginx configuration (skipped when nginx is not installed)',
    () => {
      const file = join(dir, 'nginx.conf');
      writeFileSync(file, nginxConfig(layout));
      expect(() =>
        execFileSync(nginx as string, ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', file], {
          stdio: 'pipe',
        }),
      ).not.toThrow();
    },
  );
  it.skipIf(haproxy === undefined)(
    'haproxy -c accepts the HAProxy configuration (skipped when haproxy is not installed)',
    () => {
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, haproxyConfig(layout));
      expect(() => execFileSync(haproxy as string, ['-c', '-q', '-f', file], { stdio: 'pipe' })).not.toThrow();
    },
  );
  it.skipIf(caddy === undefined)('caddy validate accepts the Caddyfile (skipped when caddy is not installed)', () => {
    const file = join(dir, 'Caddyfile');
    writeFileSync(file, caddyConfig(layout));
    expect(() =>
      execFileSync(caddy as string, ['validate', '--config', file, '--adapter', 'caddyfile'], {
        stdio: 'pipe',
        env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      }),
    ).not.toThrow();
  });
});
