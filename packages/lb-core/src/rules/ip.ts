/**
 * IP addresses and CIDR ranges — the one parser behind the ClientIP matcher, the configuration's
 * `sourceRange`/`excludedIPs` checks and the server's IP middlewares — with Go's `net` semantics
 * as used by Traefik's `ip.Checker`: strict dotted-quad IPv4 (no leading zeros), RFC 4291 IPv6
 * text (with an embedded IPv4 tail, no zone), IPv4-mapped IPv6 addresses equal to their IPv4 form,
 * and an IPv4-mapped IPv6 network (`::ffff:0:0/96`) containing IPv4 clients, as
 * `net.IPNet.Contains` does.
 */

/**
 * A parsed IP address, as Go's `net.IP` holds it: always 16 bytes, an IPv4 address (or an
 * IPv4-mapped IPv6 one) in bytes 12..15 of the IPv4-mapped form, with `v4` set.
 */
export interface IpAddr {
  readonly v4: boolean;
  readonly bytes: Uint8Array;
}

/**
 * A parsed IP network (a CIDR, or a lone address as a full-length network), as Go's `net.IPNet`
 * behaves: host bits are kept in `bytes` but ignored by matching.
 */
export interface IpNet {
  readonly v4: boolean;
  readonly bytes: Uint8Array;
  /** Prefix length in bits, counted over 32 bits for IPv4 and 128 for IPv6. */
  readonly bits: number;
}

/** A compiled set of IPs and CIDRs: `contains(ip)` is false for anything that does not parse. */
export interface IpChecker {
  contains(ip: string): boolean;
}

/**
 * Compiles ClientIP values. Returns the checker, or the index of the first value that is neither
 * an IP nor a CIDR (so the caller can report its position).
 */
export function compileIpChecker(values: readonly string[]): IpChecker | { readonly invalid: number } {
  const nets: IpNet[] = [];
  for (const [i, value] of values.entries()) {
    const net = parseIpNet(value);
    if (net === undefined) return { invalid: i };
    nets.push(net);
  }
  return {
    contains(ip: string): boolean {
      const addr = parseAddr(ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip);
      return addr !== undefined && nets.some((net) => netContains(net, addr));
    },
  };
}

/** Parses an IPv4 or IPv6 address as Go's `net.ParseIP` does, or `undefined`. */
export function parseAddr(s: string): IpAddr | undefined {
  const bytes = s.includes(':') ? parseIPv6(s) : parseIPv4Into(s, new Uint8Array(16), 12);
  if (bytes === undefined) return undefined;
  if (!s.includes(':')) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
  }
  return { v4: isV4Mapped(bytes), bytes };
}

/**
 * Parses an IP address or a CIDR as Traefik's `ip.Checker` does (Go's `net.ParseIP`, else
 * `net.ParseCIDR`), or `undefined`. An IPv4-mapped IPv6 network (`::ffff:0:0/96`) becomes the
 * IPv4 network it covers, as `net.IPNet.Contains` treats it.
 */
export function parseIpNet(s: string): IpNet | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) {
    const addr = parseAddr(s);
    return addr && { v4: addr.v4, bytes: addr.bytes, bits: addr.v4 ? 32 : 128 };
  }
  const addr = parseAddr(s.slice(0, slash));
  const text = s.slice(slash + 1);
  if (addr === undefined || !/^[0-9]{1,3}$/.test(text)) return undefined;
  const bits = Number(text);
  const literalV6 = s.slice(0, slash).includes(':');
  if (bits > (literalV6 ? 128 : 32)) return undefined;
  // Go: a v4-mapped IPv6 network keeps the last 32 bits of its mask and matches IPv4 clients.
  if (literalV6 && addr.v4) return { v4: true, bytes: addr.bytes, bits: Math.max(0, bits - 96) };
  return { v4: addr.v4, bytes: addr.bytes, bits };
}

function netContains(net: IpNet, addr: IpAddr): boolean {
  if (net.v4 !== addr.v4) return false;
  const start = net.v4 ? 12 : 0;
  let bits = net.bits;
  for (let i = start; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((net.bytes[i] ?? 0) & mask) !== ((addr.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

function parseIPv4Into(s: string, out: Uint8Array, at: number): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  for (const [i, part] of parts.entries()) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out[at + i] = n;
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return undefined;
  const head = parseWords(dbl >= 0 ? s.slice(0, dbl) : s, dbl < 0);
  const tail = dbl >= 0 ? parseWords(s.slice(dbl + 2), true) : [];
  if (head === undefined || tail === undefined) return undefined;
  // Without '::' there must be 8 words; with it, '::' stands for at least one zero word.
  if (dbl < 0 ? head.length !== 8 : head.length + tail.length > 7) return undefined;
  for (const [i, w] of head.entries()) setWord(out, i, w);
  for (const [i, w] of tail.entries()) setWord(out, 8 - tail.length + i, w);
  return out;
}

/** Colon-separated hex words; the last group may be a dotted IPv4 address (two words). */
function parseWords(text: string, v4LastAllowed: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (const [i, g] of groups.entries()) {
    if (v4LastAllowed && i === groups.length - 1 && g.includes('.')) {
      const v4 = parseIPv4Into(g, new Uint8Array(4), 0);
      if (v4 === undefined) return undefined;
      words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      words.push(parseInt(g, 16));
    } else {
      return undefined;
    }
  }
  return words;
}

function setWord(out: Uint8Array, index: number, word: number): void {
  out[index * 2] = word >> 8;
  out[index * 2 + 1] = word & 0xff;
}
