/**
 * `redirectScheme` (Traefik): redirects to the same host and URI under another `scheme` and
 * optional `port` (omitted when it is the scheme's default; with no `port` the client's port is
 * dropped). When the target URL equals the request's own URL the request passes on, so the
 * middleware can sit on both entry points. Status codes follow Traefik: GET gets 302, or 301 with
 * `permanent`; any other method gets 307, or 308, which keep the method and body.
 */
import { STATUS_CODES } from '../node-http';
import type { ConfigReader } from './config-reader';
import { requestHeader, type Middleware } from './middleware';

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

/** Splits a Host header into host and `:port` (empty when absent). */
export function splitHost(hostHeader: string): { host: string; port: string } {
  const close = hostHeader.lastIndexOf(']');
  const colon = hostHeader.lastIndexOf(':');
  if (colon === -1 || colon < close || (close === -1 && hostHeader.indexOf(':') !== colon)) {
    return { host: hostHeader, port: '' };
  }
  return { host: hostHeader.slice(0, colon), port: hostHeader.slice(colon) };
}

/** Builds a `redirectScheme` middleware. */
export function createRedirectScheme(name: string, options: ConfigReader): Middleware {
  const scheme = (options.string('scheme', true) ?? '').trim().toLowerCase();
  const port = (options.string('port') ?? '').trim();
  const permanent = options.bool('permanent') ?? false;
  options.done();
  const targetPort = port === '' || DEFAULT_PORTS[scheme] === port ? '' : `:${port}`;
  const [getStatus, otherStatus] = permanent ? [301, 308] : [302, 307];
  return {
    name,
    type: 'redirectScheme',
    handle(ctx) {
      const { host, port: clientPort } = splitHost(requestHeader(ctx, 'host') ?? ctx.host);
      const uri = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
      const ownPort = clientPort === `:${DEFAULT_PORTS[ctx.scheme]}` ? '' : clientPort;
      const target = `${scheme}://${host}${targetPort}${uri}`;
      if (target === `${ctx.scheme}://${host}${ownPort}${uri}`) return undefined;
      const status = ctx.method === 'GET' ? getStatus : otherStatus;
      return { status, headers: { location: target }, body: STATUS_CODES[status] ?? '' };
    },
  };
}
