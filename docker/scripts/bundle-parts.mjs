/**
 * The parts of bundling a Node app with its npm dependencies that the images (`stage.mjs`) and
 * lb-server's `dist/` (`packages/lb-server/tsup.config.ts`, whose tests run them:
 * `test/ascii-output.test.ts`, `test/dist-bundle.test.ts`) share.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Lets the CommonJS dependencies bundled into an ES module call `require` (esbuild's `__require`
 * calls the `require` in scope: Node builtins, and what stays outside the chunks) and read
 * `__filename`/`__dirname` (those of the emitted chunk: `/app/dist` in an image). `globalThis.URL`,
 * because a bundled module may declare a top-level `URL` of its own in the same chunk.
 */
export const CJS_SHIM = [
  "import { createRequire as __junctionCreateRequire } from 'node:module';",
  "import { fileURLToPath as __junctionFileURLToPath } from 'node:url';",
  'const require = __junctionCreateRequire(import.meta.url);',
  'const __filename = __junctionFileURLToPath(import.meta.url);',
  "const __dirname = __junctionFileURLToPath(new globalThis.URL('.', import.meta.url));",
].join('\n');

/**
 * `code` with every non-ASCII character written as a `\uXXXX` escape. V8 keeps a module's source
 * in memory for as long as it runs, as a one-byte string only when every character is Latin-1: one
 * `→` in a kept comment or a `μ` in a regular expression doubles the resident source of the whole
 * bundle (lb-server's dist: ≈ 0.8 MB; its image: ≈ 8 MB). esbuild already escapes strings and
 * templates; the escape means the same in a regular expression, a comment or an identifier, and an
 * identity escape (`\μ`) loses its backslash (it meant `μ`). U+2028/U+2029 stay as they are (line
 * terminators in a comment).
 * @param {string} code
 * @returns {string}
 */
export function asciiEscape(code) {
  return code.replace(
    /(\\*)([\u0080-\u2027\u202a-\uffff])/g,
    (_, slashes, c) =>
      `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * {@link asciiEscape} on every emitted chunk (a tsup plugin).
 * @type {import('tsup').Options['plugins'][number]}
 */
export const asciiOutput = {
  name: 'ascii-output',
  renderChunk: (code) => ({ code: asciiEscape(code) }),
};

/** Fastify's schema compilers, and the file of its own each is built into (next to the chunks). */
export const SCHEMA_COMPILERS = Object.freeze({
  '@fastify/ajv-compiler': 'fastify-ajv-compiler.cjs',
  '@fastify/fast-json-stringify-compiler': 'fastify-fast-json-stringify-compiler.cjs',
});

/**
 * For an app on Fastify (an esbuild plugin; nothing for another app): builds each of Fastify's
 * schema compilers (Ajv, ajv-formats, fast-json-stringify…) into a CommonJS file of its own in the
 * output folder, and makes the chunks `require` that file where they name the package.
 * lb-server's `src/server/lazy-schema-compilers.ts` requires them on a route's first validation, as
 * Fastify's default schema controller would: inlined in a chunk, their ≈ 1 MB of source would be
 * held by every process, even one that never validates (+2.3 MB resident at idle); left in
 * `node_modules`, their ≈ 160 files made the first API request cost +14 MB resident, mostly V8
 * optimising Node's module loader. Resolved from Fastify's folder, as Fastify finds them. Minified
 * (names kept): V8 holds a module's source as long as it runs, and the first validation cost
 * 1.6 MB less resident with half the source.
 * @param {string} pkgDir the app's package folder (Fastify is resolved from it)
 * @returns {import('esbuild').Plugin}
 */
export function schemaCompilerFiles(pkgDir) {
  return {
    name: 'schema-compiler-files',
    setup(build) {
      let fastifyDir;
      try {
        fastifyDir = dirname(createRequire(join(pkgDir, 'package.json')).resolve('fastify'));
      } catch {
        return; // not a Fastify app
      }
      const names = Object.keys(SCHEMA_COMPILERS).map((n) => n.replace('/', '\\/'));
      build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})$`) }, (args) => ({
        path: `./${SCHEMA_COMPILERS[args.path]}`,
        external: true,
      }));
      build.onStart(async () => {
        const outDir = build.initialOptions.outdir;
        if (outDir === undefined) throw new Error('schema-compiler-files needs an output folder');
        mkdirSync(outDir, { recursive: true });
        for (const [name, file] of Object.entries(SCHEMA_COMPILERS)) {
          const { outputFiles } = await build.esbuild.build({
            stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: fastifyDir },
            bundle: true,
            platform: 'node',
            format: 'cjs',
            target: 'node22',
            write: false,
            logLevel: 'error',
            minify: true,
            keepNames: true,
          });
          writeFileSync(join(outDir, file), asciiEscape(outputFiles[0]?.text ?? ''));
        }
      });
    },
  };
}

