/**
 * Traefik v3's routing path (`withRoutingPath` in `pkg/muxer/http/mux.go`): the escaped request
 * path with every percent-escape decoded *except* reserved characters (RFC 3986 gen-delims,
 * sub-delims and `%`), so `PathPrefix(`/foo bar`)` matches `/foo%20bar` while `%2F` stays `%2F`.
 *
 * One deliberate difference: Traefik keeps only upper-case escapes of reserved characters
 * (`%2F`) and decodes a lower-case `%2f` to `/`; here both stay encoded, so the routing path
 * never gains a `/` that the forwarded path does not have.
 *
 * Path matchers compare against `RequestFacts.path` verbatim; the proxy fills it with
 * `toRoutingPath(entryPointPath(rawPath))` to reproduce Traefik (400 when either returns
 * `undefined`). `entryPointPath` writes every escape in upper case first, as Traefik's
 * `normalizePath` does, so the lower-case difference above never shows there.
 */
import { decodeUtf8, pushUtf8String } from './utf8';

/** Upper-case hex of the reserved characters that stay encoded. */
const RESERVED = new Set([
  '3A',
  '2F',
  '3F',
  '23',
  '5B',
  '5D',
  '40',
  '21',
  '24',
  '26',
  '27',
  '28',
  '29',
  '2A',
  '2B',
  '2C',
  '3B',
  '3D',
  '25',
]);

/** The routing path for an escaped request path, or `undefined` for a malformed escape. */
export function toRoutingPath(escapedPath: string): string | undefined {
  if (!escapedPath.includes('%')) return escapedPath;
  const bytes: number[] = [];
  for (let i = 0; i < escapedPath.length; i++) {
    const c = escapedPath[i] ?? '';
    if (c !== '%') {
      const cp = escapedPath.codePointAt(i) ?? 0;
      pushUtf8String(bytes, String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
      continue;
    }
    const hex = escapedPath.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    if (RESERVED.has(hex.toUpperCase())) pushUtf8String(bytes, `%${hex}`);
    else bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return decodeUtf8(bytes);
}
