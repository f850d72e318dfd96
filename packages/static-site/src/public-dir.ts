/**
 * Where the page's files live: `public/` at the package root. Resolved from this module's
 * URL, which is `src/public-dir.ts` when run from sources and `dist/server.js` once bundled;
 * both sit one level below the package root, so `../public` works in either case.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the package's `public/` folder. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
