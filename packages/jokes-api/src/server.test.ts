import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `src/server.ts` through tsx with `env`, collecting its output. The same helper as in
 * static-site's server.test.ts: the demo apps share no code, tests included.
 */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('server process', () => {
  it('logs one start line, serves, and exits 0 on SIGTERM', async () => {
    const proc = start({});
    const url = await proc.listening;
    const health = (await (await fetch(`${url}/health`)).json()) as { id: string };
    expect(proc.output().stdout).toContain(`jokes-api ${health.id}`);
    expect(proc.output().stdout.trim().split('\n')).toHaveLength(1);
    proc.child.kill('SIGTERM');
    const [code] = await proc.exited;
    expect(code).toBe(0);
    expect(proc.output().stdout).toContain('stopped cleanly');
  }, 20_000);

  it('refuses a bad environment with exit code 2 and names the variable', async () => {
    const proc = start({ JOKES_FAIL_RATE: '2' });
    const [code] = await proc.exited;
    expect(code).toBe(2);
    expect(proc.output().stderr).toContain('JOKES_FAIL_RATE');
  }, 20_000);
});
