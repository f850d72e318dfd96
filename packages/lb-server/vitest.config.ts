import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';
import { E2E_FILES } from './vitest.e2e.config.ts';

// The `test` target: everything but the e2e suites (vitest.e2e.config.ts, the `e2e` target).
// Each test file gets its own XDG_STATE_HOME (the overrides state file's default folder).
export default mergeConfig(sharedVitestConfig, {
  test: { setupFiles: ['test/support/isolate-state-home.ts'], exclude: E2E_FILES },
});
