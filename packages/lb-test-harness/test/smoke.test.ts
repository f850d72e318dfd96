/**
 * Smoke runs of the two real commands, as CI runs them: a tiny `compare` (one scenario, two
 * strategies, two backends, ~150 requests), a one-second `bench` of the backend directly,
 * the dispatch reference and Junction, with the workers run and a small memory-per-route run,
 * and a one-second HTTPS `bench` of Junction and nginx terminating TLS with the same certificate.
 * They start real processes on loopback (Junction, jokes-api, fixed backends) and assert on
 * what the reports contain, never on timings.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../src/bench/run-bench';
import { findExecutable } from '../src/bench/tools';
import type { ComparisonResult } from '../src/model/types';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let out = '';

/** Runs `lb-harness <args>` from sources; resolves with the exit code and output. */
function harness(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=junction-source', 'src/cli/main.ts', ...args],
      { cwd: packageDir, timeout: 90_000 },
      (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr });
      },
    );
  });
}

/** `bench` flags for one short round: one second, no warm-up, 1 s idle, no re-run of disturbed rounds. */
const ONE_QUICK_ROUND = ['--duration', '1', '--rounds', '1', '--warmup', '0', '--idle', '1', '--retry-disturbed', '0'];

/** A run that exited 0 and printed no coded harness error. */
function expectClean(run: { code: number; stdout: string; stderr: string }): void {
  expect(run.stderr + run.stdout).not.toContain('HARNESS_');
  expect(run.code).toBe(0);
}

/** The parsed `report.json` in report folder `dir`. */
async function readReport<T>(dir: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as T;
}

/** The one report folder of `kind` under `out`. */
async function reportDir(kind: string): Promise<string> {
  const dirs = (await readdir(out)).filter((d) => d.startsWith(`${kind}-`));
  expect(dirs).toHaveLength(1);
  return join(out, dirs[0] as string);
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'lb-harness-smoke-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('smoke: lb-harness compare', () => {
  it('runs round-robin and sticky over two jokes-api backends and writes the three reports', async () => {
    const run = await harness([
      'compare',
      '--scenarios',
      'sessions',
      '--strategies',
      'round-robin,sticky',
      '--servers',
      '2',
      '--requests',
      '150',
      '--seconds',
      '8',
      '--rate',
      '0',
      '--warmup',
      '20',
      '--clients',
      '12',
      '--no-progress',
      '--out',
      out,
    ]);
    expectClean(run);
    expect(run.stdout).toMatch(/sessions\s+round-robin/);
    const dir = await reportDir('compare');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    const json = await readReport<ComparisonResult>(dir);
    expect(json.mode).toBe('real');
    const [rr, sticky] = json.runs;
    expect(rr?.metrics.requests).toBeGreaterThan(0);
    expect(sticky?.metrics.requests).toBeGreaterThan(0);
    // The lab's answer, on real traffic: round-robin loses per-replica session state, sticky keeps it.
    expect(rr?.metrics.sessionsLost).toBeGreaterThan(0);
    expect(sticky?.metrics.sessionsLost).toBe(0);
    expect(sticky?.metrics.stickiness).toBe(1);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
  }, 120_000);
});

describe('smoke: lb-harness bench', () => {
  it('measures the backend directly, the dispatch reference, Junction, its workers and memory per route', async () => {
    const run = await harness([
      'bench',
      '--parts',
      'throughput,workers,memory',
      '--targets',
      'direct,reference,junction',
      ...ONE_QUICK_ROUND.map((flag, i, all) => (all[i - 1] === '--rounds' ? '2' : flag)),
      '--routes',
      '10,100',
      '--rewrites',
      '1',
      '--settle',
      '300',
      '--out',
      out,
    ]);
    expectClean(run);
    const dir = await reportDir('bench');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    const json = await readReport<BenchResult>(dir);
    expect(json.summaries.map((s) => s.target)).toEqual(['direct', 'reference', 'junction']);
    expect(json.samples.every((s) => s.result.requests > 0)).toBe(true);
    // Each round runs a fresh process of each proxy (the same backend for `direct`).
    const pids = (target: string) => new Set(json.samples.filter((s) => s.target === target).map((s) => s.pid));
    expect([pids('direct').size, pids('reference').size, pids('junction').size]).toEqual([1, 2, 2]);
    expect(json.ratios.map((r) => r.label)).toEqual(['junction / direct', 'junction / reference']);
    expect(json.junctionMemory?.idleMiB).toBeGreaterThan(0);
    // CPU time comes from /proc on Linux: every proxy used some.
    if (process.platform === 'linux') expect(json.summaries.every((s) => (s.cpuUsPerReq?.median ?? 0) > 0)).toBe(true);
    expect(json.goals.find((g) => g.goal === 'req/s ≥ 0.85 × reference')?.measured).toMatch(/×$/);
    // The workers run either ran both counts or says why it could not.
    expect(json.workers?.supported ? json.workers.summaries.map((s) => s.target) : json.workers?.reason).toEqual(
      json.workers?.supported ? ['workers=1', 'workers=2'] : expect.stringContaining('--workers'),
    );
    expect(json.routeMemory?.points.map((p) => p.routes)).toEqual([0, 10, 100]);
    expect(json.routeMemory?.reloads?.afterMiB).toHaveLength(1);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<svg');
  }, 120_000);
});

describe('smoke: lb-harness bench --parts https', () => {
  it('measures HTTPS requests and new handshakes of Junction (and nginx if installed), one certificate', async () => {
    const run = await harness([
      'bench',
      '--parts',
      'https',
      ...ONE_QUICK_ROUND,
      '--handshake-clients',
      '2',
      '--junction',
      'source',
      '--out',
      join(out, 'https'),
    ]);
    expectClean(run);
    const dirs = await readdir(join(out, 'https'));
    expect(dirs).toHaveLength(1);
    const dir = join(out, 'https', dirs[0] as string);
    const json = await readReport<BenchResult>(dir);
    const https = json.https;
    expect(https?.skipped.filter((s) => s.target === 'junction')).toEqual([]);
    const measured = findExecutable('nginx') === undefined ? ['junction'] : ['nginx', 'junction'];
    expect(https?.handshakes?.summaries.map((s) => s.target)).toEqual(measured);
    if (findExecutable('wrk') !== undefined) expect(https?.keepAlive?.summaries.map((s) => s.target)).toEqual(measured);
    for (const series of [https?.keepAlive, https?.handshakes]) {
      for (const s of series?.summaries ?? []) {
        // The progress lines (stderr) name a failed s_time client's last words.
        expect(s.rps.median, `${s.target}: ${run.stderr}`).toBeGreaterThan(0);
        expect(s.errors, `${s.target}: ${run.stderr}`).toBe(0);
        if (process.platform === 'linux')
          expect(s.cpuUsPerReq?.median ?? 0, `${s.target}: ${run.stderr}`).toBeGreaterThan(0);
      }
    }
    // Every new connection carried a whole proxied answer (the backends' 128-byte body and headers).
    for (const sample of https?.handshakes?.samples ?? [])
      expect((sample.result as { bytesPerConnection?: number }).bytesPerConnection).toBeGreaterThan(128);
    if (measured.length === 2) expect(https?.handshakes?.ratio?.label).toBe('junction / nginx');
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('HTTPS: Junction and nginx terminating TLS');
    expect(run.stdout).toMatch(/junction\s+new TLS handshakes/);
  }, 120_000);
});
