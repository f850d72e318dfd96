/**
 * Syntax checks for IP addresses and CIDR ranges as `ipAllowList.sourceRange` and
 * `ipStrategy.excludedIPs` take them (`192.168.1.7`, `10.0.0.0/8`, `::1`, `2001:db8::/32`).
 * Parsing is the rules' Go-compatible parser ({@link parseIpNet}), so what validation accepts is
 * exactly what Traefik's `ip.Checker` (and the server's middlewares) accept.
 */
import { parseAddr, parseIpNet } from '../rules/ip';

/** A problem with `text` as an IP address or CIDR range, or `undefined` when it is fine. */
export function ipRangeProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (parseIpNet(trimmed) !== undefined) return undefined;
  const slash = trimmed.indexOf('/');
  return slash >= 0 && parseAddr(trimmed.slice(0, slash)) !== undefined
    ? `'${text}' has an invalid prefix length`
    : `'${text}' is not an IP address or CIDR range`;
}
