/**
 * Child processes the harness starts (Junction, backends, reference proxies): spawned with
 * pipes, their output tail kept for error messages, and stopped by PID — never by name. Every
 * child is registered in {@link ChildGroup} so an interrupted run still stops what it started.
 */
import { spawn } from 'node:child_process';

const TAIL_BYTES = 4096;

/** A running child process. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or `null` after a signal) when the process ends. */
  readonly exited: Promise<number | null>;
  /** Whether it has exited. */
  readonly done: boolean;
  /** The last few KB of its stdout and stderr. */
  output(): string;
  /** Sends `signal`; after `graceMs` without exit, SIGKILL. Resolves when it has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** What to start. */
export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts a child process; its output is kept, not printed. */
export function startChild(spec: ChildSpec): Child {
  const proc = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    proc.once('error', (err) => {
      keep(Buffer.from(`${err.message}\n`));
      done = true;
      resolve(-1);
    });
    proc.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  const child: Child = {
    name: spec.name,
    pid: proc.pid ?? -1,
    exited,
    get done() {
      return done;
    },
    output: () => tail,
    async stop(signal = 'SIGTERM', graceMs = 3000) {
      if (done || proc.pid === undefined) return;
      process.kill(proc.pid, signal);
      const timer = setTimeout(() => {
        if (!done && proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  ChildGroup.global.add(child);
  return child;
}

/** The children started by this process, stopped together on exit or interruption. */
export class ChildGroup {
  /** The process-wide group every {@link startChild} registers in. */
  static readonly global = new ChildGroup();
  readonly #children = new Set<Child>();

  /** Registers a child (removed once it exits). */
  add(child: Child): void {
    this.#children.add(child);
    void child.exited.then(() => this.#children.delete(child));
  }

  /** Stops every running child (SIGTERM, then SIGKILL after `graceMs`). */
  async stopAll(graceMs = 2000): Promise<void> {
    await Promise.all([...this.#children].map((c) => c.stop('SIGTERM', graceMs)));
  }

  /** Sends SIGKILL to every running child, synchronously (for `process.on('exit')`). */
  killAllNow(): void {
    for (const child of this.#children) {
      if (!child.done && child.pid > 0) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
}

process.once('exit', () => ChildGroup.global.killAllNow());
