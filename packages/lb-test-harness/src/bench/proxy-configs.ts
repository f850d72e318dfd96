/**
 * Configuration files of the reference proxies, each on one worker and balancing round-robin
 * over the same two backends with upstream keep-alive, so they compare like for like with one
 * Junction process: nginx `worker_processes 1` + `keepalive`, HAProxy `nbthread 1` +
 * `http-reuse always`, Caddy (one Go thread through `GOMAXPROCS=1`, set at start). Pure strings.
 */

/** Where a proxy listens and what it balances. */
export interface ProxyLayout {
  /** Port the proxy listens on (127.0.0.1). */
  readonly port: number;
  /** Backend ports (127.0.0.1). */
  readonly backends: readonly number[];
  /** A private directory for pid, logs and temp files. */
  readonly dir: string;
}

/** A certificate and its key, as files (the HTTPS benchmark's). */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * nginx.conf: one worker, no access log, upstream keep-alive, HTTP/1.1 to the backends; with
 * `tls`, it terminates TLS 1.2 and 1.3 with that certificate and offers h2 (the HTTPS benchmark).
 */
export function nginxConfig(l: ProxyLayout, tls?: TlsFiles): string {
  const listen =
    tls === undefined
      ? `    listen 127.0.0.1:${l.port};`
      : [
          `    listen 127.0.0.1:${l.port} ssl http2;`,
          `    ssl_certificate ${tls.certFile};`,
          `    ssl_certificate_key ${tls.keyFile};`,
          '    ssl_protocols TLSv1.2 TLSv1.3;',
          '    keepalive_requests 1000000;',
        ].join('\n');
  return `# lb-test-harness ${tls === undefined ? 'benchmark' : 'HTTPS benchmark'}
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
${listen}
    location / {
      proxy_pass http://backends;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
}

/** haproxy.cfg: one thread, HTTP mode, round-robin, connection reuse to the backends. */
export function haproxyConfig(l: ProxyLayout): string {
  return `# lb-test-harness benchmark
global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
frontend bench
  bind 127.0.0.1:${l.port}
  default_backend backends
backend backends
  balance roundrobin
  http-reuse always
${l.backends.map((p, i) => `  server s${i + 1} 127.0.0.1:${p}`).join('\n')}
`;
}

/** Caddyfile: no admin endpoint, no automatic HTTPS, round-robin reverse proxy. */
export function caddyConfig(l: ProxyLayout): string {
  return `# lb-test-harness benchmark
{
  admin off
  auto_https off
}
http://127.0.0.1:${l.port} {
  reverse_proxy ${l.backends.map((p) => `127.0.0.1:${p}`).join(' ')} {
    lb_policy round_robin
  }
}
`;
}

/**
 * The benchmark's service as the `services:` block of Junction's `http:` section: the two
 * backends, round-robin, a sticky cookie configured (also `Secure` when served over TLS).
 */
export function junctionServiceYaml(backends: readonly number[], secureCookie: boolean): string {
  return [
    '  services:',
    '    bench:',
    '      loadBalancer:',
    '        strategy: "round-robin"',
    '        sticky:',
    '          cookie:',
    '            name: "bench_sticky"',
    '            httpOnly: true',
    ...(secureCookie ? ['            secure: true'] : []),
    '        servers:',
    ...backends.map((p) => `          - url: "http://127.0.0.1:${p}"`),
  ].join('\n');
}

/**
 * Junction's dynamic configuration for the throughput runs, as a user would write it: one router
 * with a Host rule, a two-server service balancing round-robin with a sticky cookie configured
 * (a client without the cookie is balanced and gets one), no health checks. Forwarded headers and
 * Prometheus metrics are on through Junction's defaults and flags.
 */
export function junctionBenchYaml(l: Pick<ProxyLayout, 'backends'>): string {
  return `# lb-test-harness benchmark
http:
  routers:
    bench:
      rule: "Host(\`127.0.0.1\`) || Host(\`localhost\`)"
      service: bench
      entryPoints: ["web"]
${junctionServiceYaml(l.backends, false)}
`;
}
