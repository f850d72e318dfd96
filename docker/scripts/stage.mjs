/**
 * Stages one image's files into a folder laid out as the image's `/app`:
 *
 *     package.json          name, version, "type": "module" (lb-server reads its version from it)
 *     dist/<outName>.js     the entry bundled from sources with ALL npm dependencies (tsup, noExternal)
 *     dist/*.js, *.cjs      the chunks it imports on demand, and Fastify's schema compilers
 *     <files>               e.g. static-site's public/, lb-server's dist/dashboard/
 *     healthcheck.mjs       the HEALTHCHECK probe (docker/healthcheck.mjs)
 *
 * Bundling from the TypeScript sources (workspace packages through the `junction-source`
 * condition, as the packages' own tsup configs do) rather than from `dist/` keeps the image
 * independent of a concurrent `nx build` that cleans `dist/`, and needs no prior build except for
 * lb-server's dashboard assets. Code splitting keeps what a process loads only when configured or
 * used (lb-server's Docker and Swarm providers, ACME, default certificate, cluster roles) out of
 * the modules it loads at start: V8 holds the source of every module it loads (issue #12).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// CommonJS dependencies bundled into an ES module still call `require('fs')` and read
// `__dirname`: give them both (relative to the bundle, /app/dist in the image).
const CJS_SHIM = [
  "import { createRequire as __junctionCreateRequire } from 'node:module';",
  "import { fileURLToPath as __junctionFileURLToPath } from 'node:url';",
  'const require = __junctionCreateRequire(import.meta.url);',
  'const __filename = __junctionFileURLToPath(import.meta.url);',
  "const __dirname = __junctionFileURLToPath(new globalThis.URL('.', import.meta.url));",
].join('\n');

/**
 * Every non-ASCII character of the bundle as a `\uXXXX` escape (an identity escape `\μ` loses its
 * backslash; U+2028/U+2029 stay). V8 holds a module's source as a one-byte string only when all of
 * it is Latin-1, so one `→` in a kept comment or a `μ` in a regular expression doubles the resident
 * source of the whole bundle: ≈ 8 MB for lb-server's. Same as `asciiOutput` in lb-server's
 * `tsup.config.ts`, whose test checks what the escape means.
 * @type {import('tsup').Options['plugins'][number]}
 */
const ASCII_OUTPUT = {
  name: 'ascii-output',
  renderChunk: (code) => ({ code: asciiEscape(code) }),
};

/** `code` with every non-ASCII character as a `\uXXXX` escape (see {@link ASCII_OUTPUT}). */
function asciiEscape(code) {
  return code.replace(
    /(\\*)([\u0080-\u2027\u202a-\uffff])/g,
    (_, slashes, c) =>
      `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Fastify's schema compilers, and the file of its own each is built into (next to the chunks). */
const SCHEMA_COMPILERS = {
  '@fastify/ajv-compiler': 'fastify-ajv-compiler.cjs',
  '@fastify/fast-json-stringify-compiler': 'fastify-fast-json-stringify-compiler.cjs',
};

/**
 * For an app on Fastify: builds each of Fastify's schema compilers (Ajv, ajv-formats,
 * fast-json-stringify…) minified into a CommonJS file of its own next to the chunks, and makes the
 * chunks `require` that file where they name the package, so a process loads ≈ 1 MB of their
 * source only when it first validates (lb-server's `src/server/lazy-schema-compilers.ts`). Same as
 * `schemaCompilerFiles` in lb-server's `tsup.config.ts`, which `test/dist-bundle.test.ts` runs.
 * @param {string} pkgDir the app's package folder (Fastify is resolved from it)
 * @returns {import('esbuild').Plugin}
 */
function schemaCompilerFiles(pkgDir) {
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
          writeFileSync(join(outDir, file), asciiEscape(outputFiles[0].text));
        }
      });
    },
  };
}

/**
 * Stages `spec` into `outDir` (emptied first); returns notes about optional files left out.
 * @param {import('./images.mjs').ImageSpec} spec
 * @param {string} outDir
 * @param {{ optional?: boolean }} [options] `optional: false` leaves optional files out
 * @returns {Promise<string[]>}
 */
export async function stageImage(spec, outDir, options = {}) {
  const pkgDir = join(ROOT, 'packages', spec.name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'dist'), { recursive: true });
  await build({
    config: false,
    entry: { [spec.outName]: join(pkgDir, spec.entry) },
    outDir: join(outDir, 'dist'),
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    bundle: true,
    splitting: true,
    sourcemap: false,
    dts: false,
    clean: false,
    silent: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    banner: { js: CJS_SHIM },
    plugins: [ASCII_OUTPUT],
    esbuildPlugins: [schemaCompilerFiles(pkgDir)],
    esbuildOptions(options) {
      options.conditions = ['junction-source'];
    },
  });
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const manifest = { name: pkg.name, version: pkg.version, private: true, type: 'module', license: pkg.license };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(ROOT, 'docker/healthcheck.mjs'), join(outDir, 'healthcheck.mjs'));
  const notes = [];
  for (const file of spec.files) {
    const from = join(pkgDir, file.from);
    if (file.optional === true && options.optional === false) continue;
    if (!existsSync(from)) {
      if (file.optional === true) {
        notes.push(`${spec.name}: no ${file.from}: the image has no ${file.why}`);
        continue;
      }
      throw new Error(`${spec.name}: ${file.from} is missing (${file.why})`);
    }
    cpSync(from, join(outDir, file.to), { recursive: true });
  }
  return notes;
}
