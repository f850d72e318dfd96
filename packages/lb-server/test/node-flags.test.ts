/**
 * The Node flags and environment Junction ships with are set in three places that cannot import
 * one another: the launcher's first line (`#!/usr/bin/env -S NAME=value node …`), the image's ENV
 * and ENTRYPOINT, and `bin/node-flags.mjs` (which the demo, the soak and the benchmarks read).
 * This keeps the three equal, and checks the launcher really starts Junction with them (its
 * process's command line and environment).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS, PROCESS_ENV } from '../bin/node-flags.mjs';

const file = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

const ASSIGNMENTS = Object.entries(PROCESS_ENV).map(([name, value]) => `${name}=${value}`);

describe('shipped Node flags and environment', () => {
  it('sets malloc’s arena limit', () => {
    expect(PROCESS_ENV).toEqual({ MALLOC_ARENA_MAX: '1' });
  });

  it('are the launcher’s shebang', () => {
    const first = readFileSync(file('../bin/lb-server.js'), 'utf8').split('\n')[0] as string;
    expect(first).toBe(`#!/usr/bin/env -S ${ASSIGNMENTS.join(' ')} node ${NODE_FLAGS.join(' ')}`);
  });

  it('are the image’s ENV lines', () => {
    const lines = readFileSync(file('../Dockerfile'), 'utf8').split('\n');
    for (const assignment of ASSIGNMENTS) expect(lines).toContain(`ENV ${assignment}`);
  });

  it('are the image ENTRYPOINT’s flags', () => {
    const line = readFileSync(file('../Dockerfile'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('ENTRYPOINT')) as string;
    const argv = JSON.parse(line.slice('ENTRYPOINT'.length)) as string[];
    expect(argv).toEqual(['node', ...NODE_FLAGS, '/app/dist/main.js']);
  });

  it('reach the launcher and the Junction process it starts from source', async () => {
    // `--help` prints and exits; the launcher (run through its shebang) is polled for its command
    // line and its child's (`/proc/<pid>/task/<pid>/children`) until that child shows up.
    const child = spawn(file('../bin/lb-server.js'), ['--help'], {
      // Without the shipped variables, so only the launcher can have set them.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in PROCESS_ENV))),
        JUNCTION_FROM_SOURCE: '1',
      },
      stdio: 'ignore',
    });
    const pid = child.pid as number;
    const cmdline = (p: number | string): string => readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let launcher = '';
    let junction = '';
    let junctionEnv: string[] = [];
    while (child.exitCode === null && junction === '') {
      try {
        launcher = cmdline(pid);
        const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
          .trim()
          .split(' ')
          .filter((k) => k !== '');
        for (const kid of kids) {
          if (!cmdline(kid).includes('src/main.ts')) continue;
          junctionEnv = readFileSync(`/proc/${kid}/environ`, 'utf8').split('\0');
          junction = cmdline(kid);
        }
      } catch {
        // exited between two reads
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await exited;
    for (const flag of NODE_FLAGS) {
      expect(launcher).toContain(flag);
      expect(junction).toContain(flag);
    }
    for (const assignment of ASSIGNMENTS) expect(junctionEnv).toContain(assignment);
  });
});
