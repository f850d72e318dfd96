import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderMessage } from '../provider';
import { FileProvider, type FileProviderSettings, type LoggerLike, type ValidateConfig } from './file-provider';
import { waitFor } from '../../../test/helpers/poll';
import { closeScratch, openScratch } from '../../../test/helpers/scratch';

const identity: ValidateConfig<unknown> = (raw) => ({ config: raw, errors: [] });

const routerYaml = (name: string, host: string): string =>
  `http:\n  routers:\n    ${name}:\n      rule: "Host(\`${host}\`)"\n      service: svc\n`;

let dir: string;
let controller: AbortController;
let messages: ProviderMessage[];
let logged: { level: string; obj: object; msg: string }[];

const logger: LoggerLike = {
  error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
  info: () => {},
  debug: () => {},
};

async function startProvider(
  settings: Omit<FileProviderSettings<unknown>, 'validate'> & { validate?: ValidateConfig<unknown> },
) {
  const provider = new FileProvider({ validate: identity, logger, debounceMs: 20, ...settings });
  await provider.start((m) => messages.push(m), controller.signal);
  return provider;
}

const lastConfig = (): unknown => messages.at(-1)?.config;
const routersOf = (config: unknown): string[] =>
  Object.keys((config as { http?: { routers?: object } } | undefined)?.http?.routers ?? {}).sort();

beforeEach(async () => {
  ({ dir, controller } = await openScratch('junction-file-provider-'));
  messages = [];
  logged = [];
});

afterEach(() => closeScratch(dir, controller));

describe('FileProvider with a filename', () => {
  it('emits the file once at start, with status ok', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    const provider = await startProvider({ filename: file });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual({
      provider: 'file',
      config: { http: { routers: { api: { rule: 'Host(`a.test`)', service: 'svc' } } } },
      errors: [],
    });
    expect(provider.status()).toMatchObject({
      state: 'ok',
      lastError: undefined,
      details: { filename: file, files: [file], watch: true },
    });
  });

  it('emits again when the file is rewritten in place', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    await startProvider({ filename: file });
    await writeFile(file, routerYaml('web', 'b.test'));
    await waitFor(() => routersOf(lastConfig()).includes('web'), 'the rewritten file');
  });

  it('emits when an editor replaces the file atomically (write + rename over)', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    await startProvider({ filename: file });
    for (const name of ['one', 'two']) {
      const tmp = join(dir, `.dynamic.yml.${name}.tmp`);
      await writeFile(tmp, routerYaml(name, `${name}.test`));
      await rename(tmp, file);
      await waitFor(() => routersOf(lastConfig()).includes(name), `replacement ${name}`);
    }
  });

  it('keeps the last good configuration on a syntax error, reports the line, and recovers', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    const provider = await startProvider({ filename: file });
    await writeFile(file, 'http:\n  routers:\n    api:\n      rule: [unclosed\n');
    await waitFor(() => provider.status().state === 'error', 'the error status');
    expect(messages).toHaveLength(1);
    expect(provider.status().lastError).toMatchObject({ file, line: 5 });
    expect(logged.find((l) => l.level === 'error')?.obj).toMatchObject({ file, line: 5 });

    await writeFile(file, routerYaml('fixed', 'c.test'));
    await waitFor(() => routersOf(lastConfig()).includes('fixed'), 'the fixed file');
    expect(provider.status()).toMatchObject({ state: 'ok', lastError: undefined });
  });

  it('does not emit again when the content is unchanged', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    const provider = await startProvider({ filename: file });
    const reads = (): number => provider.status().details.reads as number;
    const before = reads();
    await writeFile(file, routerYaml('api', 'a.test'));
    await waitFor(() => reads() > before, 'a re-read');
    expect(messages).toHaveLength(1);
  });

  it('waits for a missing file and loads it once created', async () => {
    const file = join(dir, 'later.yml');
    const provider = await startProvider({ filename: file });
    expect(messages).toHaveLength(0);
    expect(provider.status()).toMatchObject({ state: 'error', lastError: { message: 'cannot read: ENOENT' } });
    await writeFile(file, routerYaml('late', 'late.test'));
    await waitFor(() => routersOf(lastConfig()).includes('late'), 'the created file');
  });

  it('reads TOML and reports TOML syntax errors with a line', async () => {
    const file = join(dir, 'dynamic.toml');
    await writeFile(file, '[http.routers.api]\nrule = "Host(`a`)"\nservice = "svc"\n');
    const provider = await startProvider({ filename: file });
    expect(routersOf(lastConfig())).toEqual(['api']);
    await writeFile(file, '[http.routers.api]\nrule = \n');
    await waitFor(() => provider.status().state === 'error', 'the TOML error');
    expect(provider.status().lastError).toMatchObject({ file, line: 2 });
  });

  it('attaches validation errors located at their line', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, `${routerYaml('api', 'a.test')}    broken:\n      rule: ""\n`);
    const validate: ValidateConfig<unknown> = (raw) => ({
      config: raw,
      errors: [{ code: 'LB_CONFIG_INVALID', message: 'empty rule', details: { path: 'http.routers.broken.rule' } }],
    });
    await startProvider({ filename: file, validate });
    expect(messages[0]?.errors).toEqual([
      { code: 'LB_CONFIG_INVALID', message: 'empty rule', path: 'http.routers.broken.rule', file, line: 7, column: 7 },
    ]);
  });

  it('does not watch when watch is false', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(file, routerYaml('api', 'a.test'));
    const provider = await startProvider({ filename: file, watch: false });
    expect(provider.status().details.watch).toBe(false);
    expect(messages).toHaveLength(1);
  });
});

