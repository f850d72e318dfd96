import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
// What the images' bundles (`docker/scripts/stage.mjs`) and dist share: the CommonJS shim, the
// ASCII escape, Fastify's schema-compiler files and the lazy TLS/HTTP/2 builtins (each explained there).
import { asciiOutput, CJS_SHIM, lazyBuiltins, schemaCompilerFiles } from '../../docker/scripts/bundle-parts.mjs';

export { asciiOutput, lazyBuiltins };

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

/**
 * Builds the runnable proxy for Node 22+: ES modules in `dist/`, `main.js` and the chunks it
 * `import()`s on demand (the Docker and Swarm providers, ACME, the dashboard, metrics, cluster
 * roles), so an idle process loads only what it runs. Workspace packages (`@junction/lb-core`) are
 * bundled from their TypeScript sources (the `junction-source` export condition), and so are the
 * npm dependencies, as in the images (`docker/scripts/stage.mjs`): a few chunk files instead of
 * ≈ 360 CommonJS files resolved at start. Resolving those made Node's module loader hot enough
 * for V8 to optimise it during start-up, which pages in V8's optimising compilers from the node
 * binary (issue #12, idle memory: ≈ −5 MB resident). {@link RUNTIME_EXTERNAL} stays outside, and
 * `schemaCompilerFiles` builds Fastify's schema compilers beside the chunks.
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
  esbuildPlugins: [schemaCompilerFiles(fileURLToPath(new URL('.', import.meta.url))), lazyBuiltins()],
  removeNodeProtocol: false, // `lazyBuiltins` sees `node:` requires (tsup's own plugin would resolve them first)
  esbuildOptions(options) {
    options.conditions = ['junction-source'];
  },
});
