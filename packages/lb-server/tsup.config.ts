import { defineConfig, type Options } from 'tsup';

/**
 * Writes every non-ASCII character of the output as a `\uXXXX` escape. V8 keeps a module's source
 * in memory for as long as it runs, as a one-byte string only when every character is Latin-1: one
 * `→` in a kept comment or a `μ` in a regular expression doubles it (dist: ≈ 0.8 MB resident).
 * esbuild already escapes strings and templates; the escape means the same in a regular expression,
 * a comment or an identifier, and an identity escape (`\μ`) loses its backslash (it meant `μ`).
 * U+2028/U+2029 stay as they are (line terminators in a comment). `docker/scripts/stage.mjs` does
 * the same for the images' bundle.
 */
export const asciiOutput: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-output',
  renderChunk: (code) => ({
    code: code.replace(
      /(\\*)([\u0080-\u2027\u202a-\uffff])/g,
      (_, slashes: string, c: string) =>
        `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  }),
};

/**
 * Builds the runnable proxy: one ESM bundle `dist/main.js` for Node 22+. Workspace packages
 * (`@junction/lb-core`) are bundled from their TypeScript sources (the `junction-source` export
 * condition), so the output runs without building them first; npm dependencies stay external —
 * also Fastify's schema compilers, which `src/server/lazy-schema-compilers.ts` requires by name
 * though they are Fastify's dependencies, not ours (tsup would otherwise inline them).
 */
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  clean: true,
  sourcemap: true,
  dts: false,
  noExternal: [/^@junction\//],
  external: ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
  plugins: [asciiOutput],
  esbuildOptions(options) {
    options.conditions = ['junction-source'];
  },
});
