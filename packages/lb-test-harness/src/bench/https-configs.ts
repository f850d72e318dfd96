/**
 * Configurations of the HTTPS benchmark's two TLS terminators, alike in what matters: the same
 * ECDSA P-256 certificate, TLS 1.2 and 1.3 (nginx 1.22 would otherwise leave 1.3 out), ALPN
 * `h2` and `http/1.1` offered (Junction's default), one worker, round-robin over the same two
 * backends with upstream keep-alive. Junction's router matches any path (`PathPrefix`), because
 * `openssl s_time` sends neither SNI nor a Host header; its certificate is therefore also the
 * TLS store's default. Pure strings.
 */
import type { ProxyLayout } from './proxy-configs';

/** The certificate both serve. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** nginx.conf terminating TLS on `l.port`: one worker, upstream keep-alive, no access log. */
export function nginxTlsConfig(l: ProxyLayout & TlsFiles): string {
  return `# lb-test-harness HTTPS benchmark
daemon off;
worker_processes 1;
pid ${l.dir}/nginx.pid;
error_log ${l.dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${l.dir}/client_body;
  proxy_temp_path ${l.dir}/proxy;
  fastcgi_temp_path ${l.dir}/fastcgi;
  uwsgi_temp_path ${l.dir}/uwsgi;
  scgi_temp_path ${l.dir}/scgi;
  upstream backends {
${l.backends.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${l.port} ssl http2;
    ssl_certificate ${l.certFile};
    ssl_certificate_key ${l.keyFile};
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://backends;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
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
  services:
    bench:
      loadBalancer:
        strategy: "round-robin"
        sticky:
          cookie:
            name: "bench_sticky"
            httpOnly: true
            secure: true
        servers:
${l.backends.map((p) => `          - url: "http://127.0.0.1:${p}"`).join('\n')}
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
