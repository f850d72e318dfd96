/**
 * Test support: `scripts/demo/start.mjs` (what `npm start` runs) as a child process, with its
 * ports, run folder and token chosen by the test, and the apps it runs staged once per test file
 * by `docker/scripts/build-image.mjs --stage-only --out` (self-contained bundles built from the
 * sources, so a concurrent `nx build` cleaning `packages/<name>/dist` cannot disturb the test).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './compose-stack';

/** One process the runner records in `pids.json`. */
export interface RecordedProcess {
  readonly name: string;
  readonly pid: number;
  readonly argv: readonly string[];
}

/** Stages the three apps into `dir` (`<dir>/<name>/dist/…`); throws with the script's output on failure. */
export function stageApps(dir: string): void {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'docker/scripts/build-image.mjs'), 'all', '--stage-only', '--out', dir, '--no-optional'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`staging the apps failed: ${result.stderr}${result.stdout}`);
}

/**
 * The argv of a live, non-zombie process, or undefined. Repeats `commandOf` of
 * scripts/demo/processes.mjs on purpose: the test checks that script from outside, and lb-server may
 * not import the `scripts` Nx project (module boundaries).
 */
export function commandOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** True while `record`'s process runs (same PID and same argv). */
export function running(record: RecordedProcess): boolean {
  return commandOf(record.pid)?.join('\0') === record.argv.join('\0');
}

/** A running `start.mjs`. */
export class DemoRunner {
  readonly child: ChildProcess;
  readonly #runDir: string;
  #output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(appsDir: string, env: Record<string, string>) {
    this.#runDir = env.JUNCTION_RUN_DIR ?? join(ROOT, '.junction-run');
    this.child = spawn(process.execPath, [join(ROOT, 'scripts/demo/start.mjs'), '--apps-dir', appsDir], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Everything printed so far. */
  get output(): string {
    return this.#output;
  }

  /** Waits until the output contains `text`; throws (with the output) if the runner exits first or after `timeoutMs`. */
  async waitFor(text: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    void this.exited.then(() => (done = true));
    while (!this.#output.includes(text)) {
      if (done || Date.now() > deadline)
        throw new Error(`start.mjs never printed "${text}"${done ? ' (it exited)' : ''}; output:\n${this.#output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The children recorded in the run folder's `pids.json`. */
  children(): RecordedProcess[] {
    const record = JSON.parse(readFileSync(join(this.#runDir, 'pids.json'), 'utf8')) as { children: RecordedProcess[] };
    return record.children;
  }
}
