/**
 * The three images Junction's Docker setup builds, as data: which package, which entry file is
 * bundled (with every npm dependency, so the image needs no `npm install`), which built or static
 * files travel with it, and the image name. `build-image.mjs` reads it; the Dockerfiles in
 * `packages/<name>/Dockerfile` copy the staged folder `docker/.build/<name>/` as `/app`.
 */

/**
 * @typedef {object} ImageSpec
 * @property {string} name package folder under `packages/`, also the Nx project name
 * @property {string} image default image name (tagged `:latest` unless told otherwise)
 * @property {string} entry TypeScript entry bundled to `dist/<outName>.js`
 * @property {string} outName bundle file name without extension (`main` → `/app/dist/main.js`)
 * @property {readonly { from: string; to: string; optional?: boolean; why: string }[]} files
 *   folders copied next to the bundle, relative to the package and to `/app`
 */

/** @type {Readonly<Record<string, ImageSpec>>} */
export const IMAGES = {
  'lb-server': {
    name: 'lb-server',
    image: 'junction/lb-server',
    entry: 'src/main.ts',
    outName: 'main',
    files: [
      // Built by `npm run build -w @junction/lb-server` (Vite); served from `dist/dashboard/` next to main.js.
      {
        from: 'dist/dashboard',
        to: 'dist/dashboard',
        optional: true,
        why: 'dashboard (run `npx nx build lb-server` first)',
      },
    ],
  },
  'jokes-api': {
    name: 'jokes-api',
    image: 'junction/jokes-api',
    entry: 'src/server.ts',
    outName: 'server',
    files: [],
  },
  'static-site': {
    name: 'static-site',
    image: 'junction/static-site',
    entry: 'src/server.ts',
    outName: 'server',
    // The server finds the page as `new URL('../public', import.meta.url)`.
    files: [{ from: 'public', to: 'public', why: 'the page' }],
  },
};

/** The names of {@link IMAGES}, in build order. */
export const IMAGE_NAMES = Object.freeze(Object.keys(IMAGES));
