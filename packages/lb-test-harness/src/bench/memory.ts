/**
 * Resident memory of a process, read from `/proc/<pid>/status` (Linux): `VmRSS`, the memory
 * the process holds in RAM. Sampled while the proxy is under load to find its peak.
 */
import { readFile } from 'node:fs/promises';

/** `VmRSS` in MiB from the text of `/proc/<pid>/status`, or `undefined` if absent. */
export function parseRssMiB(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m === null ? undefined : Number(m[1]) / 1024;
}

/** The process's resident memory in MiB, or `undefined` when it cannot be read. */
export async function readRssMiB(pid: number): Promise<number | undefined> {
  try {
    return parseRssMiB(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `everyMs` until `until` settles; returns the peak. */
export async function peakRssDuring(pid: number, until: Promise<unknown>, everyMs = 100): Promise<number | undefined> {
  let peak: number | undefined;
  let running = true;
  void until.finally(() => (running = false)).catch(() => {});
  while (running) {
    const rss = await readRssMiB(pid);
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return peak;
}
