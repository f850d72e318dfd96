/**
 * Reloads through the real chain — file provider on a temporary file → watcher → runtime store →
 * proxy: a configuration rewritten 20 times under constant concurrent load drops no request;
 * an invalid file keeps the last good configuration serving; an element error disables only its
 * element; balancers carry over a reload that leaves their service unchanged.
 */
import { mkdtemp, rename, rm, writeFile as writeInPlace } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileProvider } from '../src/providers/file/file-provider';
import { connectProviders, type ConnectedProviders } from '../src/server/providers';
import { client, send, startJunction, type TestJunction } from './helpers/junction';
import { waitFor } from './helpers/poll';
import { startUpstreams, type Echo, type Upstream } from './helpers/upstreams';

const CLIENTS = 4;
const REWRITES = 20;
const MAX_REQUESTS_PER_CLIENT = 20_000;

let dir: string;
let file: string;
let ups: Upstream[];
let lb: TestJunction;
let connected: ConnectedProviders;
const http = client();

/** The `n`-th configuration: the pool alternates between server pairs, a router comes and goes. */
function yaml(n: number): string {
  const [a, b, c] = ups.map((u) => u.url);
  const servers = n % 2 === 0 ? [a, b] : [b, c];
  return [
    'http:',
    '  routers:',
    '    app:',
    '      rule: "Host(`app.local`) || Host(`alias.local`)"',
    '      service: pool',
    ...(n % 3 === 0 ? ['    extra:', `      rule: "Host(\`extra${n}.local\`)"`, '      service: pool'] : []),
    '  services:',
    '    pool:',
    '      loadBalancer:',
    '        servers:',
    ...servers.map((url) => `          - url: ${url}`),
    '',
  ].join('\n');
}

/**
 * Replaces the file atomically (write a temporary file, rename it over), as editors and config
 * tools do: an in-place rewrite can be read half-written (an empty file is a valid, empty config).
 */
async function writeFile(path: string, text: string): Promise<void> {
  await writeInPlace(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

beforeAll(async () => {
  ups = await startUpstreams(3);
  dir = await mkdtemp(join(tmpdir(), 'junction-reload-'));
  file = join(dir, 'dynamic.yml');
  await writeFile(file, yaml(0));
  lb = await startJunction({ http: {} });
  const provider = new FileProvider<DynamicConfig>({
    filename: file,
    debounceMs: 5,
    validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
  });
  connected = await connectProviders({ store: lb.app.store, providers: [provider], throttleMs: 0 });
  await waitFor(() => lb.app.store.current.routers.has('app@file'), 'the first configuration');
});

afterAll(async () => {
  connected.stop();
  await lb.close();
  await Promise.all(ups.map((u) => u.close()));
  await http.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reloads', () => {
  it(`drops no request while the file is rewritten ${REWRITES} times under load`, async () => {
    let running = true;
    const failures: string[] = [];
    let ok = 0;
    const worker = async (): Promise<void> => {
      for (let i = 0; running && i < MAX_REQUESTS_PER_CLIENT; i++) {
        try {
          const res = await send(`${lb.url}/x`, {
            headers: { host: i % 2 === 0 ? 'app.local' : 'alias.local' },
            dispatcher: http,
          });
          if (res.status === 200) ok += 1;
          else failures.push(`${res.status} ${res.text}`);
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const workers = Array.from({ length: CLIENTS }, worker);
    const start = lb.app.store.current.generation;
    for (let n = 1; n <= REWRITES; n++) {
      await writeFile(file, yaml(n));
      await waitFor(() => lb.app.store.current.generation >= start + n, `reload ${n}`);
    }
    running = false;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(REWRITES);
    expect(lb.app.store.current.generation).toBe(start + REWRITES);
  });

  it('keeps the last good configuration when the file stops parsing', async () => {
    const before = lb.app.store.current.generation;
    await writeFile(file, 'http:\n  routers: [\n');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lb.app.store.current.generation).toBe(before);
    const res = await send(`${lb.url}/x`, { headers: { host: 'app.local' }, dispatcher: http });
    expect(res.status).toBe(200);
  });

  it('disables only the element in error and keeps serving the others', async () => {
    await writeFile(
      file,
      `${yaml(2)}    broken:\n      loadBalancer:\n        servers:\n          - url: not a url\n`.replace(
        '  routers:\n',
        '  routers:\n    bad:\n      rule: "Host(`bad.local`)"\n      service: broken\n',
      ),
    );
    await waitFor(() => lb.app.store.current.routers.has('bad@file'), 'the configuration with errors');
    const runtime = lb.app.store.current;
    expect(runtime.routers.get('bad@file')?.status).toBe('disabled');
    expect(runtime.services.get('broken@file')?.status).toBe('disabled');
    expect(runtime.routers.get('app@file')?.status).toBe('enabled');
    expect((await send(`${lb.url}/`, { headers: { host: 'app.local' }, dispatcher: http })).status).toBe(200);
    expect((await send(`${lb.url}/`, { headers: { host: 'bad.local' }, dispatcher: http })).status).toBe(404);
  });

  it('carries the rotation over a reload that leaves the service unchanged', async () => {
    await writeFile(file, yaml(4));
    await waitFor(() => !lb.app.store.current.routers.has('bad@file'), 'the clean configuration');
    const first = (await send(`${lb.url}/`, { headers: { host: 'app.local' }, dispatcher: http })).json<Echo>().id;
    const balancer = (): unknown => (lb.app.store.current.services.get('pool@file') as { balancer: unknown }).balancer;
    const before = balancer();
    await writeFile(
      file,
      `${yaml(4)}# comment only changes the text\n    other:\n      loadBalancer:\n        servers:\n          - url: ${ups[0]?.url ?? ''}\n`,
    );
    await waitFor(() => lb.app.store.current.services.has('other@file'), 'the reload');
    expect(balancer()).toBe(before);
    const second = (await send(`${lb.url}/`, { headers: { host: 'app.local' }, dispatcher: http })).json<Echo>().id;
    expect(second).not.toBe(first);
  });
});
