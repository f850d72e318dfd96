/**
 * `ipAllowList` (Traefik; `ipWhiteList` is its deprecated alias): lets a request through only
 * when its client IP, chosen by the `ipStrategy`, is in `sourceRange` (IPs and CIDRs, IPv4 and
 * IPv6). Others get `rejectStatusCode` (default 403). A client IP that cannot be determined
 * (say `depth` beyond the `X-Forwarded-For` entries) is refused.
 */
import { STATUS_CODES } from '../node-http';
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { buildRangeSet, inRangeSet, parseIp } from './ip';
import { readIpStrategy } from './ip-strategy';
import type { Middleware, MiddlewareResponse } from './middleware';

/** Builds an `ipAllowList` (or `ipWhiteList`) middleware. */
export function createIpAllowList(name: string, options: ConfigReader, type = 'ipAllowList'): Middleware {
  const ranges = options.list('sourceRange') ?? [];
  const clientIp = readIpStrategy(options.object('ipStrategy'));
  const status = options.int('rejectStatusCode', 100) ?? 403;
  options.done();
  if (ranges.length === 0) throw invalid(options.at('sourceRange'), 'at least one IP or CIDR is required');
  if (status > 599) throw invalid(options.at('rejectStatusCode'), 'must be an HTTP status code');
  const allowed = buildRangeSet(ranges, (i) => options.at('sourceRange', i));
  const refusal: MiddlewareResponse = Object.freeze({ status, body: STATUS_CODES[status] ?? '' });
  return {
    name,
    type,
    handle(ctx) {
      const ip = parseIp(clientIp(ctx));
      return ip !== undefined && inRangeSet(allowed, ip) ? undefined : refusal;
    },
  };
}
