/**
 * `redirectRegex` (Traefik): matches `regex` (Go syntax, linear-time via lb-core) against the
 * request's full URL, `scheme://host[:port]/path?query` with the Host header as sent, and when it
 * matches redirects to the URL with every match replaced by `replacement` (Go expansion: `${1}`,
 * `${name}`; `$1x` means the group named `1x`). As in Traefik, a URL the replacement leaves as it
 * was passes on, and the status is 302 for GET and 307 otherwise, or 301 and 308 with `permanent`.
 * A replaced URL Go's `url.Parse` would refuse (control characters, a bad `%` escape, a `%` escape
 * of an ASCII character in the host) is answered 502, as Traefik's error handler does; spaces and
 * non-ASCII characters go into `Location` percent-encoded, as Go writes them.
 */
import { STATUS_CODES } from '../node-http';
import type { ConfigReader } from './config-reader';
import { requestHeader, type Middleware, type MiddlewareResponse } from './middleware';
import { compileRegexOption } from './regex-option';

/** Control characters (Go: "invalid control character in URL") or a `%` without two hex digits. */
const UNPARSABLE = /[\u0000-\u001f\u007f]|%(?![0-9A-Fa-f]{2})/;
/** The host of an absolute URL (after any `userinfo@`). */
const HOST = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/;

/** True when Go's `url.Parse` refuses the URL. */
function unparsable(url: string): boolean {
  return UNPARSABLE.test(url) || /%[0-7]/.test(HOST.exec(url)?.[1] ?? '');
}

/** A surrogate half without its pair (it has no UTF-8 form; Go would hold U+FFFD there). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The Location value of a replaced URL: spaces and non-ASCII characters percent-encoded. */
function toLocation(url: string): string {
  return url.replace(/[\u0020\u0080-\uffff]+/g, (run) => encodeURIComponent(run.replace(LONE_SURROGATE, '\ufffd')));
}

/** Builds a `redirectRegex` middleware. */
export function createRedirectRegex(name: string, options: ConfigReader): Middleware {
  const source = (options.string('regex', true) ?? '').trim();
  const replacement = (options.string('replacement') ?? '').trim();
  const permanent = options.bool('permanent') ?? false;
  options.done();
  const re = compileRegexOption(source, options.at('regex'));
  const [getStatus, otherStatus] = permanent ? [301, 308] : [302, 307];
  const answer = (status: number, headers: Record<string, string> = {}): MiddlewareResponse => ({
    status,
    headers,
    body: STATUS_CODES[status] ?? '',
  });
  return {
    name,
    type: 'redirectRegex',
    handle(ctx) {
      const host = requestHeader(ctx, 'host') ?? ctx.host;
      const oldURL = `${ctx.scheme}://${host}${ctx.path}${ctx.query === '' ? '' : `?${ctx.query}`}`;
      if (!re.test(oldURL)) return undefined;
      const newURL = re.replaceAll(oldURL, replacement);
      if (unparsable(newURL)) return answer(502);
      if (newURL === oldURL) return undefined;
      return answer(ctx.method === 'GET' ? getStatus : otherStatus, { location: toLocation(newURL) });
    },
  };
}
