/**
 * Vitest configuration of the swarm suite (`npm run swarm`, `npx nx run lb-server:swarm`), kept
 * apart from `nx test`: it turns the shared engine into a swarm manager, which other Docker test
 * files must not see, so it runs alone, after them (scripts/test.sh), one file at a time. The
 * files are `*.swarm.ts`, which the package's own `test/**\/*.test.ts` never picks up.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../../../vitest.shared.ts';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  ssr: sharedVitestConfig.ssr,
  test: {
    include: ['test/swarm/**/*.swarm.ts'],
    setupFiles: ['test/support/isolate-state-home.ts'],
    globalSetup: ['test/swarm/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
