/**
 * `Cache-Control` for files served from `public/`. HTML must be revalidated on every load
 * (`no-cache`, answered cheaply with 304 thanks to the ETag) so a redeploy shows at once;
 * other assets may be reused for a short while without asking.
 */

/** Max-age, in seconds, of non-HTML assets: short, because file names are not fingerprinted. */
export const ASSET_MAX_AGE_S = 300;

/** Returns the `Cache-Control` value for a served file path. */
export function cacheControlFor(path: string): string {
  return /\.html?$/i.test(path) ? 'no-cache' : `public, max-age=${ASSET_MAX_AGE_S}`;
}
