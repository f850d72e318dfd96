/**
 * The processes `npm start` runs, and the record that lets a later run clean up after a crash.
 *
 * Children are started detached (their own process group): Ctrl-C in the terminal reaches only
 * the runner, which then stops each child by PID, once. The record (`pids.json` in the run
 * folder) lists the runner and every child with the exact argv it was started with; it is written
 * before the first child starts and after each one. A later run stops a recorded child only when
 * `/proc/<pid>/cmdline` is still exactly that argv — a PID reused by another program is left alone.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ name: string; pid: number; argv: string[] }} ProcessRecord
 * @typedef {{ runner: ProcessRecord; children: ProcessRecord[] }} RunRecord
 */

const RECORD = 'pids.json';

/** The argv of a running process, or undefined (gone, a zombie, or no /proc). */
export function commandOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** True when `pid` runs exactly `argv`. */
export function isSameProcess(pid, argv) {
  const now = commandOf(pid);
  return now !== undefined && now.length === argv.length && now.every((a, i) => a === argv[i]);
}

/** True while `pid` exists and is not a zombie (works without /proc, less precisely). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Reads the run record, or undefined. */
export function readRecord(runDir) {
  try {
    return JSON.parse(readFileSync(join(runDir, RECORD), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes the run record atomically. */
export function writeRecord(runDir, record) {
  const file = join(runDir, RECORD);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Removes the run record. */
export function removeRecord(runDir) {
  rmSync(join(runDir, RECORD), { force: true });
}

/**
 * Sends SIGTERM to each PID, waits up to `graceMs` for all to exit, then SIGKILLs the rest.
 * Resolves with the names that had to be killed.
 * @param {readonly { name: string; pid: number }[]} list
 */
export async function stopAll(list, graceMs) {
  for (const { pid } of list) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (list.some((p) => isAlive(p.pid)) && Date.now() < deadline) await sleep(50);
  const killed = list.filter((p) => isAlive(p.pid));
  for (const { pid } of killed) signal(pid, 'SIGKILL');
  while (killed.some((p) => isAlive(p.pid)) && Date.now() < deadline + 2_000) await sleep(20);
  return killed.map((p) => p.name);
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Starts `argv` detached with stdout and stderr appended to `logFile`.
 * @returns {{ record: ProcessRecord; child: import('node:child_process').ChildProcess }}
 */
export function startChild(name, argv, env, logFile) {
  const out = openSync(logFile, 'a');
  const [command, ...args] = argv;
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return { record: { name, pid: child.pid, argv }, child };
}

/** Waits `ms`. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
