import { defineConfig } from 'vitest/config';

/**
 * Vitest settings shared by every package: resolve workspace packages to their TypeScript
 * sources (the `junction-source` export condition), so tests never need a prior build.
 * `ssr.resolve.conditions` is the setting Node-side tests honour; top-level
 * `resolve.conditions` is not. The other entries are Vite's default server conditions.
 */
export const sharedVitestConfig = defineConfig({
  ssr: { resolve: { conditions: ['junction-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
