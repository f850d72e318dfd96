import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDockerProvider } from './create-docker-provider';

const OPTIONS = {
  endpoint: 'unix:///var/run/docker.sock',
  exposedByDefault: true,
  network: undefined,
  useBindPortIP: false,
  defaultRule: 'Host(`{{ normalize .Name }}`)',
  constraints: undefined,
  watch: true,
  allowEmptyServices: false,
  httpClientTimeout: 0,
  tls: undefined,
};

describe('Docker provider without an engine', () => {
  const dirs: string[] = [];
  const stops: AbortController[] = [];
  afterEach(() => {
    for (const s of stops.splice(0)) s.abort();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('start resolves after the first failed attempt, emits nothing, reports the error and keeps retrying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-no-docker-'));
    dirs.push(dir);
    const emitted: unknown[] = [];
    const stop = new AbortController();
    stops.push(stop);
    const provider = createDockerProvider({ ...OPTIONS, endpoint: `unix://${join(dir, 'missing.sock')}` });
    await provider.start((m) => emitted.push(m), stop.signal);
    expect(emitted).toEqual([]);
    const status = provider.status();
    expect(status).toMatchObject({
      state: 'error',
      lastUpdate: undefined,
      details: { endpoint: `unix://${join(dir, 'missing.sock')}`, listings: 0 },
    });
    expect(status.lastError).toMatchObject({ code: 'LB_DOCKER_ENGINE' });
    expect(status.lastError?.message).toContain('event stream lost, keeping the last configuration; retry 1 in 200 ms');
  });

  it('DOCKER_HOST replaces the default endpoint', () => {
    const provider = createDockerProvider(OPTIONS, { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(provider.status().details.endpoint).toBe('tcp://127.0.0.1:1');
  });

  it.each([
    {
      desc: 'a defaultRule that does not compile',
      options: { defaultRule: 'Host(`{{ .Nam }}`)' },
      code: 'LB_DOCKER_TEMPLATE',
    },
    { desc: 'constraints that do not parse', options: { constraints: 'Label(`a`)' }, code: 'LB_DOCKER_CONSTRAINTS' },
    { desc: 'an unusable endpoint', options: { endpoint: 'ssh://me@host' }, code: 'LB_DOCKER_ENGINE' },
    {
      desc: 'a missing TLS file',
      options: {
        endpoint: 'tcp://127.0.0.1:2376',
        tls: { ca: '/nonexistent.pem', cert: undefined, key: undefined, insecureSkipVerify: false },
      },
      code: 'LB_DOCKER_ENGINE',
    },
  ])('fails at startup on $desc', ({ options, code }) => {
    expect(() => createDockerProvider({ ...OPTIONS, ...options })).toThrow(expect.objectContaining({ code }));
  });
});
