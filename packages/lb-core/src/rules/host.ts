/**
 * The request host as each Traefik matcher sees it, and host comparison:
 * - v2/v3 `Host` and v3 `HostRegexp` read the canonical host of Traefik's request decorator
 *   (`requestdecorator.parseHost` + `types.CanonicalDomain`, v2.8.5+): Go's `net.SplitHostPort`
 *   when the value has a colon; where that fails, a bracketed literal loses its brackets
 *   (`[::1]` → `::1`) and anything else is kept; then spaces are trimmed and letters lower-cased;
 * - v1 `Host` reads Traefik 1.7's canonical host, the same without the bracket rule (`[::1]` stays);
 * - v2 `HostRegexp` templates read the raw host through containous/mux's `parseHost` (split off the
 *   port when `SplitHostPort` succeeds, nothing else), v1 templates the raw host cut at its first `:`
 *   (containous/mux as of Traefik 1.7); both match case-insensitively (`(?i)`, see mux-template).
 * Rule hosts compare equal up to one trailing dot on either side (v2/v3 only); v3 adds wildcards
 * (`*.example.com`: exactly one label in place of `*`; `muxer.DomainMatchHostExpression`).
 */

/** The canonical form of a Host header value, as v2/v3 `Host` and v3 `HostRegexp` see it. */
export function canonicalHost(raw: string): string {
  const fast = plainHost(raw);
  if (fast !== undefined) return fast;
  let host = raw;
  if (raw.includes(':')) {
    const split = splitHostPort(raw);
    if (split !== undefined) host = split;
    else if (raw.startsWith('[') && raw.endsWith(']')) host = raw.slice(1, -1);
  }
  return goTrimSpace(host).toLowerCase();
}

/** Traefik 1.7's canonical host (v1 `Host`): as {@link canonicalHost}, but `[::1]` keeps its brackets. */
export function canonicalHostV1(raw: string): string {
  const fast = plainHost(raw);
  if (fast !== undefined) return fast;
  const host = raw.includes(':') ? (splitHostPort(raw) ?? raw) : raw;
  return goTrimSpace(host).toLowerCase();
}

/** The host a v2 `HostRegexp` template reads: the raw value without its port (containous/mux `parseHost`). */
export function muxHost(raw: string): string {
  if (!raw.includes(':')) return raw;
  return splitHostPort(raw) ?? raw;
}

/** The host a v1 `HostRegexp` template reads: the raw value cut at its first `:` (Traefik 1.7's mux). */
export function muxHostV1(raw: string): string {
  const colon = raw.indexOf(':');
  return colon < 0 ? raw : raw.slice(0, colon);
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
 * True when Traefik's v2 Host matcher for the (lower-cased) rule host `host` accepts the canonical
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

/**
 * Go's `DomainMatchHostExpression` on lower-case strings: a `*`-prefixed expression is compared
 * with the domain whose first label is replaced by `*`; anything else must be equal.
 */
export function domainMatches(domain: string, expr: string): boolean {
  if (expr.charCodeAt(0) !== 0x2a) return domain === expr;
  const dot = domain.indexOf('.');
  return dot < 0 ? expr === '*' : expr.length === domain.length - dot + 1 && expr.endsWith(domain.slice(dot));
}

/**
 * Traefik v3's Host matcher for the lower-cased rule host `expr` (not the bare `*`, which matches
 * every request): wildcards as {@link domainMatches}, one trailing dot tolerated on either side.
 */
export function hostMatchesV3(reqHost: string, expr: string): boolean {
  if (reqHost.length === 0) return false;
  if (domainMatches(reqHost, expr)) return true;
  if (expr.endsWith('.') && domainMatches(reqHost, expr.slice(0, -1))) return true;
  return reqHost.endsWith('.') && domainMatches(reqHost.slice(0, -1), expr);
}

/** The route index key of a canonical host: trailing dots removed (hosts a matcher accepts as equal share a key). */
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

/** Go's `strings.TrimSpace`: Unicode white space (which, unlike `String.prototype.trim`, includes U+0085 and excludes U+FEFF). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isGoSpace(c: number): boolean {
  if (c <= 0xff) return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
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
