import { defineConfig } from 'tsup';

/**
 * Bundles the process entry (with the joke data) into one ESM file; dependencies stay external.
 * static-site's config is the same on purpose: each demo app builds on its own.
 */
export default defineConfig({
  entry: { server: 'src/server.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  clean: true,
  sourcemap: true,
  dts: false,
});