/** Node modules a bundled CommonJS dependency gets a stand-in for (see {@link lazyBuiltins}). */
export const LAZY_BUILTINS = Object.freeze(['http2', 'https', 'tls']);

/**
 * The stand-in module for builtin `name`: an object that loads the real module on its first use
 * and from then on reads and writes through to it. `http2.constants` (the protocol's numbers and
 * header names, which undici destructures when its HTTP/2 client file loads) is served from a copy
 * taken at build time until then, so reading it does not load the module.
 * @param {string} name
 * @returns {string}
 */
function lazyBuiltinSource(name) {
  const early =
    name === 'http2'
      ? `const early = { constants: Object.freeze(${JSON.stringify(createRequire(import.meta.url)('node:http2').constants)}) };`
      : 'const early = {};';
  return [
    early,
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(`node:${name}`)}));`,
    'const standIn = new Proxy({}, {',
    '  get: (_, key) => (real === undefined && Object.hasOwn(early, key) ? early[key] : load()[key]),',
    // An object made with the stand-in as prototype (follow-redirects wraps `https` so) gets its
    // own property, as with the real module as prototype; the module itself is left alone.
    '  set: (_, key, value, receiver) => Reflect.set(load(), key, value, receiver === standIn ? load() : receiver),',
    '  has: (_, key) => key in load(),',
    '  ownKeys: () => Reflect.ownKeys(load()),',
    '  getOwnPropertyDescriptor: (_, key) => {',
    '    const found = Reflect.getOwnPropertyDescriptor(load(), key);',
    '    return found === undefined ? undefined : { ...found, configurable: true };',
    '  },',
    '});',
    'module.exports = standIn;',
    '',
  ].join('\n');
}

/**
 * Loads Node's TLS, HTTPS and HTTP/2 modules on first use instead of at start (an esbuild plugin).
 * Fastify requires `https` and `http2` when it loads, and undici's HTTP/2 client file `http2`,
 * though a server with no TLS entry point and no HTTP/2 upstream never calls them; loading them
 * initialises Node's TLS and nghttp2 bindings (Node 24: a bare process that loads `crypto` is
 * 45.8 MB, 56.4 MB once `tls`, `http2` and `https` load too; lb-server's idle dist went from
 * 75.3–75.9 to 70.9–71.4 MB without them).
 * Every `require` of one of {@link LAZY_BUILTINS} in the bundle gets a stand-in that loads the real
 * module when a property is first read (`lazyBuiltinSource`). ES `import`s keep the real module:
 * an `import` binds names when the chunk loads, so the app's own modules load these where they are
 * used (`process.getBuiltinModule`). With tsup, set `removeNodeProtocol: false`: its own plugin would
 * resolve the `node:` requires before this one sees them.
 * @returns {import('esbuild').Plugin}
 */
export function lazyBuiltins() {
  const names = LAZY_BUILTINS.join('|');
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:node:)?(?:${names})$`) }, (args) =>
        args.kind === 'require-call' && args.namespace !== 'lazy-builtin'
          ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: lazyBuiltinSource(args.path),
        loader: 'js',
      }));
    },
  };
}
