import { defineConfig } from 'tsup';

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
  esbuildOptions(options) {
    options.conditions = ['junction-source'];
  },
});
