/**
 * What a single Junction process with only a file provider holds once it serves (issue #12, idle
 * memory): not Node's bundled undici (an ES import of `node:http`, or undici's index, loads it:
 * ≈ 14 MB). Runs `main` in a fresh
 * process on loopback, asks it once it answers, and stops it with SIGTERM.
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
import { createRequire } from 'node:module';
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
const cached = Object.keys(createRequire(import.meta.url).cache);
const loaded = (name) => cached.some((path) => path.includes('/node_modules/' + name + '/'));
console.log(JSON.stringify({
  nodeUndici: process.moduleLoadList.some((m) => m.includes('deps/undici')),
  yaml: loaded('yaml'),
}));
process.kill(process.pid, 'SIGTERM');
console.log('exit ' + (await done));
`;

describe('an idle single process with a YAML file provider', () => {
  it("serves without Node's bundled undici", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junction-idle-'));
    dirs.push(dir);
    const file = join(dir, 'dynamic.yml');
    await writeFile(
      file,
      'http:\n  routers:\n    r: { rule: "Host(`idle.test`)", service: s }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://127.0.0.1:9" }] } }\n',
    );
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=junction-source', '--import', 'tsx', '--input-type=module', '-e', SCRIPT, file, port],
      { timeout: 30_000 },
    );
    const [facts, exit] = stdout.trim().split('\n');
    expect(JSON.parse(facts ?? '{}')).toEqual({ nodeUndici: false, yaml: true });
    expect(exit).toBe('exit 0');
  }, 40_000);
});
