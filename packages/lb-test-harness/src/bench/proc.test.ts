/**
 * /proc parsing and CPU placement: pure parsers on hand-written text, and the readers on real
 * processes this test starts (a Node child that starts a grandchild and burns CPU).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedCpus, onCpu, parseCpuList, parseTasksetList, planCpus } from './cpus';
import {
  cpuUsPerRequest,
  descendants,
  parseCpuBusy,
  parseProcStat,
  parseRssKiB,
  processTree,
  treeRssMiB,
  treeTicks,
} from './proc-stat';
import { findExecutable } from './tools';
import { measureDuring, otherLoadShare } from './usage';

/** A /proc/<pid>/stat line (its fields 14-15 are utime and stime; the name holds spaces and parentheses). */
const STAT = [
  '4242 (node (main) x) S 4200 4242 4242 0 -1 4194560 51234 0 12 0',
  '1500 250 7 3 20 0 11 0 123456 1234567 8901 18446744073709551615',
].join(' ');

describe('parseProcStat', () => {
  it('counts fields from the last parenthesis, so a command name with spaces and parentheses parses', () => {
    expect(parseProcStat(STAT)).toEqual({ pid: 4242, ppid: 4200, ticks: 1750, childTicks: 10 });
  });
  it('refuses truncated or foreign text', () => {
    expect(parseProcStat('4242 (node) S 1 2')).toBeUndefined();
    expect(parseProcStat('not a stat line')).toBeUndefined();
  });
  it('reads VmRSS in KiB', () => {
    expect(parseRssKiB('Name:\tnginx\nVmRSS:\t   12800 kB\n')).toBe(12_800);
    expect(parseRssKiB('Name:\tkthreadd\n')).toBeUndefined();
  });
  it('walks a process tree breadth-first from its root', () => {
    const table = [
      { pid: 1, ppid: 0 },
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
      { pid: 12, ppid: 10 },
      { pid: 13, ppid: 11 },
      { pid: 20, ppid: 1 },
    ];
    expect(descendants(10, table)).toEqual([10, 11, 12, 13]);
    expect(descendants(99, table)).toEqual([99]);
  });
  it('reads busy ticks per CPU from /proc/stat, leaving out idle and iowait', () => {
    const stat = [
      'cpu  600 0 100 1200 80 0 10 0 0 0',
      'cpu0 300 0 50 600 40 0 5 0 0 0',
      'cpu1 250 10 40 590 30 0 4 1 0 0',
      'intr 12345',
      '',
    ].join('\n');
    expect(parseCpuBusy(stat)).toEqual(
      new Map([
        [0, 355],
        [1, 305],
      ]),
    );
  });
  it('gives the share of a CPU other processes used, clamped to 0–1', () => {
    expect(otherLoadShare(400, 300, 5, 100)).toBeCloseTo(0.2, 9);
    expect(otherLoadShare(300, 310, 5, 100)).toBe(0);
    expect(otherLoadShare(900, 0, 5, 100)).toBe(1);
  });
  it('turns ticks into microseconds per request', () => {
    expect(cpuUsPerRequest(150, 30_000, 100)).toBe(50);
    expect(cpuUsPerRequest(150, 0, 100)).toBeUndefined();
    expect(cpuUsPerRequest(undefined, 10, 100)).toBeUndefined();
  });
});

describe('CPU placement', () => {
  it.each([
    { text: '0-3,5', expected: [0, 1, 2, 3, 5] },
    { text: '1', expected: [1] },
    { text: '2,0-1', expected: [0, 1, 2] },
    { text: '3-1', expected: [] },
    { text: 'ff', expected: [] },
  ])('parses the CPU list $text', ({ text, expected }) => {
    expect(parseCpuList(text)).toEqual(expected);
  });
  it('reads taskset -pc output', () => {
    expect(parseTasksetList("pid 9197's current affinity list: 0,1\n")).toEqual([0, 1]);
    expect(parseTasksetList('taskset: failed')).toEqual([]);
  });
  it('pins the load to the first allowed CPU and the proxy to the second, with two or more', () => {
    expect(planCpus([2, 5, 7], 'auto', true)).toMatchObject({ pinned: true, loadCpu: 2, proxyCpu: 5 });
    expect(planCpus([0], 'auto', true)).toMatchObject({ pinned: false, note: expect.stringContaining('only 1 CPU') });
    expect(planCpus([0, 1], 'off', true).pinned).toBe(false);
    expect(planCpus([0, 1], 'auto', false)).toMatchObject({
      pinned: false,
      note: expect.stringContaining('taskset is not installed'),
    });
  });
  it('wraps a command in taskset only when a CPU is given', () => {
    expect(onCpu(undefined, '/usr/sbin/nginx', ['-c', 'x'])).toEqual({ command: '/usr/sbin/nginx', args: ['-c', 'x'] });
    const pinned = onCpu(1, '/usr/sbin/nginx', ['-c', 'x']);
    if (pinned.command !== '/usr/sbin/nginx') expect(pinned.args).toEqual(['-c', '1', '/usr/sbin/nginx', '-c', 'x']);
  });
});

const SCRIPT = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
process.stdout.write(String(child.pid) + '\\n');
const end = Date.now() + 20000;
setInterval(() => { const t = Date.now() + 50; while (Date.now() < t && Date.now() < end); }, 60);
process.on('SIGTERM', () => { child.kill('SIGTERM'); process.exit(0); });
`;

describe.skipIf(findExecutable('taskset') === undefined)('pinning a real process', () => {
  it('runs the program itself (same pid) on the CPU asked for', async () => {
    const cpu = allowedCpus().at(-1) as number;
    const run = onCpu(cpu, process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    const child = spawn(run.command, run.args, { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const list = parseTasksetList(
        execFileSync(findExecutable('taskset') as string, ['-pc', String(child.pid)], { encoding: 'utf8' }),
      );
      expect(list).toEqual([cpu]);
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).toContain('setTimeout');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe.skipIf(process.platform !== 'linux')('reading real processes', () => {
  const parent = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'ignore'] });
  const grandchild = new Promise<number>((resolve) =>
    parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  afterAll(() => {
    parent.kill('SIGTERM');
  });
  it('finds the grandchild in the tree and sums RSS over both', async () => {
    const gc = await grandchild;
    const tree = processTree(parent.pid as number);
    expect(tree[0]).toBe(parent.pid);
    expect(tree).toContain(gc);
    const both = treeRssMiB(tree) as number;
    const one = treeRssMiB([parent.pid as number]) as number;
    expect(both).toBeGreaterThan(one);
    expect(processTree(2 ** 22 + 12_345)).toEqual([]);
  });
  it('measures CPU time spent during a run, and the peak RSS', async () => {
    await grandchild;
    const before = treeTicks([parent.pid as number]) as number;
    const { result, usage } = await measureDuring(parent.pid, async () => {
      await new Promise((r) => setTimeout(r, 600));
      return { requests: 1000, seconds: 0.6, rps: 1000 / 0.6, p50Ms: 1, p99Ms: 2, errors: 0 };
    });
    expect(result.requests).toBe(1000);
    expect(usage.cpuSeconds).toBeGreaterThan(0);
    expect(usage.cpuUsPerReq).toBeCloseTo(((usage.cpuSeconds as number) * 1e6) / 1000, 6);
    expect(usage.peakRssMiB).toBeGreaterThan(10);
    expect(treeTicks([parent.pid as number])).toBeGreaterThan(before);
  });
});
