import { defineConfig } from 'tsup';

/**
 * Bundles the process entry into `dist/server.js` (ESM); dependencies stay external. The
 * page itself is not bundled: `public/` is served as is, found from `dist/` via `../public`.
 * jokes-api's config is the same on purpose: each demo app builds on its own.
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
