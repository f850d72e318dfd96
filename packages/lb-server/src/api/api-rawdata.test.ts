import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileProvider } from '../providers/file/file-provider';
import { fixture, LOOSE_ERROR, type Fixture } from '../../test/support/api/api-fixture';
import { apiPlugin } from './api-plugin';
import { serve, type Served } from '../../test/helpers/http-client';
import type { RawData } from './rawdata-view';
import { sourcesOf } from '../../test/support/api/api-sources-builders';

let fx: Fixture;
let api: Served;

beforeAll(async () => {
  fx = fixture();
  const dockerDown = {
    state: 'connecting' as const,
    lastUpdate: undefined,
    lastError: undefined,
    details: { endpoint: 'unix:///var/run/docker.sock' },
  };
  api = await serve(apiPlugin, {
    sources: sourcesOf(() => fx.runtime, {
      providers: () => ({
        file: { state: 'ok', lastUpdate: Date.UTC(2025, 0, 2), lastError: undefined, details: {} },
        docker: dockerDown,
      }),
    }),
  });
});
afterAll(() => api.close());

describe('GET /api/overview', () => {
  it('counts elements per kind by status, lists features and providers, and adds provider states', async () => {
    expect((await api.fetch('/api/overview')).json()).toEqual({
      http: {
        routers: { total: 4, warnings: 1, errors: 1 },
        services: { total: 6, warnings: 0, errors: 1 },
        middlewares: { total: 3, warnings: 0, errors: 0 },
      },
      tcp: {
        routers: { total: 0, warnings: 0, errors: 0 },
        services: { total: 0, warnings: 0, errors: 0 },
        middlewares: { total: 0, warnings: 0, errors: 0 },
      },
      udp: { routers: { total: 0, warnings: 0, errors: 0 }, services: { total: 0, warnings: 0, errors: 0 } },
      features: { tracing: '', metrics: 'Prometheus', accessLog: false },
      providers: ['Docker', 'File'],
      providerStatus: {
        docker: { state: 'connecting', details: { endpoint: 'unix:///var/run/docker.sock' } },
        file: { state: 'ok', lastUpdate: '2025-01-02T00:00:00.000Z', details: {} },
      },
    });
  });
});

describe('GET /api/rawdata', () => {
  it("keys routers, services and middlewares by qualified name in Traefik's RuntimeInfo shapes", async () => {
    const raw = (await api.fetch('/api/rawdata')).json<RawData>();
    expect(Object.keys(raw.routers ?? {})).toEqual(['api@file', 'broken@file', 'site@file', 'whoami/v2@docker']);
    expect(Object.keys(raw.services ?? {})).toEqual([
      'backup@file',
      'ghost@docker',
      'jokes@file',
      'site@file',
      'split@file',
      'whoami@docker',
    ]);
    expect(Object.keys(raw.middlewares ?? {})).toEqual(['auth@file', 'limit@file', 'strip@file']);
    expect(raw.routers?.['broken@file']).toMatchObject({
      status: 'disabled',
      error: [expect.stringMatching(/^LB_RULE_SYNTAX/)],
      service: 'jokes@file',
    });
    expect(raw.routers?.['api@file']).not.toHaveProperty('name');
    expect(raw.services?.['jokes@file']).toMatchObject({
      status: 'enabled',
      usedBy: ['api@file', 'broken@file'],
      serverStatus: { 'http://127.0.0.1:3001': 'UP', 'http://127.0.0.1:3002': 'UP' },
    });
    expect(raw.middlewares?.['strip@file']).toEqual({
      stripPrefix: { prefixes: ['/api'] },
      status: 'enabled',
      usedBy: ['api@file'],
    });
    expect(raw).toMatchObject({ generation: 1, builtAt: '2025-01-02T03:04:05.000Z' });
  });

  it("shows the runtime's errors that belong to no element, and only those", async () => {
    expect((await api.fetch('/api/rawdata')).json<RawData>().configErrors).toEqual([LOOSE_ERROR]);
  });
});

describe('a file that does not parse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'junction-api-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("shows the file provider's parse error with file and line in rawdata and overview, beside the last good runtime", async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, 'http:\n  routers:\n    api:\n      rule: "Host(`a`)"\n      service: [unclosed\n');
    const provider = new FileProvider({ filename: file, watch: false, validate: validateDynamicConfig });
    const emitted: unknown[] = [];
    await provider.start((message) => emitted.push(message), new AbortController().signal);
    expect(emitted).toEqual([]);

    const server = await serve(apiPlugin, {
      sources: sourcesOf(() => fx.runtime, { providers: () => ({ file: provider.status() }) }),
    });
    try {
      const raw = (await server.fetch('/api/rawdata')).json<RawData>();
      expect(raw.providers.file).toMatchObject({
        state: 'error',
        lastError: { file, line: expect.any(Number), message: expect.any(String) },
      });
      expect(raw.providers.file?.lastError?.line).toBeGreaterThanOrEqual(5);
      expect(raw.routers?.['api@file']?.status).toBe('enabled');
      expect((await server.fetch('/api/overview')).json()).toMatchObject({
        providers: ['File'],
        providerStatus: { file: { state: 'error' } },
      });
    } finally {
      await server.close();
    }
  });
});
