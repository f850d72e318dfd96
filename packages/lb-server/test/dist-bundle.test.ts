/**
 * The `dist/` build (`tsup.config.ts`) runs on its own: npm dependencies bundled into chunks (issue
 * #12, idle memory), the rest loaded on demand. Built into a scratch installation (`package.json`,
 * `dist/`, and `node_modules` linked to the workspace's, for what stays external), then:
 * - an idle process with a YAML file provider, the API, ping and metrics loads its own chunks,
 *   `package.json` and pino's `thread-stream`, and nothing of the Docker and Swarm providers, ACME,
 *   the default certificate or the cluster; Fastify's Ajv compiler (a file of its own) loads on the
 *   first validated API request, which answers as Fastify does; Node's `tls`, `https` and `http2`
 *   are not loaded (`lazyBuiltins` in `docker/scripts/bundle-parts.mjs`, `src/lazy-builtins.ts`);
 * - `--version` reads the installation's `package.json`;
 * - a process with TLS, an ACME resolver on Pebble and the Docker provider serves a Pebble
 *   certificate, the generated default certificate for an unknown name, and runs its Docker
 *   provider (which finds no engine); an HTTP/2 request over TLS reaches an h2c server through it
 *   (Node's HTTP/2 server, and undici's HTTP/2 client with its lazily loaded `http2`).
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as connectHttp2, createServer as createH2cServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config';
import { freePort } from './helpers/ports';
import { startPebble, type PebbleLab } from './support/pebble';

const PKG = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let main: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junction-dist-'));
  main = join(dir, 'dist/main.js');
  cpSync(join(PKG, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(PKG, '../../node_modules'), join(dir, 'node_modules'));
  await build({ ...(config as Options), outDir: join(dir, 'dist'), sourcemap: false, silent: true });
  writeFileSync(
    join(dir, 'dynamic.yml'),
    'http:\n  routers:\n    r: { rule: "Host(`app.test`)", service: s }\n  services:\n    s: { loadBalancer: { servers: [{ url: "http://127.0.0.1:9" }] } }\n',
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs dist's `main` on loopback, waits for the web entry point, prints the files loaded (paths in
 * the installation, or `node_modules/<package>`), asks the API once well and once badly, prints
 * the files loaded since, stops it with SIGTERM.
 */
const SCRIPT = `
import { createRequire, registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
const resolved = [];
registerHooks({ resolve: (specifier, context, next) => { const r = next(specifier, context); resolved.push(r.url); return r; } });
const { request } = process.getBuiltinModule('node:http');
const [root, web, admin, mainFile] = process.argv.slice(1);
const { main } = await import(mainFile);
const done = main(['--entrypoints.web.address=127.0.0.1:' + web, '--entrypoints.traefik.address=127.0.0.1:' + admin,
  '--providers.file.filename=' + root + '/dynamic.yml', '--api.insecure', '--ping', '--metrics.prometheus', '--log.level=ERROR'], {});
const get = (port, path) => new Promise((resolve) => {
  const req = request({ host: '127.0.0.1', port: Number(port), path, headers: { host: 'app.test' } }, (res) => {
    let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve({ status: res.statusCode, body }));
  });
  req.on('error', () => resolve(undefined));
  req.end();
});
for (let i = 0; i < 200 && !(await get(web, '/')); i++) await new Promise((r) => setTimeout(r, 50));
const loaded = () => [...new Set([...resolved.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)),
  ...Object.keys(createRequire(import.meta.url).cache)])]
  .map((f) => f.includes('/node_modules/') ? 'node_modules/' + f.split('/node_modules/').pop().split('/')[0] : f.startsWith(root + '/') ? f.slice(root.length + 1) : f)
  .filter((f, i, all) => all.indexOf(f) === i).sort();
const idle = loaded();
const builtins = process.moduleLoadList.filter((m) => /^NativeModule (?:tls|https|http2)$/.test(m));
const router = await get(admin, '/api/http/routers/r@file');
const bad = await get(admin, '/api/http/routers?per_page=abc');
console.log(JSON.stringify({ idle, builtins, later: loaded().filter((f) => !idle.includes(f)), router: router.status, bad }));
process.kill(process.pid, 'SIGTERM');
console.log('exit ' + (await done));
`;

