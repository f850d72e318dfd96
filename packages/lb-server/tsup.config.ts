import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * `code` with every non-ASCII character written as a `\uXXXX` escape. V8 keeps a module's source
 * in memory for as long as it runs, as a one-byte string only when every character is Latin-1: one
 * `→` in a kept comment or a `μ` in a regular expression doubles it (dist: ≈ 0.8 MB resident).
 * esbuild already escapes strings and templates; the escape means the same in a regular expression,
 * a comment or an identifier, and an identity escape (`\μ`) loses its backslash (it meant `μ`).
 * U+2028/U+2029 stay as they are (line terminators in a comment). `docker/scripts/stage.mjs` does
 * the same for the images' bundle.
 */
export function asciiEscape(code: string): string {
  return code.replace(
    /(\\*)([\u0080-\u2027\u202a-\uffff])/g,
    (_, slashes: string, c: string) =>
      `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** {@link asciiEscape} on every emitted chunk. */
export const asciiOutput: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-output',
  renderChunk: (code) => ({ code: asciiEscape(code) }),
};

/**
 * Lets the CommonJS dependencies bundled into an ES module call `require` (esbuild's `__require`
 * calls the `require` in scope: Node builtins, and what stays outside the chunks) and read
 * `__filename`/`__dirname` (those of the emitted chunk, in `dist/`). `globalThis.URL`, because a
 * bundled module may declare a top-level `URL` of its own in the same chunk.
 */
export const CJS_SHIM = [
  "import { createRequire as __junctionCreateRequire } from 'node:module';",
  "import { fileURLToPath as __junctionFileURLToPath } from 'node:url';",
  'const require = __junctionCreateRequire(import.meta.url);',
  'const __filename = __junctionFileURLToPath(import.meta.url);',
  "const __dirname = __junctionFileURLToPath(new globalThis.URL('.', import.meta.url));",
].join('\n');

/**
 * Packages that stay a runtime `require` of `node_modules` although the bundle reaches them:
 * - `pino-pretty`: a dev dependency, optional, `createRequire`d by `src/log.ts`.
 * - `thread-stream`: pino's transports start it on a worker file it finds by path next to itself.
 *   Junction writes through `pino.destination` and never starts one; pino requires it at start.
 * - `ssh2` and its native, optional `cpu-features`: dockerode's SSH connections.
 */
export const RUNTIME_EXTERNAL: readonly string[] = ['pino-pretty', 'thread-stream', 'ssh2', 'cpu-features'];

/** Every specifier but those of {@link RUNTIME_EXTERNAL} (a package or a file in it). */
const BUNDLED = new RegExp(`^(?!(?:${RUNTIME_EXTERNAL.join('|')})(?:/|$))`);

/** Fastify's schema compilers, and the file of its own each is built into (next to the chunks). */
const SCHEMA_COMPILERS: Readonly<Record<string, string>> = {
  '@fastify/ajv-compiler': 'fastify-ajv-compiler.cjs',
  '@fastify/fast-json-stringify-compiler': 'fastify-fast-json-stringify-compiler.cjs',
};

/**
 * Builds each of Fastify's schema compilers (with Ajv, ajv-formats, fast-json-stringify…) into a
 * CommonJS file of its own in the output folder, and makes the chunks `require` that file where
 * they name the package. `src/server/lazy-schema-compilers.ts` requires them on a route's first
 * validation, and Fastify's default schema controller would: inlined in a chunk, their ≈ 1 MB of
 * source would be held by every process, even one that never validates (+2.3 MB resident at idle);
 * left in `node_modules`, their ≈ 160 files made the first API request cost +14 MB resident,
 * mostly V8 optimising Node's module loader (see below). Resolved from Fastify's folder, as
 * Fastify finds them. Minified (names kept): V8 holds a module's source as long as it runs, and
 * the first validation cost 1.6 MB less resident with half the source.
 */
export const schemaCompilerFiles: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'schema-compiler-files',
  setup(build) {
    const fastifyDir = dirname(createRequire(import.meta.url).resolve('fastify'));
    const names = Object.keys(SCHEMA_COMPILERS).map((n) => n.replace('/', '\\/'));
    build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})$`) }, (args) => ({
      path: `./${SCHEMA_COMPILERS[args.path]}`,
      external: true,
    }));
    build.onStart(async () => {
      const outDir = build.initialOptions.outdir;
      if (outDir === undefined) throw new Error('schema-compiler-files needs an output folder');
      await mkdir(outDir, { recursive: true });
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
        await writeFile(join(outDir, file), asciiEscape(outputFiles[0]?.text ?? ''));
      }
    });
  },
};

/**
 * Builds the runnable proxy for Node 22+: ES modules in `dist/`, `main.js` and the chunks it
 * `import()`s on demand (the Docker and Swarm providers, ACME, the dashboard, metrics, cluster
 * roles), so an idle process loads only what it runs. Workspace packages (`@junction/lb-core`) are
 * bundled from their TypeScript sources (the `junction-source` export condition), and so are the
 * npm dependencies, as in the images (`docker/scripts/stage.mjs`): a few chunk files instead of
 * ≈ 360 CommonJS files resolved at start. Resolving those made Node's module loader hot enough
 * for V8 to optimise it during start-up, which pages in V8's optimising compilers from the node
 * binary (issue #12, idle memory: ≈ −5 MB resident). {@link RUNTIME_EXTERNAL} stays outside, and
 * {@link schemaCompilerFiles} builds Fastify's schema compilers beside the chunks.
 */
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  clean: true,
  sourcemap: true,
  dts: false,
  splitting: true,
  // tsup bundles what `noExternal` matches, whatever `external` says.
  noExternal: [BUNDLED],
  external: [...RUNTIME_EXTERNAL],
  banner: { js: CJS_SHIM },
  plugins: [asciiOutput],
  esbuildPlugins: [schemaCompilerFiles],
  esbuildOptions(options) {
    options.conditions = ['junction-source'];
  },
});
