import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// Each test file gets its own XDG_STATE_HOME (the overrides state file's default folder).
export default mergeConfig(sharedVitestConfig, { test: { setupFiles: ['test/support/isolate-state-home.ts'] } });
