/**
 * Vitest configuration of lb-server's `e2e` target (`npx nx run lb-server:e2e`, `npm run e2e -w
 * @junction/lb-server`): the suites that need more than loopback servers — a Docker engine the
 * tests start (test/docker, the compose and dashboard-container suites), Chromium (the dashboard's
 * `*.e2e.test.ts`), Pebble (the ACME suites) or the demo apps built as images or bundles
 * (`npm start`, compose). They run apart from `test` so `nx test` stays fast and cacheable; CI
 * (scripts/test.sh) runs both. `E2E_FILES` is the one list: vitest.config.ts excludes it.
 */
import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

/** Test files of the e2e target, relative to this package. */
export const E2E_FILES = [
  // Chromium, Docker (compose, containers API, the provider through Junction), `npm start`.
  'test/**/*.e2e.test.ts',
  // The Docker provider against a real engine.
  'test/docker/**/*.test.ts',
  // ACME against Pebble.
  'test/acme-e2e.test.ts',
  'test/acme-pebble.*.test.ts',
  'test/certificates-acme-api.test.ts',
];

export default defineConfig({
  ssr: sharedVitestConfig.ssr,
  test: {
    include: E2E_FILES,
    exclude: sharedVitestConfig.test?.exclude,
    // Each test file gets its own XDG_STATE_HOME (the overrides state file's default folder).
    setupFiles: ['test/support/isolate-state-home.ts'],
  },
});
