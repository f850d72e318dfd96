// Vitest configuration of the `scripts` project (the tooling's own tests, e.g. the test summary):
// plain ES modules under scripts/test, no workspace package involved.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    exclude: ['**/node_modules/**'],
  },
});
