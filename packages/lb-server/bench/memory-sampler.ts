/**
 * Memory benchmark support: reads a process's resident memory from `/proc/<pid>/status`
 * (`VmRSS` now, `VmHWM` the peak since start or since the last reset) and samples it on an
 * interval. The peak is reset through `/proc/<pid>/clear_refs` (`5`, Linux ≥ 4.0) before each
 * scenario so every scenario's peak is its own; where that is refused, the sampled maximum of
 * `VmRSS` stands in for it.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const KB = 1024;

/** Resident memory of a process, in bytes. */
export interface Resident {
  readonly rss: number;
  readonly hwm: number;
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match === null ? 0 : Number(match[1]) * KB;
}

/** `VmRSS` and `VmHWM` of `pid`. */
export function resident(pid: number): Resident {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: field(status, 'VmRSS'), hwm: field(status, 'VmHWM') };
}

/** Resets the peak (`VmHWM`) of `pid` to its current RSS; false when the kernel refused. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples of one scenario: the RSS before it, the highest seen, and the peak the kernel kept. */
export interface MemoryWindow {
  readonly idle: number;
  readonly peak: number;
  readonly samples: number;
  /** Whether the kernel's peak (`VmHWM`, reset before the scenario) is part of `peak`. */
  readonly kernelPeak: boolean;
}

/** Samples `pid` every `intervalMs` until `stop()`; the peak is the larger of the sampled RSS and `VmHWM`. */
export function sampleMemory(pid: number, intervalMs = 50): { stop(): MemoryWindow } {
  const idle = resident(pid).rss;
  const hwmUsable = resetPeak(pid);
  let peak = idle;
  let samples = 0;
  const take = (): void => {
    try {
      const now = resident(pid);
      samples += 1;
      peak = Math.max(peak, now.rss, hwmUsable ? now.hwm : 0);
    } catch {
      // the process exited: keep what was seen
    }
  };
  const timer = setInterval(take, intervalMs);
  return {
    stop(): MemoryWindow {
      clearInterval(timer);
      take();
      return { idle, peak, samples, kernelPeak: hwmUsable };
    },
  };
}
