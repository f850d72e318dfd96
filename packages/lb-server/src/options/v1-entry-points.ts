/**
 * Traefik v1's static entry points, rewritten to v3 options before resolution:
 * - the string form `--entryPoints='Name:https Address::443 TLS'` (repeatable), with
 *   `Redirect.EntryPoint:https`, `Redirect.Permanent:true`, `ForwardedHeaders.TrustedIPs:a,b` and
 *   `ForwardedHeaders.Insecure:true`;
 * - the v1 file keys `entryPoints.<n>.tls` (a section) and `entryPoints.<n>.redirect.entryPoint` /
 *   `.redirect.permanent`;
 * - `defaultEntryPoints=http,https`, which marks those entry points `asDefault`.
 * A v1 redirect is temporary (302/307) unless `permanent`, as in Traefik 1.7, whereas v3's default
 * is permanent. Certificates given on an entry point (`TLS:cert,key`, `tls.certificates`) belong to
 * the dynamic `tls.certificates` now and are refused with that advice.
 */
import { isListInput, splitList } from './coerce';
import type { IssueList } from './options-error';
import type { RawEntry } from './sources';

const V1_FIELDS: Readonly<Record<string, readonly string[]>> = {
  address: ['address'],
  'redirect.entrypoint': ['http', 'redirections', 'entryPoint', 'to'],
  'redirect.permanent': ['http', 'redirections', 'entryPoint', 'permanent'],
  'forwardedheaders.trustedips': ['forwardedHeaders', 'trustedIPs'],
  'forwardedheaders.insecure': ['forwardedHeaders', 'insecure'],
};

function derived(entry: RawEntry, segments: readonly string[], value: unknown): RawEntry {
  return { ...entry, segments, value, repeated: false };
}

/** Parses one `Name:x Address::80 TLS …` string into v3 entries. */
function fromString(entry: RawEntry, text: string, issues: IssueList): RawEntry[] {
  const fields = text
    .trim()
    .split(/\s+/)
    .filter((f) => f !== '');
  const name = fields.find((f) => f.toLowerCase().startsWith('name:'))?.slice(5);
  if (name === undefined || name === '') {
    issues.add(
      entry.label,
      `a Traefik v1 entry point needs Name: (e.g. "Name:https Address::443 TLS"), got ${JSON.stringify(text)}`,
    );
    return [];
  }
  const out: RawEntry[] = [];
  let redirected = false;
  let permanentSet = false;
  for (const field of fields) {
    const colon = field.indexOf(':');
    const key = (colon < 0 ? field : field.slice(0, colon)).toLowerCase();
    const value = colon < 0 ? '' : field.slice(colon + 1);
    if (key === 'name') continue;
    if (key === 'tls' && value === '') out.push(derived(entry, ['entryPoints', name, 'http', 'tls'], true));
    else if (key === 'tls')
      issues.add(
        entry.label,
        `certificates on an entry point (TLS:${value}) belong to the dynamic configuration now: tls.certificates with certFile and keyFile`,
      );
    else if (V1_FIELDS[key] !== undefined) {
      out.push(derived(entry, ['entryPoints', name, ...(V1_FIELDS[key] ?? [])], value));
      redirected ||= key === 'redirect.entrypoint';
      permanentSet ||= key === 'redirect.permanent';
    } else
      issues.add(
        entry.label,
        `the Traefik v1 entry point field ${field.slice(0, colon < 0 ? undefined : colon)} is not supported (supported: Name, Address, TLS, Redirect.EntryPoint, Redirect.Permanent, ForwardedHeaders.TrustedIPs, ForwardedHeaders.Insecure)`,
      );
  }
  if (redirected && !permanentSet)
    out.push(derived(entry, ['entryPoints', name, 'http', 'redirections', 'entryPoint', 'permanent'], false));
  return out;
}

/** Rewrites Traefik v1 entry point spellings (see module comment); other entries pass unchanged. */
export function expandV1EntryPoints(entries: readonly RawEntry[], issues: IssueList): RawEntry[] {
  const out: RawEntry[] = [];
  const redirects = new Map<string, { entry: RawEntry; permanent: boolean }>();
  for (const entry of entries) {
    const s = entry.segments.map((x) => x.toLowerCase());
    if (s.length === 1 && s[0] === 'entrypoints' && (typeof entry.value === 'string' || Array.isArray(entry.value))) {
      if (!isListInput(entry.value)) {
        issues.add(entry.label, 'expected Traefik 1.7 entry point definitions: text, or a list of texts');
        continue;
      }
      const texts = Array.isArray(entry.value) ? entry.value : [entry.value];
      for (const text of texts) out.push(...fromString(entry, String(text), issues));
    } else if (s.length === 1 && s[0] === 'defaultentrypoints') {
      if (!isListInput(entry.value)) {
        issues.add(entry.label, 'expected a list (comma-separated or an array)');
        continue;
      }
      for (const name of splitList(entry.value)) out.push(derived(entry, ['entryPoints', name, 'asDefault'], true));
    } else if (s[0] === 'entrypoints' && s[2] === 'tls' && s.length === 3) {
      out.push(derived(entry, [entry.segments[0] ?? '', entry.segments[1] ?? '', 'http', 'tls'], entry.value));
    } else if (s[0] === 'entrypoints' && s[2] === 'tls' && s[3] === 'certificates') {
      issues.add(
        entry.label,
        'certificates on an entry point belong to the dynamic configuration now: tls.certificates with certFile and keyFile',
      );
    } else if (
      s[0] === 'entrypoints' &&
      s[2] === 'redirect' &&
      s.length === 4 &&
      (s[3] === 'entrypoint' || s[3] === 'permanent')
    ) {
      const name = entry.segments[1] ?? '';
      const field = s[3] === 'entrypoint' ? 'to' : 'permanent';
      out.push(derived(entry, ['entryPoints', name, 'http', 'redirections', 'entryPoint', field], entry.value));
      const seen = redirects.get(name) ?? { entry, permanent: false };
      redirects.set(name, { entry: seen.entry, permanent: seen.permanent || field === 'permanent' });
    } else out.push(entry);
  }
  for (const [name, { entry, permanent }] of redirects) {
    if (!permanent)
      out.push(derived(entry, ['entryPoints', name, 'http', 'redirections', 'entryPoint', 'permanent'], false));
  }
  return out;
}
