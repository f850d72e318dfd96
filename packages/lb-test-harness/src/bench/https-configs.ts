/**
 * Configurations of the HTTPS benchmark's two TLS terminators, alike in what matters: the same
 * ECDSA P-256 certificate, TLS 1.2 and 1.3 (nginx 1.22 would otherwise leave 1.3 out), ALPN
 * `h2` and `http/1.1` offered (Junction's default), one worker, round-robin over the same two
 * backends with upstream keep-alive. Junction's router matches any path (`PathPrefix`), because
 * `openssl s_time` sends neither SNI nor a Host header; its certificate is therefore also the
 * TLS store's default. Pure strings.
 */
import { junctionServiceYaml, nginxConfig, type ProxyLayout, type TlsFiles } from './proxy-configs';

export type { TlsFiles } from './proxy-configs';

/** nginx.conf terminating TLS on `l.port`: one worker, upstream keep-alive, no access log. */
export function nginxTlsConfig(l: ProxyLayout & TlsFiles): string {
  return nginxConfig(l, l);
}

/**
 * Junction's dynamic configuration for the HTTPS runs: the HTTP benchmark's service (two servers,
 * round-robin, a sticky cookie configured) behind a TLS router on entry point `websecure`, and
 * the certificate from files (`tls.certificates`, also `tls.stores.default.defaultCertificate`).
 */
export function junctionHttpsYaml(l: Pick<ProxyLayout, 'backends'> & TlsFiles): string {
  return `# lb-test-harness HTTPS benchmark
http:
  routers:
    bench-tls:
      rule: "PathPrefix(\`/\`)"
      service: bench
      entryPoints: ["websecure"]
      tls: {}
${junctionServiceYaml(l.backends, true)}
tls:
  certificates:
    - certFile: "${l.certFile}"
      keyFile: "${l.keyFile}"
  stores:
    default:
      defaultCertificate:
        certFile: "${l.certFile}"
        keyFile: "${l.keyFile}"
`;
}
