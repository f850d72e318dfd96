import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    // Scripts the benchmark runs as their own processes, found beside cli.js.
    'fixed-backend': 'src/bench/fixed-backend.ts',
    'reference-proxy': 'src/bench/reference-proxy.ts',
    'fastify-proxy': 'src/bench/fastify-proxy.ts',
  },
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
