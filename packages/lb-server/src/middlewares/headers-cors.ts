/**
 * The CORS part of Traefik's `headers` middleware. A preflight (OPTIONS with `Origin` and
 * `Access-Control-Request-Method`) is answered 200 by the middleware itself with the allow
 * headers; other requests get `Access-Control-Allow-Origin` (the matching list entry, `*` when
 * the list holds it, or the origin itself for a regex match), `-Allow-Credentials`,
 * `-Expose-Headers`, and with `addVaryHeader` an `Origin` appended to the upstream's `Vary`.
 */
import type { ConfigReader } from './config-reader';
import { requestHeader, type MiddlewareResponse, type ProxyContext, type ResponseHeaderBag } from './middleware';
import { compileRegexOption } from './regex-option';

/** Compiled CORS settings. */
export interface Cors {
  /** Answers a preflight, or `undefined` when the request is not one. */
  preflight(ctx: ProxyContext): MiddlewareResponse | undefined;
  /** Adds the CORS headers of an actual (non-preflight) request to `ctx.responseHeaders`. */
  decorate(ctx: ProxyContext): void;
  /** Appends `Origin` to the upstream's `Vary`, when `addVaryHeader` is set. */
  readonly vary: ((headers: ResponseHeaderBag) => void) | undefined;
}

/** Reads the `accessControl*` and `addVaryHeader` options; `undefined` when none is set. */
export function readCors(options: ConfigReader): Cors | undefined {
  const credentials = options.bool('accessControlAllowCredentials') ?? false;
  const allowHeaders = (options.list('accessControlAllowHeaders') ?? []).join(',');
  const allowMethods = (options.list('accessControlAllowMethods') ?? []).join(',');
  const origins = options.list('accessControlAllowOriginList') ?? [];
  const originRegexSources = options.list('accessControlAllowOriginListRegex') ?? [];
  const exposeHeaders = (options.list('accessControlExposeHeaders') ?? []).join(',');
  const maxAge = options.int('accessControlMaxAge') ?? 0;
  const addVary = options.bool('addVaryHeader') ?? false;
  const defined =
    credentials ||
    allowHeaders !== '' ||
    allowMethods !== '' ||
    origins.length > 0 ||
    originRegexSources.length > 0 ||
    exposeHeaders !== '' ||
    maxAge !== 0 ||
    addVary;
  if (!defined) return undefined;
  const originRegexes = originRegexSources.map((source, i) =>
    compileRegexOption(source, options.at('accessControlAllowOriginListRegex', i)),
  );
  const allowedOrigin = (origin: string | undefined): string | undefined => {
    if (origin === undefined) return origins.includes('*') ? '*' : undefined;
    for (const item of origins) if (item === '*' || item === origin) return item;
    return originRegexes.some((re) => re.test(origin)) ? origin : undefined;
  };
  return {
    preflight(ctx) {
      if (ctx.method !== 'OPTIONS') return undefined;
      const origin = requestHeader(ctx, 'origin');
      if (origin === undefined || requestHeader(ctx, 'access-control-request-method') === undefined) return undefined;
      const headers: Record<string, string> = {};
      if (credentials) headers['access-control-allow-credentials'] = 'true';
      if (allowHeaders !== '') headers['access-control-allow-headers'] = allowHeaders;
      if (allowMethods !== '') headers['access-control-allow-methods'] = allowMethods;
      const allowed = allowedOrigin(origin);
      if (allowed !== undefined) headers['access-control-allow-origin'] = allowed;
      headers['access-control-max-age'] = String(maxAge);
      return { status: 200, headers };
    },
    decorate(ctx) {
      const allowed = allowedOrigin(requestHeader(ctx, 'origin'));
      if (allowed !== undefined) ctx.responseHeaders['access-control-allow-origin'] = allowed;
      if (credentials) ctx.responseHeaders['access-control-allow-credentials'] = 'true';
      if (exposeHeaders !== '') ctx.responseHeaders['access-control-expose-headers'] = exposeHeaders;
    },
    vary: addVary ? appendVaryOrigin : undefined,
  };
}

/** Appends `Origin` to a `Vary` header unless it already names it. */
export function appendVaryOrigin(headers: ResponseHeaderBag): void {
  const current = headers.vary;
  const text = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  if (text.split(',').some((v) => v.trim().toLowerCase() === 'origin')) return;
  headers.vary = text.trim() === '' ? 'Origin' : `${text},Origin`;
}