describe('FileProvider with a directory', () => {
  it('merges every yml/yaml/toml file, skipping others and dot-files', async () => {
    await writeFile(join(dir, 'a.yml'), routerYaml('a', 'a.test'));
    await writeFile(join(dir, 'b.yaml'), routerYaml('b', 'b.test'));
    await writeFile(
      join(dir, 'c.toml'),
      '[http.services.svc.loadBalancer]\nservers = [{ url = "http://127.0.0.1:1" }]\n',
    );
    await writeFile(join(dir, 'notes.txt'), 'not: config');
    await writeFile(join(dir, '.hidden.yml'), routerYaml('hidden', 'h.test'));
    const provider = await startProvider({ directory: dir });
    expect(routersOf(lastConfig())).toEqual(['a', 'b']);
    expect(lastConfig()).toMatchObject({
      http: { services: { svc: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:1' }] } } } },
    });
    expect(provider.status().details).toMatchObject({ directory: dir });
  });

  it('reports an element defined in two files, naming both, and keeps the first', async () => {
    const a = join(dir, 'a.yml');
    const b = join(dir, 'b.yml');
    await writeFile(a, routerYaml('api', 'from-a.test'));
    await writeFile(b, routerYaml('api', 'from-b.test'));
    await startProvider({ directory: dir });
    expect(lastConfig()).toMatchObject({ http: { routers: { api: { rule: 'Host(`from-a.test`)' } } } });
    expect(messages[0]?.errors).toEqual([
      expect.objectContaining({
        path: 'http.routers.api',
        file: b,
        line: 3,
        message: expect.stringContaining(`defined in both ${a} and ${b}`),
      }),
    ]);
  });

  it('follows files added and removed', async () => {
    await writeFile(join(dir, 'a.yml'), routerYaml('a', 'a.test'));
    await startProvider({ directory: dir });
    await writeFile(join(dir, 'b.yml'), routerYaml('b', 'b.test'));
    await waitFor(() => routersOf(lastConfig()).join() === 'a,b', 'the added file');
    await unlink(join(dir, 'a.yml'));
    await waitFor(() => routersOf(lastConfig()).join() === 'b', 'the removed file');
  });

  it('emits nothing while one file is broken, then everything once fixed', async () => {
    await writeFile(join(dir, 'a.yml'), routerYaml('a', 'a.test'));
    const provider = await startProvider({ directory: dir });
    await writeFile(join(dir, 'b.yml'), 'http: [\n');
    await waitFor(() => provider.status().state === 'error', 'the error status');
    expect(provider.status().lastError?.file).toBe(join(dir, 'b.yml'));
    expect(messages).toHaveLength(1);
    await writeFile(join(dir, 'b.yml'), routerYaml('b', 'b.test'));
    await waitFor(() => routersOf(lastConfig()).join() === 'a,b', 'the fixed file');
  });
});
