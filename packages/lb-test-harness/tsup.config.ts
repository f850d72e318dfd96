import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'fixed-backend': 'src/bench/fixed-backend.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  // undici is used from the workspace root (installed for lb-server); it is CommonJS and must
  // not be bundled into ESM.
  external: ['undici'],
  target: 'node22',
  esbuildOptions(options) {
    options.conditions = ['junction-source'];
  },
});
