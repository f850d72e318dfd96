/**
 * When a process started, to tell a live process from a later one that reuses its PID: the test
 * engines' lock and user files record `<pid> <start time>` and compare it again before acting.
 */
import { readFileSync } from 'node:fs';

/** When process `pid` started (field 22 of `/proc/<pid>/stat`, in clock ticks since boot), or undefined when it is gone. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
