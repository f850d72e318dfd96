/**
 * `headers` (Traefik): custom request and response headers (an empty value removes the header;
 * a `Host` request header replaces the Host sent upstream), CORS (see `headers-cors.ts`) and
 * security headers (see `headers-security.ts`). Order as in Traefik: a CORS preflight is answered
 * first, before anything else; then the host check; then headers are set. Response headers
 * are layered as in Traefik: security, then custom (overriding them), then CORS.
 */
import type { ConfigReader } from './config-reader';
import { readCors } from './headers-cors';
import { readSecurity } from './headers-security';
import type { Middleware } from './middleware';

function lowerKeys(map: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(map ?? {}).map(([k, v]) => [k.toLowerCase(), v]);
}

/** Builds a `headers` middleware. */
export function createHeaders(name: string, options: ConfigReader): Middleware {
  const requestHeaders = lowerKeys(options.stringMap('customRequestHeaders'));
  const responseHeaders = lowerKeys(options.stringMap('customResponseHeaders'));
  const cors = readCors(options);
  const security = readSecurity(options);
  options.done();
  const vary = cors?.vary;
  return {
    name,
    type: 'headers',
    handle(ctx) {
      const preflight = cors?.preflight(ctx);
      if (preflight !== undefined) return preflight;
      const refused = security?.checkHost(ctx);
      if (refused !== undefined) return refused;
      for (const [header, value] of requestHeaders) ctx.upstreamHeaders[header] = value;
      security?.decorate(ctx);
      for (const [header, value] of responseHeaders) ctx.responseHeaders[header] = value;
      cors?.decorate(ctx);
      return undefined;
    },
    ...(vary ? { onResponse: (_ctx, headers) => vary(headers) } : {}),
  };
}
