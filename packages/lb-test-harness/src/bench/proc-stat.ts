/**
 * What a target costs the machine, read from Linux's /proc: CPU time (utime + stime of a process
 * and every descendant — nginx's and HAProxy's workers, Junction's cluster workers) and resident
 * memory (`VmRSS`, summed over the same tree). Parsers are pure; readers return `undefined`
 * where /proc is missing (not Linux) or the process is gone.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` the benchmark uses. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime (this process), clock ticks. */
  readonly ticks: number;
  /** cutime + cstime (children it has waited for), clock ticks. */
  readonly childTicks: number;
}

/**
 * Parses the text of `/proc/<pid>/stat`. The command name (field 2) is in parentheses and may
 * itself hold spaces and parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // After ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const n = (i: number): number => Number(f[i]);
  if (f.length < 15 || ![1, 11, 12, 13, 14].every((i) => Number.isInteger(n(i)))) return undefined;
  return { pid, ppid: n(1), ticks: n(11) + n(12), childTicks: n(13) + n(14) };
}

/** `VmRSS` in KiB from the text of `/proc/<pid>/status`, or `undefined` if absent. */
export function parseRssKiB(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m === null ? undefined : Number(m[1]);
}

/** `root` and every descendant of it in a pid → ppid table, root first. */
export function descendants(root: number, stats: readonly Pick<ProcStat, 'pid' | 'ppid'>[]): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const s of stats) if (s.ppid === out[i] && !out.includes(s.pid)) out.push(s.pid);
  }
  return out;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every process's stat (those readable now). */
export function allStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const s = readText(`/proc/${e}/stat`);
    const parsed = s === undefined ? undefined : parseProcStat(s);
    return parsed === undefined ? [] : [parsed];
  });
}

/** The pids of the process tree under `root` (root included), or `[]` when root is gone. */
export function processTree(root: number): number[] {
  const stats = allStats();
  return stats.some((s) => s.pid === root) ? descendants(root, stats) : [];
}

/** CPU time of `pids`, in clock ticks: each one's own time, plus the root's reaped children. */
export function treeTicks(pids: readonly number[]): number | undefined {
  let total = 0;
  let seen = 0;
  pids.forEach((pid, i) => {
    const text = readText(`/proc/${pid}/stat`);
    const s = text === undefined ? undefined : parseProcStat(text);
    if (s === undefined) return;
    seen++;
    total += s.ticks + (i === 0 ? s.childTicks : 0);
  });
  return seen === 0 ? undefined : total;
}

/** Resident memory of `pids`, summed, in MiB (shared pages count once per process). */
export function treeRssMiB(pids: readonly number[]): number | undefined {
  let kib = 0;
  let seen = 0;
  for (const pid of pids) {
    const text = readText(`/proc/${pid}/status`);
    const v = text === undefined ? undefined : parseRssKiB(text);
    if (v === undefined) continue;
    kib += v;
    seen++;
  }
  return seen === 0 ? undefined : kib / 1024;
}

/** Busy clock ticks per CPU (all but idle and iowait) from the text of `/proc/stat`. */
export function parseCpuBusy(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^cpu(\d+)\s+([\d\s]+)$/gm)) {
    const f = (m[2] as string).trim().split(/\s+/).map(Number);
    const total = f.slice(0, 8).reduce((a, n) => a + n, 0); // user nice system idle iowait irq softirq steal
    out.set(Number(m[1]), total - (f[3] ?? 0) - (f[4] ?? 0));
  }
  return out;
}

/** Busy clock ticks of `cpu` so far, or `undefined` without /proc/stat. */
export function cpuBusyTicks(cpu: number): number | undefined {
  const text = readText('/proc/stat');
  return text === undefined ? undefined : parseCpuBusy(text).get(cpu);
}

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when getconf is missing). */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU microseconds per request from a tick delta: `undefined` without requests or ticks. */
export function cpuUsPerRequest(ticks: number | undefined, requests: number, hz: number): number | undefined {
  if (ticks === undefined || requests <= 0 || hz <= 0) return undefined;
  return ((ticks / hz) * 1e6) / requests;
}
