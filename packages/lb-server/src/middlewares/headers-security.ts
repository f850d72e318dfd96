/**
 * The security-header part of Traefik's `headers` middleware (its `unrolled/secure` options),
 * computed once at construction: frame options, nosniff, XSS filter, HSTS, referrer policy, CSP,
 * permissions policy, and the `allowedHosts` check. HSTS is only sent over HTTPS unless
 * `forceSTSHeader`; `isDevelopment` turns off HSTS and the host check, as in Traefik.
 */
import type { ConfigReader } from './config-reader';
import { requestHeader, type MiddlewareResponse, type ProxyContext } from './middleware';

/** Compiled security-header settings. */
export interface Security {
  /** Refuses a request whose host is not allowed (500 "Bad Host", as Traefik), else `undefined`. */
  checkHost(ctx: ProxyContext): MiddlewareResponse | undefined;
  /** Adds the security headers to `ctx.responseHeaders`. */
  decorate(ctx: ProxyContext): void;
}

const BAD_HOST: MiddlewareResponse = Object.freeze({ status: 500, body: 'Bad Host' });

/** Reads the security options; `undefined` when none is set. */
export function readSecurity(options: ConfigReader): Security | undefined {
  const always: Array<[string, string]> = [];
  const add = (header: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') always.push([header, value]);
  };
  const frameDeny = options.bool('frameDeny') ?? false;
  add('x-frame-options', options.string('customFrameOptionsValue') || (frameDeny ? 'DENY' : undefined));
  add('x-content-type-options', options.bool('contentTypeNosniff') ? 'nosniff' : undefined);
  const xss = options.bool('browserXssFilter') ?? false;
  add('x-xss-protection', options.string('customBrowserXSSValue') || (xss ? '1; mode=block' : undefined));
  add('content-security-policy', options.string('contentSecurityPolicy'));
  add('content-security-policy-report-only', options.string('contentSecurityPolicyReportOnly'));
  add('referrer-policy', options.string('referrerPolicy'));
  add('permissions-policy', options.string('permissionsPolicy'));
  const development = options.bool('isDevelopment') ?? false;
  const stsSeconds = options.int('stsSeconds', 0) ?? 0;
  const subdomains = options.bool('stsIncludeSubdomains') ? '; includeSubDomains' : '';
  const preload = options.bool('stsPreload') ? '; preload' : '';
  const sts = stsSeconds > 0 && !development ? `max-age=${stsSeconds}${subdomains}${preload}` : undefined;
  const forceSts = options.bool('forceSTSHeader') ?? false;
  const hosts = options.list('allowedHosts') ?? [];
  const allowedHosts = development ? [] : hosts;
  const hostsProxyHeaders = (options.list('hostsProxyHeaders') ?? []).map((h) => h.toLowerCase());
  if (always.length === 0 && sts === undefined && allowedHosts.length === 0) return undefined;
  return {
    checkHost(ctx) {
      if (allowedHosts.length === 0) return undefined;
      let host = requestHeader(ctx, 'host') ?? ctx.host;
      for (const header of hostsProxyHeaders) {
        const value = requestHeader(ctx, header);
        if (value !== undefined) {
          host = value;
          break;
        }
      }
      return allowedHosts.includes(host) ? undefined : BAD_HOST;
    },
    decorate(ctx) {
      for (const [header, value] of always) ctx.responseHeaders[header] = value;
      if (sts !== undefined && (forceSts || ctx.scheme === 'https'))
        ctx.responseHeaders['strict-transport-security'] = sts;
    },
  };
}
