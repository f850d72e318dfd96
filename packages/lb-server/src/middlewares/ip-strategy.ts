/**
 * Traefik's `ipStrategy` and `sourceCriterion`: how a middleware decides which client a request
 * comes from.
 *
 * - no strategy: the remote address (`ctx.clientIp`);
 * - `depth: n` (> 0): the n-th entry of `X-Forwarded-For` counted from the right, or `''` when the
 *   header has fewer entries; `excludedIPs` is then ignored;
 * - `excludedIPs`: scanning `X-Forwarded-For` from the right, the first entry not in the list;
 * - `ipv6Subnet`: an IPv6 result (remote address or depth) is masked to the first address of its
 *   subnet, so one client rotating addresses in its /64 counts once.
 *
 * A `sourceCriterion` picks exactly one of `ipStrategy`, `requestHeaderName`, `requestHost`.
 */
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { buildRangeSet, inRangeSet, maskIpv6, parseIp } from './ip';
import { requestHeader, type ProxyContext } from './middleware';

/** Extracts a string (an IP, a header value, a host) identifying the request's source. */
export type SourceExtractor = (ctx: ProxyContext) => string;

function withSubnet(raw: string, bits: number | undefined): string {
  if (bits === undefined) return raw;
  const ip = parseIp(raw);
  return ip?.family === 'ipv6' ? maskIpv6(ip.address, bits) : raw;
}

/** Reads an `ipStrategy` object (or its absence) into an extractor of the client IP text. */
export function readIpStrategy(options: ConfigReader | undefined): SourceExtractor {
  const depth = options?.int('depth') ?? 0;
  const excluded = options?.list('excludedIPs') ?? [];
  const subnet = options?.int('ipv6Subnet', 0);
  options?.done();
  if (subnet !== undefined && subnet > 128) throw invalid(options?.at('ipv6Subnet') ?? '', 'must be at most 128');
  if (depth > 0) {
    return (ctx) => {
      const xff = (requestHeader(ctx, 'x-forwarded-for') ?? '').split(',');
      return xff.length < depth ? '' : withSubnet((xff[xff.length - depth] ?? '').trim(), subnet);
    };
  }
  if (excluded.length > 0) {
    const set = buildRangeSet(excluded, (i) => options?.at('excludedIPs', i) ?? '');
    return (ctx) => {
      const xff = (requestHeader(ctx, 'x-forwarded-for') ?? '').split(',');
      for (let i = xff.length - 1; i >= 0; i--) {
        const entry = (xff[i] ?? '').trim();
        const ip = parseIp(entry);
        if (ip === undefined || !inRangeSet(set, ip)) return entry;
      }
      return '';
    };
  }
  return (ctx) => withSubnet(ctx.clientIp, subnet);
}

/** A key for per-source tables: the normalised address when the text is an IP, else the text. */
export function sourceKey(text: string): string {
  return parseIp(text)?.address ?? text;
}

/**
 * Reads a `sourceCriterion` (rateLimit, inFlightReq). With none set, `fallback` decides: the
 * remote address for rateLimit, the request host for inFlightReq (Traefik's defaults).
 */
export function readSourceCriterion(options: ConfigReader | undefined, fallback: 'ip' | 'host'): SourceExtractor {
  const ipStrategy = options?.object('ipStrategy');
  const headerName = options?.string('requestHeaderName')?.trim() || undefined;
  const host = options?.bool('requestHost') ?? false;
  options?.done();
  const set = [ipStrategy && 'ipStrategy', headerName && 'requestHeaderName', host && 'requestHost'].filter(Boolean);
  if (set.length > 1) throw invalid(options?.path ?? '', `${set.join(' and ')} are mutually exclusive`);
  if (ipStrategy !== undefined) {
    const ip = readIpStrategy(ipStrategy);
    return (ctx) => sourceKey(ip(ctx));
  }
  if (headerName !== undefined) {
    const lower = headerName.toLowerCase();
    return (ctx) => requestHeader(ctx, lower) ?? '';
  }
  if (host || fallback === 'host') return (ctx) => requestHeader(ctx, 'host') ?? ctx.host;
  return (ctx) => sourceKey(ctx.clientIp);
}
