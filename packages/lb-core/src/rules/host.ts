/**
 * Host canonicalisation as Traefik's request decorator does it (`requestdecorator.parseHost` +
 * `types.CanonicalDomain`): strip the port with Go's `net.SplitHostPort` when the value contains a
 * colon (keeping the value unchanged when it does not split), trim spaces, lower-case.
 *
 * Consequences kept on purpose: `[::1]:80` becomes `::1`, but a bracketed IPv6 literal without a
 * port (`[::1]`) stays `[::1]`, and a bare `::1` stays `::1`, exactly as in Traefik.
 */

/** The canonical form of a Host header value, as Host and HostRegexp (v3) matchers see it. */
export function canonicalHost(raw: string): string {
  const fast = plainHost(raw);
  if (fast !== undefined) return fast;
  const host = raw.includes(':') ? (splitHostPort(raw) ?? raw) : raw;
  return host.trim().toLowerCase();
}

/**
 * Go's `net.SplitHostPort` host part, or `undefined` where Go returns an error
 * (missing port, too many colons, misplaced brackets). The port itself is not validated.
 */
export function splitHostPort(hostport: string): string | undefined {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return undefined;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== i) return undefined;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return undefined;
  }
  if (hostport.indexOf('[', j) >= 0 || hostport.indexOf(']', k) >= 0) return undefined;
  return host;
}

/**
 * True when Traefik's Host matcher for the (lower-cased) rule host `host` accepts the canonical
 * request host `reqHost`: equal, or equal up to one trailing dot on either side.
 */
export function hostEquals(reqHost: string, host: string): boolean {
  if (reqHost.length === 0) return false;
  if (reqHost === host) return true;
  const hl = host.length;
  const rl = reqHost.length;
  if (hl > 0 && host.charCodeAt(hl - 1) === 0x2e && rl === hl - 1 && host.startsWith(reqHost)) return true;
  return rl > 0 && reqHost.charCodeAt(rl - 1) === 0x2e && rl === hl + 1 && reqHost.startsWith(host);
}

/** The host index key: the canonical host without trailing dots (a match implies equal keys). */
export function hostKey(canonical: string): string {
  let end = canonical.length;
  while (end > 0 && canonical.charCodeAt(end - 1) === 0x2e) end--;
  return end === canonical.length ? canonical : canonical.slice(0, end);
}

/** True for strings that contain only ASCII, as Traefik requires of Host and HostRegexp values. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Fast path for the common shapes `host` and `host:port` that are already canonical: lower-case
 * ASCII, no white space or control characters, no brackets, at most one colon. Returns the host,
 * or `undefined` to take the general path.
 */
function plainHost(s: string): string | undefined {
  let colon = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) {
      if (colon >= 0) return undefined;
      colon = i;
    } else if (c <= 0x20 || c > 0x7e || (c >= 0x41 && c <= 0x5a) || c === 0x5b || c === 0x5d) return undefined;
  }
  return colon < 0 ? s : s.slice(0, colon);
}
