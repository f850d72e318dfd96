/**
 * The path modifiers of v1 rules as Traefik 1.7 applies them (`server_configuration.go`
 * `buildMatcherMiddlewares`, `middlewares/stripPrefix.go`, `stripPrefixRegex.go`, `addPrefix.go`),
 * where they differ from the v2/v3 middlewares in `path-modifiers.ts`:
 * The stripping rules match the decoded path (`r.URL.Path`) and cut the escaped one where the
 * prefix ends in it (1.7 strips `Path` and `RawPath` alike); `X-Forwarded-Prefix` carries the
 * decoded text (gorilla/mux `Route.URL` of the decoded variables).
 * - `stripPrefix` (PathStrip, PathPrefixStrip): the first prefix the path starts with is removed and
 *   the rest always gets one leading `/` (`"/" + TrimPrefix(rest, "/")`), so stripping `/api` from
 *   `/api` leaves `/`, and a later `ReplacePath` reports `X-Replaced-Path: /`;
 * - `stripPrefixRegex` (PathStripRegex, PathPrefixStripRegex): the text the template matched at the
 *   start is cut off as is, without putting a `/` back (`/api/{id}/` on `/api/1/x` leaves `x`, which a
 *   later `AddPrefix:/p` turns into `/px`); the forwarded request line gets its `/` back at the end;
 * - `addPrefix`: the prefix is put in front as is;
 * - `replacePath` (ReplacePath) and `replacePathRegex` (ReplacePathRegex) work on Go's decoded
 *   `URL.Path` (`replace_path.go`, `replace_path_regex.go`): `X-Replaced-Path` carries the decoded
 *   path (`Header.Add(…, r.URL.Path)`: `/a%20b` is sent as `/a b`), the regexp matches the decoded
 *   path, the new path is taken as decoded text and sent escaped (`URL.RequestURI`), and an empty
 *   replacement leaves the path alone (`len(s.Replacement) > 0`).
 * Header values go as Go sends them (`headerValue`: UTF-8 bytes; a control character escaped).
 * `X-Forwarded-Prefix` carries the stripped prefix (trimmed) or matched text. Each modifier reads
 * the path as the previous one left it.
 */
import { decodePath, decodedHeaderValue, escapeDecoded, escapedPrefixLength, headerValue } from './go-path';
import type { GoRegExp } from './go-regexp';
import type { PathRewrite } from './path-modifiers';
import { FORWARDED_PREFIX_HEADER, REPLACED_PATH_HEADER } from './path-modifiers';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** Traefik 1.7's `StripPrefix` (prefixes in the order given: v1 rules sort them longest first). */
export function stripPrefixV1(path: string, prefixes: readonly string[]): PathRewrite {
  const decoded = decodePath(path);
  for (const prefix of prefixes) {
    if (!decoded.startsWith(prefix)) continue;
    const rest = path.slice(decoded === path ? prefix.length : escapedPrefixLength(path, prefix));
    return {
      path: rest.startsWith('/') ? rest : `/${rest}`,
      headers: { [FORWARDED_PREFIX_HEADER]: headerValue(prefix.trim()) },
    };
  }
  return { path, headers: NO_HEADERS };
}

/** Traefik 1.7's `StripPrefixRegex` (regexps from prefix templates, anchored at the start). */
export function stripPrefixRegexV1(path: string, regexps: readonly GoRegExp[]): PathRewrite {
  const decoded = decodePath(path);
  for (const re of regexps) {
    const prefix = re.find(decoded);
    if (prefix !== undefined && decoded.startsWith(prefix)) {
      const rest = path.slice(decoded === path ? prefix.length : escapedPrefixLength(path, prefix));
      return { path: rest, headers: { [FORWARDED_PREFIX_HEADER]: headerValue(prefix) } };
    }
  }
  return { path, headers: NO_HEADERS };
}

/** Traefik 1.7's `AddPrefix`: `prefix + path`. */
export function addPrefixV1(path: string, prefix: string): PathRewrite {
  return { path: prefix + path, headers: NO_HEADERS };
}

/** `X-Replaced-Path` as 1.7 sets it: the decoded `URL.Path` of the escaped `path`. */
function replacedPathHeader(path: string): Readonly<Record<string, string>> {
  return { [REPLACED_PATH_HEADER]: decodedHeaderValue(path) };
}

/** Traefik 1.7's `ReplacePath`: the configured path is the new decoded `URL.Path`. */
export function replacePathV1(path: string, replacement: string): PathRewrite {
  return { path: escapeDecoded(replacement), headers: replacedPathHeader(path) };
}

/** Traefik 1.7's `ReplacePathRegex`, on the decoded path; an empty replacement changes nothing. */
export function replacePathRegexV1(path: string, regexp: GoRegExp, replacement: string): PathRewrite {
  const decoded = decodePath(path);
  if (replacement === '' || !regexp.test(decoded)) return { path, headers: NO_HEADERS };
  return { path: escapeDecoded(regexp.replaceAll(decoded, replacement)), headers: replacedPathHeader(path) };
}
