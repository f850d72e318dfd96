/**
 * The file provider refuses a structurally wrong file as it refuses one that does not parse: no
 * snapshot (the last good one keeps serving), status `error` with code, key path, file and line,
 * one error log line; a good file again emits and clears the error. For one file and for a
 * directory (a bad file holds back the directory, as in Traefik), at start and after a good read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderMessage } from '../provider';
import { FileProvider, type LoggerLike } from './file-provider';
import { waitFor } from '../../../test/helpers/poll';
import { closeScratch, openScratch } from '../../../test/helpers/scratch';

const GOOD =
  'http:\n  routers:\n    web:\n      rule: "Host(`web.test`)"\n      service: web\n  services:\n    web:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:9\n';
const GOOD_TOML =
  '[http.routers.web]\nrule = "Host(`web.test`)"\nservice = "web"\n[[http.services.web.loadBalancer.servers]]\nurl = "http://127.0.0.1:9"\n';
const OTHER = 'http:\n  routers:\n    other:\n      rule: "Host(`other.test`)"\n      service: web\n';

/** Each case: the file's text, the path reported, its line, and words of the message. */
const BAD = [
  {
    desc: 'http.routers: 5',
    text: 'http:\n  routers: 5\n',
    path: 'http.routers',
    line: 2,
    says: 'expected a map from router name to router, found a number (5)',
  },
  { desc: 'http: []', text: 'http: []\n', path: 'http', line: 1, says: 'found an empty list' },
  {
    desc: 'a service that is a string',
    text: `${GOOD}    x: "str"\n`,
    path: 'http.services.x',
    line: 11,
    says: 'expected a service (a map of its settings), found a string ("str")',
  },
  {
    desc: 'http.middlewares: a list',
    text: `${GOOD}  middlewares:\n    - strip\n`,
    path: 'http.middlewares',
    line: 11,
    says: 'expected a map from middleware name to middleware',
  },
  { desc: 'tcp: 7', text: `${GOOD}tcp: 7\n`, path: 'tcp', line: 11, says: 'found a number (7)' },
  {
    desc: 'tls.certificates: {}',
    text: `${GOOD}tls:\n  certificates: {}\n`,
    path: 'tls.certificates',
    line: 12,
    says: 'expected a list of certificates, found a map',
  },
  {
    desc: 'unknown top-level junk',
    text: `${GOOD}htpp:\n  routers: {}\n`,
    path: 'htpp',
    line: 11,
    says: "unknown top-level key 'htpp' (did you mean 'http'?)",
  },
  {
    desc: 'a mis-indented router',
    text: 'http:\n  routers:\n    web:\n    rule: "Host(`web.test`)"\n',
    path: 'http.routers.web',
    line: 3,
    says: 'check the indentation',
  },
  {
    desc: 'TOML: routers as a string',
    text: '[http]\nrouters = "web"\n',
    path: 'http.routers',
    line: undefined,
    says: 'found a string ("web")',
    toml: true,
  },
] as const;

let dir: string;
let controller: AbortController;
let messages: ProviderMessage<DynamicConfig>[];
let logged: { level: string; obj: Record<string, unknown>; msg: string }[];

const logger: LoggerLike = {
  error: (obj, msg) => logged.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  info: () => {},
  debug: () => {},
};

async function start(settings: { filename?: string; directory?: string }): Promise<FileProvider<DynamicConfig>> {
  const provider = new FileProvider<DynamicConfig>({
    ...settings,
    debounceMs: 10,
    logger,
    validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
  });
  await provider.start((m) => messages.push(m), controller.signal);
  return provider;
}

const routers = (m: ProviderMessage<DynamicConfig> | undefined): string[] =>
  Object.keys(m?.config.http.routers ?? {}).sort();

beforeEach(async () => {
  ({ dir, controller } = await openScratch('junction-file-structure-'));
  messages = [];
  logged = [];
});

afterEach(() => closeScratch(dir, controller));

describe('FileProvider: a structurally wrong file is refused, the last good snapshot stays', () => {
  it.each(BAD)('$desc', async (bad) => {
    const file = join(dir, 'toml' in bad ? 'dynamic.toml' : 'dynamic.yml');
    const good = 'toml' in bad ? GOOD_TOML : GOOD;
    await writeFile(file, good);
    const provider = await start({ filename: file });
    expect(routers(messages.at(-1))).toEqual(['web']);

    await writeFile(file, bad.text);
    await waitFor(() => provider.status().state === 'error', 'the refusal');
    expect(messages).toHaveLength(1);
    const failure = provider.status().lastError;
    expect(failure).toMatchObject({ code: 'LB_CONFIG_STRUCTURE', path: bad.path, file });
    expect(failure?.line).toBe(bad.line);
    expect(failure?.message).toContain(`${bad.path}: `);
    expect(failure?.message).toContain(bad.says);
    const line = logged.find((l) => l.level === 'error');
    expect(line?.msg).toContain('configuration not loaded, keeping the last good one: ');
    expect(line?.obj).toMatchObject({ provider: 'file', code: 'LB_CONFIG_STRUCTURE', path: bad.path, file });

    await writeFile(file, good.replace('web.test', 'new.test'));
    await waitFor(() => messages.length === 2, 'the good file again');
    expect(provider.status()).toMatchObject({ state: 'ok', lastError: undefined });
    expect(messages[1]?.config.http.routers?.web?.rule).toBe('Host(`new.test`)');
    expect(messages[1]?.errors).toEqual([]);
  });

  it('a bad first read emits nothing and says nothing is served yet', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, 'http:\n  routers: 5\n');
    const provider = await start({ filename: file });
    expect(messages).toEqual([]);
    expect(provider.status()).toMatchObject({
      state: 'error',
      lastUpdate: undefined,
      lastError: { path: 'http.routers', file, line: 2 },
    });
    expect(logged[0]?.msg).toContain('nothing served from this provider until it is fixed');
  });

  it('names every structural error in one failure', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, 'http:\n  routers: 5\n  services: []\ntcp: 1\n');
    const provider = await start({ filename: file });
    expect(provider.status().lastError?.message).toMatch(/^http\.routers: .* \(and 2 more: http\.services, tcp\)$/);
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(3);
  });
});

describe('FileProvider: a directory with one structurally wrong file', () => {
  it('holds back the directory, names the bad file, and applies everything once it is fixed', async () => {
    const sub = join(dir, 'conf.d');
    await mkdir(sub);
    const a = join(sub, 'a.yml');
    const b = join(sub, 'b.yml');
    await writeFile(a, GOOD);
    await writeFile(b, OTHER);
    const provider = await start({ directory: sub });
    expect(routers(messages.at(-1))).toEqual(['other', 'web']);

    // Another file also defines http.routers: the bad one must not pass for a duplicate of it.
    await writeFile(b, 'http:\n  routers: 5\n');
    await waitFor(() => provider.status().state === 'error', 'the refusal');
    expect(messages).toHaveLength(1);
    expect(provider.status().lastError).toMatchObject({
      code: 'LB_CONFIG_STRUCTURE',
      path: 'http.routers',
      file: b,
      line: 2,
    });

    await writeFile(b, OTHER.replace('other:', 'fixed:'));
    await waitFor(() => messages.length === 2, 'the fixed directory');
    expect(routers(messages[1])).toEqual(['fixed', 'web']);
    expect(provider.status().state).toBe('ok');
  });
});
