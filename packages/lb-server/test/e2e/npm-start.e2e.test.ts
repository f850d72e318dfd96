/**
 * `npm start` (scripts/demo/start.mjs) for real: Junction with the file provider in front of 3
 * jokes APIs and 2 static sites on loopback. The page and the API answer through the proxy for
 * `demo.res.ch` and `localhost`; Ctrl-C (SIGINT) stops every child and exits 0; after the runner
 * is killed with -9, the next run stops the orphans it left and starts normally. Ports, run
 * folder and token are the test's own, so a person's `npm start` on this machine is not touched.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoClient, tally } from './demo-client';
import { freePort } from '../helpers/ports';
import { DemoRunner, running, stageApps, type RecordedProcess } from './demo-runner';

const READY = 'Ctrl-C stops it';
const TOKEN = 'e2e-token-0123456789abcdef';
const linux = existsSync('/proc/self/cmdline');

describe.skipIf(!linux)('npm start: the demo without Docker', () => {
  let dir = '';
  let apps = '';
  let env: Record<string, string> = {};
  const seen: RecordedProcess[] = [];
  const runners: DemoRunner[] = [];
  const start = (): DemoRunner => {
    const runner = new DemoRunner(apps, env);
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junction-npm-start-'));
    apps = join(dir, 'apps');
    stageApps(apps);
    env = {
      JUNCTION_WEB_PORT: String(await freePort()),
      JUNCTION_UI_PORT: String(await freePort()),
      JUNCTION_RUN_DIR: join(dir, 'run'),
      JUNCTION_API_TOKEN: TOKEN,
    };
  }, 120_000);

  afterAll(() => {
    // Whatever a failed test left running: only processes this file started (same PID and argv).
    for (const runner of runners) if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
    for (const p of seen) if (running(p)) process.kill(p.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and the API through Junction, then Ctrl-C stops everything and exits 0', async () => {
    const runner = start();
    await runner.waitFor(READY);
    const children = runner.children();
    seen.push(...children);
    expect(children.map((c) => c.name).sort()).toEqual([
      'jokes-1',
      'jokes-2',
      'jokes-3',
      'junction',
      'static-1',
      'static-2',
    ]);
    expect(runner.output).toContain(`curl -H 'Host: demo.res.ch' http://127.0.0.1:${env.JUNCTION_WEB_PORT}/api/jokes/`);
    expect(runner.output).toContain(`http://127.0.0.1:${env.JUNCTION_UI_PORT}/dashboard/`);

    const web = `http://127.0.0.1:${env.JUNCTION_WEB_PORT}`;
    for (const host of ['demo.res.ch', 'localhost']) {
      const client = new DemoClient(web, host);
      const page = await client.get('/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<html');
      expect(page.who).toMatch(/^static-[12]$/);
      const ids: (string | undefined)[] = [];
      for (let i = 0; i < 6; i++) ids.push((await client.get('/api/jokes/')).who);
      await client.close();
      console.log(
        `[npm start] ${host}: page from ${page.who}; 6 API answers ${JSON.stringify(tally(ids.map((id) => id?.slice(0, 8))))}`,
      );
      expect(new Set(ids).size).toBe(3);
    }
    const overview = await fetch(`http://127.0.0.1:${env.JUNCTION_UI_PORT}/api/http/routers`);
    expect(overview.status).toBe(200);

    runner.child.kill('SIGINT');
    expect(await runner.exited).toEqual({ code: 0, signal: null });
    expect(children.filter(running)).toEqual([]);
    expect(existsSync(join(env.JUNCTION_RUN_DIR ?? '', 'pids.json'))).toBe(false);
  }, 90_000);

  it('after the runner is killed with -9, the next run stops its orphans and starts', async () => {
    const crashed = start();
    await crashed.waitFor(READY);
    const orphans = crashed.children();
    seen.push(...orphans);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(orphans.filter(running)).toHaveLength(6); // still holding the ports

    const next = start();
    await next.waitFor(READY);
    const mine = next.children();
    seen.push(...mine);
    expect(next.output).toContain('left by a previous run');
    expect(orphans.filter(running)).toEqual([]);
    const client = new DemoClient(`http://127.0.0.1:${env.JUNCTION_WEB_PORT}`);
    expect((await client.get('/api/jokes/')).status).toBe(200);
    await client.close();

    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    expect(mine.filter(running)).toEqual([]);
  }, 120_000);
});
