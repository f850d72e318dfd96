/**
 * Cross-site request protection for the actions API. Browsers attach remembered Basic
 * credentials to any request to this origin, so an action must prove it was sent by a page of
 * this origin, not by a form or script on another site:
 *
 * 1. the method is POST, PUT, PATCH or DELETE (GET never changes anything);
 * 2. `Content-Type` is `application/json`, which no HTML form can send and which makes a
 *    cross-origin `fetch` preflight, and the API answers no CORS;
 * 3. `Sec-Fetch-Site`, when the browser sends it, is `same-origin` or `none` (typed by the user);
 * 4. `Origin`, when sent, names this very host (`null` origins are refused).
 *
 * Clients that are not browsers (curl, scripts) send neither header and pass 3 and 4; they
 * still need credentials.
 */
import { dashboardError, type DashboardError } from './errors';

/** The request facts the check reads (Node's lower-case header names). */
export interface RequestHeadersView {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The reason to refuse `req` as an action, or `undefined` when it may go on (see module comment). */
export function crossSiteRefusal(req: RequestHeadersView): DashboardError | undefined {
  const method = req.method.toUpperCase();
  if (!UNSAFE.has(method)) return dashboardError('DASH_BAD_REQUEST', `actions use POST or DELETE, not ${method}`);
  const type = first(req.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return dashboardError('DASH_UNSUPPORTED_MEDIA_TYPE', 'actions need Content-Type: application/json');
  const site = first(req.headers['sec-fetch-site'])?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return dashboardError('DASH_CROSS_SITE', `cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  const origin = first(req.headers.origin);
  if (origin !== undefined) {
    const host = first(req.headers.host)?.toLowerCase();
    let originHost: string | undefined;
    try {
      originHost = origin === 'null' ? undefined : new URL(origin).host.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || originHost !== host) {
      return dashboardError('DASH_CROSS_SITE', `cross-site request refused (Origin: ${origin})`);
    }
  }
  return undefined;
}
