/**
 * Builds Junction's dashboard (Preact) into `dist/dashboard/`, served by lb-server at
 * `/dashboard/` (hence `base`). No CDN: everything is bundled, system fonts only. `npm run
 * dev:dashboard` serves it with hot reload and forwards `/api` to a Junction on :8080.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
