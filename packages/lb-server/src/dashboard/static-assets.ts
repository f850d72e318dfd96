/**
 * The dashboard's built files (Vite's output), read once at startup into a map of URL path →
 * bytes, content type and ETag. Serving is a map lookup: a request can only ever get a file that
 * was in the folder at startup, so path traversal has nothing to reach; requests whose path
 * holds `..`, a backslash or a NUL are refused all the same (400), as a clear signal.
 *
 * Vite names bundles by content hash (`assets/index-3f9a1c.js`), so those are cached for a year
 * (`immutable`); `index.html` is revalidated on each load (`no-cache` + ETag → 304).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file ready to send. */
export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong ETag, quoted. */
  readonly etag: string;
  readonly cacheControl: string;
}

/** Content types by extension (lower case); others are `application/octet-stream`. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** Reads every file under `dir` into a map keyed by its URL path relative to `dir` (`index.html`, `assets/x.js`). */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  const files: string[] = [];
  walk(dir, files);
  for (const file of files) {
    const path = relative(dir, file).split(sep).join('/');
    const body = readFileSync(file);
    assets.set(
      path,
      Object.freeze({
        body,
        contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        cacheControl: path.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
      }),
    );
  }
  return assets;
}

/** What a request path (below `/dashboard/`, already without the query) resolves to. */
export type AssetLookup =
  | { readonly kind: 'asset'; readonly path: string; readonly asset: Asset }
  | { readonly kind: 'bad' }
  | { readonly kind: 'missing' };

/** Finds the asset for `rest` (the URL path after `/dashboard/`); `''` is `index.html`. */
export function lookupAsset(assets: ReadonlyMap<string, Asset>, rest: string): AssetLookup {
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    return { kind: 'bad' };
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((seg) => seg === '..' || seg === '.'))
    return { kind: 'bad' };
  if (path === '' || path.endsWith('/')) path = `${path}index.html`;
  const asset = assets.get(path);
  return asset === undefined ? { kind: 'missing' } : { kind: 'asset', path, asset };
}

/**
 * Where the built dashboard is: next to the bundle (`dist/dashboard/`, when running the tsup
 * build) or, when running from sources, in the package's `dist/dashboard/`. The first that holds
 * an `index.html` wins; `undefined` when the dashboard was not built.
 */
export function defaultAssetsDir(): string | undefined {
  const candidates = [new URL('./dashboard/', import.meta.url), new URL('../../dist/dashboard/', import.meta.url)];
  for (const url of candidates) {
    if (url.protocol !== 'file:') continue;
    const dir = fileURLToPath(url);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}