describe('dist, built as tsup.config.ts says', () => {
  it('loads only its own chunks and thread-stream at idle, and the Ajv compiler on first validation', async () => {
    const [web, admin] = await Promise.all([freePort(), freePort()]);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT, dir, String(web), String(admin), main],
      { timeout: 30_000 },
    );
    const [line, exit] = stdout.trim().split('\n');
    expect(line, stdout + stderr).toMatch(/^\{"idle"/);
    const facts = JSON.parse(line ?? '') as {
      idle: string[];
      builtins: string[];
      later: string[];
      router: number;
      bad: unknown;
    };
    expect(facts.builtins).toEqual([]);
    expect(facts.idle.filter((f) => !/^dist\/[\w-]+\.js$/.test(f))).toEqual([
      'node_modules/thread-stream',
      'package.json',
    ]);
    const onDemand =
      /^dist\/(?:create-docker-provider|create-swarm-provider|manager|selfsigned|primary|member|worker)-/;
    expect(facts.idle.filter((f) => onDemand.test(f))).toEqual([]);
    expect(facts.later).toEqual(['dist/fastify-ajv-compiler.cjs']);
    expect(facts.router).toBe(200);
    expect(facts.bad).toEqual({
      status: 400,
      body: JSON.stringify({
        message: 'invalid request: querystring/per_page must be integer',
        code: 'LB_API_BAD_REQUEST',
      }),
    });
    expect(exit).toBe('exit 0');
  }, 40_000);

  it("prints the installation's version", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [main, '--version'], { timeout: 15_000 });
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(`junction ${version}`);
  });

  describe('with TLS, ACME and the Docker provider', () => {
    let lab: PebbleLab;
    let h2c: Http2Server;
    beforeAll(async () => {
      lab = await startPebble();
      h2c = createH2cServer((req, res) => res.end(`h2c ${req.headers[':authority'] ?? req.headers.host}`));
      await new Promise<void>((resolve) => h2c.listen(0, '127.0.0.1', resolve));
    }, 30_000);
    afterAll(async () => {
      h2c?.close();
      await lab?.stop();
    });

    /** An HTTP/2 request over TLS to the TLS entry point for `authority` (unverified): status and body. */
    const http2Get = (authority: string): Promise<{ status: unknown; body: string } | undefined> =>
      new Promise((resolve) => {
        const session = connectHttp2(`https://127.0.0.1:${lab.tlsPort}`, {
          servername: authority,
          rejectUnauthorized: false,
        });
        session.on('error', () => resolve(undefined));
        const req = session.request({ ':path': '/', ':authority': authority });
        let body = '';
        let status: unknown;
        req.on('response', (headers) => (status = headers[':status']));
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          session.close();
          resolve({ status, body });
        });
        req.on('error', () => resolve(undefined));
        req.end();
      });

    /** The certificate `servername` gets from the TLS entry point (unverified), or undefined. */
    const certificate = (servername: string): Promise<PeerCertificate | undefined> =>
      new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: lab.tlsPort, servername, rejectUnauthorized: false }, () => {
          resolve(socket.getPeerCertificate());
          socket.end();
        });
        socket.on('error', () => resolve(undefined));
      });

    it('serves a Pebble certificate, the default certificate, and runs the provider', async () => {
      writeFileSync(
        join(dir, 'tls.yml'),
        'http:\n  routers:\n    r: { rule: "Host(`app.test`)", service: s, entryPoints: [websecure], tls: { certResolver: le } }\n' +
          `  services:\n    s: { loadBalancer: { servers: [{ url: "h2c://127.0.0.1:${(h2c.address() as AddressInfo).port}" }] } }\n`,
      );
      const child = spawn(
        process.execPath,
        [
          main,
          `--entrypoints.web.address=127.0.0.1:${lab.httpPort}`,
          `--entrypoints.websecure.address=127.0.0.1:${lab.tlsPort}`,
          '--certificatesresolvers.le.acme.email=ops@example.test',
          `--certificatesresolvers.le.acme.storage=${join(dir, 'acme.json')}`,
          `--certificatesresolvers.le.acme.caserver=${lab.directoryUrl}`,
          '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
          `--providers.file.filename=${join(dir, 'tls.yml')}`,
          `--providers.docker.endpoint=unix://${join(dir, 'no-engine.sock')}`,
          '--log.level=INFO',
        ],
        { env: { ...process.env, LEGO_CA_CERTIFICATES: lab.caFile }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        let issuer = '';
        for (let i = 0; i < 200 && !issuer.startsWith('Pebble'); i++) {
          issuer = String((await certificate('app.test'))?.issuer?.CN ?? '');
          if (!issuer.startsWith('Pebble')) await new Promise((r) => setTimeout(r, 100));
        }
        expect(issuer, output).toMatch(/^Pebble/);
        expect((await certificate('unknown.test'))?.subject?.CN).toBe('JUNCTION DEFAULT CERT');
        expect(output).toContain('LB_DOCKER_ENGINE');
        expect(await http2Get('app.test')).toEqual({ status: 200, body: 'h2c app.test' });
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(output).not.toMatch(/Cannot find|is not a function|TypeError|ReferenceError/);
    }, 60_000);
  });
});
