/**
 * What a single Junction process with only a file provider holds once it serves (issue #12, idle
 * memory): not Node's bundled undici (an ES import of `node:http`, or undici's index, loads it:
 * ≈ 14 MB), nor the parser of a file format it does not read (`text-formats.ts`). Runs `main` in a
 * fresh process on loopback, asks it once it answers, and stops it with SIGTERM.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Starts `main` in the child, waits for the entry point to answer, prints what is loaded, stops. */
const SCRIPT = `
import { createRequire, registerHooks } from 'node:module';
// Every module resolved from here on, by import or require (an ES import leaves no require.cache entry).
const resolved = [];
registerHooks({ resolve: (specifier, context, next) => { const r = next(specifier, context); resolved.push(r.url); return r; } });
// Not an ES import of node:http: that alone would load Node's undici (see module comment).
const { request } = process.getBuiltinModule('node:http');
const [file, port] = process.argv.slice(-2);
const { main } = await import(${JSON.stringify(MAIN)});
const done = main(['--entrypoints.web.address=127.0.0.1:' + port, '--providers.file.filename=' + file, '--log.level=ERROR'], {});
const answers = () => new Promise((resolve) => {
  const req = request({ host: '127.0.0.1', port: Number(port), path: '/', headers: { host: 'idle.test' } }, (res) => { res.resume(); resolve(true); });
  req.on('error', () => resolve(false));
  req.end();
});
for (let i = 0; i < 200 && !(await answers()); i++) await new Promise((r) => setTimeout(r, 50));
const cached = [...Object.keys(createRequire(import.meta.url).cache), ...resolved];
const loaded = (name) => cached.some((path) => path.includes('/node_modules/' + name + '/'));
console.log(JSON.stringify({
  nodeUndici: process.moduleLoadList.some((m) => m.includes('deps/undici')),
  yaml: loaded('yaml'),
  toml: loaded('smol-toml'),
}));
process.kill(process.pid, 'SIGTERM');
console.log('exit ' + (await done));
`;

/** Runs SCRIPT on a file provider reading `name` (`text`); resolves to the facts and the exit line. */
async function idleWith(name: string, text: string): Promise<{ facts: unknown; exit: string | undefined }> {
  const dir = await mkdtemp(join(tmpdir(), 'junction-idle-'));
  dirs.push(dir);
  const file = join(dir, name);
  await writeFile(file, text);
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=junction-source', '--import', 'tsx', '--input-type=module', '-e', SCRIPT, file, port],
    { timeout: 30_000 },
  );
  const [facts, exit] = stdout.trim().split('\n');
  return { facts: JSON.parse(facts ?? '{}'), exit };
}

describe('an idle single process with a file provider', () => {
  it("serves from a YAML file without Node's bundled undici or the TOML parser", async () => {
    const { facts, exit } = await idleWith(
      'dynamic.yml',
      'http:\n  routers:\n    r: { rule: "Host(`idle.test`)", service: s }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://127.0.0.1:9" }] } }\n',
    );
    expect(facts).toEqual({ nodeUndici: false, yaml: true, toml: false });
    expect(exit).toBe('exit 0');
  }, 40_000);

  it('serves from a TOML file without the YAML parser', async () => {
    const { facts, exit } = await idleWith(
      'dynamic.toml',
      '[http.routers.r]\nrule = "Host(`idle.test`)"\nservice = "s"\n[[http.services.s.loadBalancer.servers]]\nurl = "http://127.0.0.1:9"\n',
    );
    expect(facts).toEqual({ nodeUndici: false, yaml: false, toml: true });
    expect(exit).toBe('exit 0');
  }, 40_000);
});
