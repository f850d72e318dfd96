/**
 * The seam between lb-core's path rewrites and {@link ProxyContext}: the path middlewares compute
 * their result with lb-core (`stripPrefix`, `addPrefix`, `replacePathRegex`…) over the path as
 * Traefik's `URL.Path` would hold it, and apply it here.
 *
 * Traefik's path may become empty (a stripPrefix that removes the whole path, without
 * `forceSlash`) or lack its leading `/` (a replacePathRegex replacement); Go still puts `/` first
 * on the wire. `ctx.path` must always be sendable, so it gets that form, and the path Traefik
 * would hold is remembered beside it for the next middleware: strip `/api` then addPrefix `/v1`
 * turns `/api` into `/v1`, as in Traefik, not `/v1/`. Should anything else rewrite `ctx.path`
 * meanwhile, the remembered form no longer applies.
 *
 * A rewrite lb-core marks `refused` (cleaning the new path would change it: a dot segment or `//`
 * that stripPrefix, stripPrefixRegex or replacePathRegex produced) ends the exchange with Traefik
 * v3.7's answer, `http.Error(rw, "Bad Request", 400)`, and leaves the context untouched; one
 * marked `unescapable` (a replacePath or replacePathRegex result with a malformed escape) ends it
 * with Traefik's 500 and Go's `url.PathUnescape` error as the body.
 */
import type { PathRewrite } from '@junction/lb-core';
import type { MiddlewareResponse, MiddlewareResult, ProxyContext } from './middleware';

/** Go's `http.Error(rw, StatusText(400), 400)`: the answer to a refused rewrite. */
const BAD_REQUEST: MiddlewareResponse = Object.freeze({
  status: 400,
  headers: Object.freeze({ 'X-Content-Type-Options': 'nosniff' }),
  body: 'Bad Request\n',
});

/** The path Traefik would hold, for contexts whose `ctx.path` (`sent`) differs from it. */
const held = new WeakMap<ProxyContext, { readonly sent: string; readonly path: string }>();

/** The upstream path as Traefik's middlewares see it (possibly empty). */
export function currentPath(ctx: ProxyContext): string {
  const entry = held.get(ctx);
  return entry !== undefined && entry.sent === ctx.path ? entry.path : ctx.path;
}

/**
 * Applies a rewrite from lb-core: the new path, and its headers (lower-cased) unless an earlier
 * middleware already set them. Traefik adds a second header line; the upstream reads the first,
 * which is the one kept.
 */
export function applyRewrite(ctx: ProxyContext, rewrite: PathRewrite): void {
  const { path, headers } = rewrite;
  const sent = path.startsWith('/') ? path : `/${path}`;
  ctx.path = sent;
  if (sent === path) held.delete(ctx);
  else held.set(ctx, { sent, path });
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (ctx.upstreamHeaders[lower] === undefined) ctx.upstreamHeaders[lower] = value;
  }
}

/** Applies a rewrite ({@link applyRewrite}), or answers 400 (`refused`) or 500 (`unescapable`). */
export function rewriteOrRefuse(ctx: ProxyContext, rewrite: PathRewrite): MiddlewareResult {
  if (rewrite.unescapable !== undefined)
    return { status: 500, headers: BAD_REQUEST.headers, body: `${rewrite.unescapable}\n` };
  if (rewrite.refused === true) return BAD_REQUEST;
  applyRewrite(ctx, rewrite);
  return undefined;
}
