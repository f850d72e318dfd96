/**
 * `lazyBuiltins`, the build step that gives bundled CommonJS code stand-ins for Node's `tls`,
 * `https` and `http2` (issue #12, idle memory): a module bundled with it, run in a fresh Node,
 * loads none of them until it uses one, reads `http2.constants` without loading `http2` (undici's
 * HTTP/2 client destructures them when it loads), then works with the real modules: functions,
 * classes, a wrapper made with the stand-in as prototype (as follow-redirects does) that leaves the
 * real module alone, `in` and `Object.keys`. An ES `import` of the same module is left as it is.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyBuiltins } from '../tsup.config';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Bundles `files` (the first is the entry) with the plugin, runs it, returns what it printed as JSON. */
async function runBundled(files: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'junction-lazy-builtins-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const entry = join(dir, Object.keys(files)[0] as string);
  const out = join(dir, 'out.mjs');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    plugins: [lazyBuiltins()],
    logLevel: 'error',
  });
  const { stdout } = await promisify(execFile)(process.execPath, [out], { timeout: 15_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

const LOADED = `const loaded = () => process.moduleLoadList.filter((m) => /^NativeModule (?:tls|https|http2)$/.test(m)).map((m) => m.slice(13));`;

describe('lazyBuiltins', () => {
  it('loads tls, https and http2 on first use, and serves http2.constants before', async () => {
    const facts = await runBundled({
      'entry.cjs': `${LOADED}
const http2 = require('node:http2');
const https = require('https');
const tls = require('node:tls');
const { constants: { HTTP2_HEADER_PATH, NGHTTP2_NO_ERROR } } = http2;
const atStart = loaded();
const early = [HTTP2_HEADER_PATH, NGHTTP2_NO_ERROR];
const roots = tls.rootCertificates.length > 0;
const afterTls = loaded();
const server = http2.createServer();
const real = process.getBuiltinModule('node:http2');
const wrapper = Object.create(https);
wrapper.request = () => 'wrapped';
console.log(JSON.stringify({
  atStart, early, roots, afterTls, after: loaded(),
  sameFunction: http2.createServer === real.createServer,
  instance: server.constructor.name === 'Http2Server',
  constantsAfter: http2.constants === real.constants,
  wrapped: wrapper.request(), realRequest: https.request === process.getBuiltinModule('node:https').request,
  has: 'connect' in tls, keys: Object.keys(https).includes('request'),
}));`,
    });
    expect(facts).toEqual({
      atStart: [],
      early: [':path', 0],
      roots: true,
      afterTls: ['tls'],
      after: ['tls', 'http2', 'https'],
      sameFunction: true,
      instance: true,
      constantsAfter: true,
      wrapped: 'wrapped',
      realRequest: true,
      has: true,
      keys: true,
    });
  });

  it('leaves an ES import of the same module alone', async () => {
    const facts = await runBundled({
      'entry.mjs': `${LOADED}
import { createSecureContext } from 'node:tls';
console.log(JSON.stringify({ loaded: loaded(), real: createSecureContext === process.getBuiltinModule('node:tls').createSecureContext }));`,
    });
    expect(facts).toEqual({ loaded: ['tls'], real: true });
  });
});
