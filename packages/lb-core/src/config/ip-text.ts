/**
 * Syntax checks for IP addresses and CIDR ranges as `ipAllowList.sourceRange` and
 * `ipStrategy.excludedIPs` take them (`192.168.1.7`, `10.0.0.0/8`, `::1`, `2001:db8::/32`).
 * Only the text is checked; matching is the middleware's job.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** True for a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  const match = IPV4.exec(text);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

/** True for an IPv6 address, with `::` compression and an optional trailing IPv4 part. */
export function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  const last = all.at(-1);
  const embedsV4 = last !== undefined && last.includes('.');
  if (embedsV4 && !isIPv4(last)) return false;
  const hexGroups = embedsV4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => HEX_GROUP.test(group))) return false;
  const width = hexGroups.length + (embedsV4 ? 2 : 0);
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** A problem with `text` as an IP address or CIDR range, or `undefined` when it is fine. */
export function ipRangeProblem(text: string): string | undefined {
  const [address = '', prefix, extra] = text.trim().split('/');
  const v4 = isIPv4(address);
  if (extra !== undefined || (!v4 && !isIPv6(address))) return `'${text}' is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits <= (v4 ? 32 : 128) ? undefined : `'${text}' has an invalid prefix length`;
}
