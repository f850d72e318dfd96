/**
 * IP address helpers for the IP-aware middlewares: parse the forms found in `X-Forwarded-For`
 * and socket addresses (`1.2.3.4`, `1.2.3.4:80`, `[::1]:80`, `::ffff:1.2.3.4`), build CIDR sets
 * on `node:net`'s `BlockList`, and mask IPv6 addresses to a subnet (Traefik's `ipv6Subnet`).
 */
import { BlockList, isIP } from 'node:net';
import { invalid } from './errors';

/** A parsed address: IPv4-mapped IPv6 addresses are reported as IPv4. */
export interface ParsedIp {
  readonly address: string;
  readonly family: 'ipv4' | 'ipv6';
}

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** Parses an IP with an optional port or brackets; `undefined` when it is not an address. */
export function parseIp(text: string): ParsedIp | undefined {
  let s = text.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close === -1) return undefined;
    s = s.slice(1, close);
  } else if (s.indexOf(':') !== -1 && s.indexOf(':') === s.lastIndexOf(':')) {
    s = s.slice(0, s.indexOf(':')); // IPv4 with a port
  }
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  const version = isIP(s);
  if (version === 4) return { address: s, family: 'ipv4' };
  if (version !== 6) return undefined;
  const mapped = MAPPED_V4.exec(s);
  if (mapped?.[1] !== undefined && isIP(mapped[1]) === 4) return { address: mapped[1], family: 'ipv4' };
  return { address: s.toLowerCase(), family: 'ipv6' };
}

/**
 * Builds a set from IPs and CIDRs (`10.0.0.0/8`, `192.168.1.7`, `2001:db8::/32`). `pathOf(i)`
 * names entry `i` in errors. Host bits in a CIDR are ignored, as Go's `ParseCIDR` does.
 */
export function buildRangeSet(ranges: readonly string[], pathOf: (i: number) => string): BlockList {
  const set = new BlockList();
  ranges.forEach((range, i) => {
    const slash = range.indexOf('/');
    const ip = parseIp(slash === -1 ? range : range.slice(0, slash));
    if (ip === undefined) throw invalid(pathOf(i), `not an IP address or CIDR: ${JSON.stringify(range)}`);
    if (slash === -1) {
      set.addAddress(ip.address, ip.family);
      return;
    }
    const bits = range.slice(slash + 1);
    const max = ip.family === 'ipv4' ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) throw invalid(pathOf(i), `bad prefix length in ${JSON.stringify(range)}`);
    set.addSubnet(ip.address, Number(bits), ip.family);
  });
  return set;
}

/** True when `ip` is in `set`. */
export function inRangeSet(set: BlockList, ip: ParsedIp): boolean {
  return set.check(ip.address, ip.family);
}

function ipv6Groups(address: string): number[] {
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) becomes two hex groups.
  const text = address.replace(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, (_m, a, b, c, d) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`);
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', rest] = text.split('::');
  if (rest === undefined) return parse(head);
  const left = parse(head);
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Masks an IPv6 address to the first address of its `/bits` subnet (canonical text form). */
export function maskIpv6(address: string, bits: number): string {
  const groups = ipv6Groups(address).map((g, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return keep === 0 ? 0 : g & (0xffff << (16 - keep)) & 0xffff;
  });
  return formatIpv6(groups);
}
