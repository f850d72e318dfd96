/**
 * The `lb-server` process end to end with a file provider whose file turns structurally wrong:
 * rewritten with `http: { routers: 5 }`, the old routes keep answering and the API (`/api/rawdata`,
 * `/api/overview`) and the dashboard state show the error with code, file, key path and line, and
 * the log says so; rewritten good, the error clears and the new routes answer. A bad file at
 * start serves nothing from the file provider and says so.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, send } from './helpers/junction';
import { spawnLbServer } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstream, type Upstream } from './helpers/upstreams';

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
}

function start(file: string): Run {
  const args = [
    '--entrypoints.web.address=127.0.0.1:0',
    '--entrypoints.traefik.address=127.0.0.1:0',
    '--api.insecure',
    `--providers.file.filename=${file}`,
    '--providers.providersThrottleDuration=0s',
    '--log.level=INFO',
  ];
  const { child, output } = spawnLbServer(args);
  return { child, stdout: output };
}

function portOf(run: Run, entryPoint: string): number | undefined {
  const line = run
    .stdout()
    .split('\n')
    .find((l) => l.includes('"entry point listening"') && l.includes(`"entryPoint":"${entryPoint}"`));
  return line === undefined ? undefined : (JSON.parse(line) as { port: number }).port;
}

/** Replaces the file atomically, as editors do. */
async function replace(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

const config = (host: string, url: string): string =>
  `http:\n  routers:\n    app:\n      rule: "Host(\`${host}\`)"\n      service: app\n  services:\n    app:\n      loadBalancer:\n        servers:\n          - url: ${url}\n`;

interface FileProviderView {
  state: string;
  lastError?: { code?: string; message: string; path?: string; file?: string; line?: number; column?: number };
}

let dir: string;
let up: Upstream;
const http = client();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-bad-config-'));
  up = await startUpstream('up', (req, res) => {
    req.resume();
    res.end(`up ${req.headers.host ?? ''}`);
  });
});

afterAll(async () => {
  await up.close();
  await http.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a structurally wrong dynamic file in a running lb-server', () => {
  it('keeps the old routes answering, shows the error with file and key path, and clears it when fixed', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, config('old.local', up.url));
    const run = start(file);
    try {
      const web = await until(() => portOf(run, 'web'), 'the web entry point');
      const api = await until(() => portOf(run, 'traefik'), 'the traefik entry point');
      const get = (host: string) => send(`http://127.0.0.1:${web}/`, { headers: { host }, dispatcher: http });
      const rawdata = async () =>
        (await send(`http://127.0.0.1:${api}/api/rawdata`, { dispatcher: http })).json<{
          providers: { file: FileProviderView };
          routers?: Record<string, unknown>;
        }>();
      expect((await get('old.local')).text).toBe('up old.local');

      await replace(file, 'http:\n  routers: 5\n');
      const refused = await until(async () => {
        const view = (await rawdata()).providers.file;
        return view.state === 'error' ? view : undefined;
      }, 'the provider error in the API');
      expect(refused.lastError).toMatchObject({
        code: 'LB_CONFIG_STRUCTURE',
        path: 'http.routers',
        file,
        line: 2,
        column: 3,
      });
      expect(refused.lastError?.message).toBe(
        'http.routers: expected a map from router name to router, found a number (5)',
      );
      const res = await get('old.local');
      expect(res.status).toBe(200);
      expect(res.text).toBe('up old.local');
      expect(Object.keys((await rawdata()).routers ?? {})).toEqual(['app@file']);
      const overview = (await send(`http://127.0.0.1:${api}/api/overview`, { dispatcher: http })).json<{
        providerStatus: { file: FileProviderView };
      }>();
      expect(overview.providerStatus.file.lastError?.path).toBe('http.routers');
      const state = (await send(`http://127.0.0.1:${api}/api/junction/state`, { dispatcher: http })).json<{
        providers: { name: string; state: string; lastError?: { message: string; file?: string; line?: number } }[];
      }>();
      expect(state.providers.find((p) => p.name === 'file')).toMatchObject({
        state: 'error',
        lastError: { file, line: 2, message: expect.stringContaining('http.routers: expected a map') },
      });
      const logLine = run
        .stdout()
        .split('\n')
        .find((l) => l.includes('configuration not loaded'));
      expect(logLine).toBeDefined();
      const logged = JSON.parse(logLine ?? '{}') as Record<string, unknown>;
      expect(logged).toMatchObject({
        level: 'error',
        provider: 'file',
        code: 'LB_CONFIG_STRUCTURE',
        path: 'http.routers',
        file,
        line: 2,
      });
      expect(logged.msg).toBe(
        'configuration not loaded, keeping the last good one: http.routers: expected a map from router name to router, found a number (5)',
      );

      await replace(file, config('new.local', up.url));
      await until(async () => ((await get('new.local')).status === 200 ? true : undefined), 'the new route');
      const fixed = (await rawdata()).providers.file;
      expect(fixed.state).toBe('ok');
      expect(fixed.lastError).toBeUndefined();
      expect((await get('new.local')).text).toBe('up new.local');
      expect((await get('old.local')).status).toBe(404);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 40_000);

  it('serves nothing from a file that is wrong from the start, and says so', async () => {
    const file = join(dir, 'bad-at-start.yml');
    await writeFile(file, `http: []\n`);
    const run = start(file);
    try {
      const web = await until(() => portOf(run, 'web'), 'the web entry point');
      const api = await until(() => portOf(run, 'traefik'), 'the traefik entry point');
      const view = (await send(`http://127.0.0.1:${api}/api/rawdata`, { dispatcher: http })).json<{
        providers: { file: FileProviderView };
      }>().providers.file;
      expect(view).toMatchObject({
        state: 'error',
        lastError: { code: 'LB_CONFIG_STRUCTURE', path: 'http', file, line: 1 },
      });
      expect(
        (await send(`http://127.0.0.1:${web}/`, { headers: { host: 'old.local' }, dispatcher: http })).status,
      ).toBe(404);
      expect(run.stdout()).toContain(
        'configuration not loaded, nothing served from this provider until it is fixed: http: expected a map',
      );
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 40_000);
});
