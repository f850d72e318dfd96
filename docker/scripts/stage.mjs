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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { asciiOutput, CJS_SHIM, lazyBuiltins, schemaCompilerFiles } from './bundle-parts.mjs';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

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
    plugins: [asciiOutput],
    esbuildPlugins: [schemaCompilerFiles(pkgDir), lazyBuiltins()],
    removeNodeProtocol: false, // `lazyBuiltins` sees `node:` requires (tsup's own plugin would resolve them first)
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
