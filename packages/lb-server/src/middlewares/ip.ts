/**
 * IP address helpers for the IP-aware middlewares and the entry points' trusted proxies. The
 * address and CIDR grammar is lb-core's (Go's `net.ParseIP`/`net.ParseCIDR`, as Traefik's
 * `ip.Checker` uses them); this file adds what the server sees and lb-core does not: the forms
 * found in `X-Forwarded-For` and socket addresses (`1.2.3.4:80`, `[::1]:80`, a `%zone`), text for
 * `node:net`'s `BlockList`, and masking IPv6 addresses to a subnet (Traefik's `ipv6Subnet`).
 */
import { BlockList } from 'node:net';
import { parseAddr, parseIpNet, type IpAddr } from '@junction/lb-core';
import { invalid } from './errors';

/** A parsed address in canonical text: IPv4-mapped IPv6 addresses are reported as IPv4. */
export interface ParsedIp {
  readonly address: string;
  readonly family: 'ipv4' | 'ipv6';
}

/** The address part of `1.2.3.4`, `1.2.3.4:80`, `[::1]:80` or `fe80::1%eth0`. */
function hostOf(text: string): string | undefined {
  let s = text.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close === -1) return undefined;
    s = s.slice(1, close);
  } else if (s.indexOf(':') !== -1 && s.indexOf(':') === s.lastIndexOf(':')) {
    s = s.slice(0, s.indexOf(':')); // IPv4 with a port
  }
  const zone = s.indexOf('%');
  return zone === -1 ? s : s.slice(0, zone);
}

/** Canonical text (RFC 5952 for IPv6, the longest run of two or more zero groups as `::`). */
function toText(bytes: Uint8Array, v4: boolean): ParsedIp {
  if (v4) return { address: Array.from(bytes.subarray(12, 16)).join('.'), family: 'ipv4' };
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  const address =
    bestStart === -1
      ? hex.join(':')
      : `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
  return { address, family: 'ipv6' };
}

function parsed(addr: IpAddr): ParsedIp {
  return toText(addr.bytes, addr.v4);
}

/** Parses an IP with an optional port, brackets or zone; `undefined` when it is not an address. */
export function parseIp(text: string): ParsedIp | undefined {
  const host = hostOf(text);
  const addr = host === undefined ? undefined : parseAddr(host);
  return addr === undefined ? undefined : parsed(addr);
}

/**
 * Builds a set from IPs and CIDRs (`10.0.0.0/8`, `192.168.1.7`, `2001:db8::/32`, and IPv4-mapped
 * networks such as `::ffff:10.0.0.0/104`, which hold IPv4 clients as in Go). `pathOf(i)` names
 * entry `i` in errors. Host bits in a CIDR are ignored, as Go's `ParseCIDR` does.
 */
export function buildRangeSet(ranges: readonly string[], pathOf: (i: number) => string): BlockList {
  const set = new BlockList();
  ranges.forEach((range, i) => {
    const net = parseIpNet(range);
    if (net === undefined) throw invalid(pathOf(i), `not an IP address or CIDR: ${JSON.stringify(range)}`);
    const { address, family } = toText(net.bytes, net.v4);
    set.addSubnet(address, net.bits, family);
  });
  return set;
}

/** True when `ip` is in `set`. */
export function inRangeSet(set: BlockList, ip: ParsedIp): boolean {
  return set.check(ip.address, ip.family);
}

/** Masks an IPv6 address to the first address of its `/bits` subnet (canonical text form). */
export function maskIpv6(address: string, bits: number): string {
  const addr = parseAddr(address);
  if (addr === undefined) return address;
  const masked = addr.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return toText(masked, false).address;
}
