/**
 * The sticky cookie: its name (derived from the service name, or a sanitised custom name),
 * its attributes, and the exact `Set-Cookie` header value, formatted like Go's
 * `http.SetCookie` as Traefik writes it: `name=value; Path=/; Domain=…; Max-Age=…; HttpOnly;
 * Secure; SameSite=Lax` (attributes that are off are left out).
 */
import { createError } from '../errors';
import { sipHash24, utf8 } from './siphash';

/** `SameSite` policies, as Traefik spells them (any case). Anything else sends no attribute. */
export type SameSite = 'none' | 'lax' | 'strict';

/** Cookie attributes of a sticky session, with Traefik's defaults. */
export interface CookieAttributes {
  /** `Secure`: only sent over HTTPS. Default false. */
  readonly secure?: boolean;
  /** `HttpOnly`: hidden from page scripts. Default false. */
  readonly httpOnly?: boolean;
  /** `SameSite=None|Lax|Strict`; other values (or none) leave the attribute out. */
  readonly sameSite?: SameSite | (string & {});
  /** Seconds: > 0 sends `Max-Age=n`, < 0 sends `Max-Age=0` (expire now), 0 means a session cookie. */
  readonly maxAge?: number;
  /** `Path`. Default `/`; the empty string leaves it out. */
  readonly path?: string;
  /** `Domain`; a leading dot is dropped. Default none. */
  readonly domain?: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const ZERO_KEY = new Uint8Array(16);

/**
 * The default cookie name of a service: `_` and 8 hex digits of an (unkeyed) SipHash of the
 * service name, e.g. `_3f9a0c2e`. Like Traefik's `_` + SHA-1 prefix, it is short, stable
 * across restarts and reveals nothing readable about the service.
 */
export function defaultCookieName(serviceName: string): string {
  const hash = sipHash24(ZERO_KEY, utf8(`junction-service:${serviceName}`));
  return `_${hash.toString(16).padStart(16, '0').slice(0, 8)}`;
}

/**
 * Makes a custom cookie name an RFC 6265 token (RFC 2616 `token`): every other character,
 * separators, controls, spaces and non-ASCII alike, becomes `_`, as Traefik does.
 */
export function sanitizeCookieName(name: string): string {
  let out = '';
  for (const char of name) out += TOKEN_CHAR.test(char) ? char : '_';
  return out;
}

/** The cookie name to use: the sanitised custom name, or the service's default name. */
export function cookieNameFor(cookieName: string | undefined, serviceName: string): string {
  return cookieName ? sanitizeCookieName(cookieName) : defaultCookieName(serviceName);
}

/**
 * Makes a hash output a valid cookie value (RFC 6265 `cookie-octet`s): hex and other safe
 * strings pass unchanged, anything else is percent-encoded.
 */
export function toCookieValue(value: string): string {
  return /^[\w.\-~!*'()]+$/.test(value) ? value : encodeURIComponent(value) || '_';
}

/** True when a `Path` or `Domain` value is safe in a header: printable ASCII without `;`. */
function isAttributeValue(value: string): boolean {
  return /^[\x20-\x3a\x3c-\x7e]*$/.test(value);
}

/**
 * Builds the attribute suffix of the header (`; Path=/; …`) once, validating it.
 * Throws `LB_CONFIG_INVALID` for a path or domain that is not printable ASCII without `;`, or a
 * non-finite max age.
 */
export function cookieAttributes(attributes: CookieAttributes): string {
  const { path = '/', domain = '', maxAge = 0, secure = false, httpOnly = false, sameSite } = attributes;
  if (!isAttributeValue(path))
    throw createError('LB_CONFIG_INVALID', `invalid cookie path ${JSON.stringify(path)}`, {
      path: 'sticky.cookie.path',
    });
  if (!isAttributeValue(domain))
    throw createError('LB_CONFIG_INVALID', `invalid cookie domain ${JSON.stringify(domain)}`, {
      path: 'sticky.cookie.domain',
    });
  if (!Number.isFinite(maxAge))
    throw createError('LB_CONFIG_INVALID', `invalid cookie maxAge ${maxAge}`, { path: 'sticky.cookie.maxAge' });
  let out = '';
  if (path !== '') out += `; Path=${path}`;
  const host = domain.startsWith('.') ? domain.slice(1) : domain;
  if (host !== '') out += `; Domain=${host}`;
  const seconds = Math.trunc(maxAge);
  if (seconds > 0) out += `; Max-Age=${seconds}`;
  else if (seconds < 0) out += '; Max-Age=0';
  if (httpOnly) out += '; HttpOnly';
  if (secure) out += '; Secure';
  const policy = sameSite?.toLowerCase();
  if (policy === 'none') out += '; SameSite=None';
  else if (policy === 'lax') out += '; SameSite=Lax';
  else if (policy === 'strict') out += '; SameSite=Strict';
  return out;
}
