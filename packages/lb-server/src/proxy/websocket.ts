/**
 * WebSocket (and any HTTP/1.1 `Upgrade`) proxying on the HTTP server's `upgrade` event: the same
 * entry-point reading (`request-target.ts`) and decision as for requests (match, modifiers,
 * middlewares, pick — `route.ts`), then a raw
 * `http.request` carrying the upgrade headers to the picked server. On `101` the status line and
 * headers are relayed and the two sockets are piped both ways; on any other answer that answer
 * is relayed; a failed attempt is retried or answered by the same policy as requests
 * (`retry-policy.ts`: an upgrade has no body, so a refused or reset connection goes to the next
 * untried server), else 502. Either side closing or failing closes both. The exchange counts as in
 * flight (balancer `begin`/`end`, lifecycle tracking) until both sockets are closed.
 */
import type { IncomingMessage } from 'node:http';
import { nodeHttp } from '../node-http';
import { nodeHttps } from '../lazy-builtins';
import type { Duplex } from 'node:stream';
import { entryPointPath } from '@junction/lb-core';
import type { Metrics } from '../metrics/metrics';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { PeerResolver } from './client-address';
import { ERROR_CONTENT_TYPE, proxyError, type ProxyErrorCode } from './errors';
import { Exchange } from './exchange';
import { dropForwardedHeaders } from './forwarded-headers';
import { headBlock, relayResponse, writeRawResponse } from './raw-response';
import { classifyFailure, nextAttempt, reportFailure, retryable } from './retry-policy';
import { checkRequestHead, DEFAULT_TARGET_SETTINGS, entryPointQuery, type TargetSettings } from './request-target';
import { decide, type Decision } from './route';
import { connectOptions, type UpstreamTls } from '../tls/upstream-tls';
import { upstreamHeaderList } from './upstream-headers';

/** Options of {@link createUpgradeHandler}. */
export interface UpgradeHandlerOptions {
  readonly entryPoint: string;
  readonly store: RuntimeStore;
  readonly peers: PeerResolver;
  readonly serverName: string;
  readonly metrics?: Metrics | undefined;
  /** Called with the client socket of every accepted upgrade, for graceful shutdown. */
  readonly track?: (socket: Duplex) => void;
  /** Time to connect to the upstream (default 30 s). */
  readonly dialTimeoutMs?: number;
  /** How `wss://`-bound servers' certificates are checked (`serversTransport`; default: the system's CAs). */
  readonly upstreamTls?: UpstreamTls | undefined;
  /** `http.sanitizePath` and `http.encodeQuerySemicolons` of the entry point (defaults: true, false). */
  readonly target?: TargetSettings | undefined;
}

/** Creates the `upgrade` event listener of one entry point's HTTP server. */
export function createUpgradeHandler(
  options: UpgradeHandlerOptions,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { entryPoint, store, peers, serverName, metrics } = options;
  const dialTimeoutMs = options.dialTimeoutMs ?? 30_000;
  const upstreamTls = options.upstreamTls;
  const target = options.target ?? DEFAULT_TARGET_SETTINGS;

  const fail = (socket: Duplex, ex: Exchange, code: ProxyErrorCode): void => {
    ex.errorCode = code;
    const answer = proxyError(code);
    writeRawResponse(socket, answer.status, { 'content-type': ERROR_CONTENT_TYPE, ...ex.responseHeaders }, answer.body);
  };

  const connect = (ex: Exchange, socket: Duplex, head: Buffer): void => {
    const target = ex.target;
    if (target === undefined) return fail(socket, ex, 'LB_NO_AVAILABLE_SERVER');
    const url = new URL(target.server.origin);
    const send = url.protocol === 'https:' ? nodeHttps().request : nodeHttp.request;
    const upstream = send({
      // TLS for this name (none for an IP): Node does not read the Host from a header list.
      host: target.server.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      method: ex.method,
      path: `${target.server.basePath}${ex.path}${ex.query === '' ? '' : `?${ex.query}`}`,
      headers: upstreamHeaderList(
        ex,
        serverName,
        ex.scheme === 'https' ? 'wss' : 'ws',
        String(ex.req.headers.upgrade ?? 'websocket'),
      ),
      timeout: dialTimeoutMs,
      agent: false,
      ...connectOptions(upstreamTls),
    });
    let answered = false;
    upstream.once('timeout', () =>
      upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      const kind = classifyFailure(error);
      reportFailure(ex, kind, error);
      const delay = retryable(kind, false, false) && !socket.destroyed ? nextAttempt(ex, metrics) : undefined;
      if (delay === undefined) return fail(socket, ex, 'LB_BAD_GATEWAY');
      if (delay <= 0) connect(ex, socket, head);
      else setTimeout(() => (socket.destroyed ? undefined : connect(ex, socket, head)), delay).unref();
    });
    upstream.on('response', (res) => {
      answered = true;
      ex.originStatus = res.statusCode ?? 0;
      relayResponse(
        socket,
        res,
        (ex.setCookies ?? []).map((c) => ['set-cookie', c]),
      );
    });
    upstream.on('upgrade', (res, upSocket, upHead) => {
      answered = true;
      upstream.setTimeout(0);
      ex.originStatus = 101;
      target.service.health.passive.recordSuccess(target.server.id);
      const headers: Record<string, string | string[]> = {};
      const raw = res.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = (raw[i] as string).toLowerCase();
        const value = raw[i + 1] as string;
        const prior = headers[name];
        headers[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
      }
      if (ex.setCookies !== undefined)
        headers['set-cookie'] = [...[headers['set-cookie'] ?? []].flat(), ...ex.setCookies];
      socket.write(headBlock(101, headers, res.statusMessage || 'Switching Protocols'), 'latin1');
      if (upHead.length > 0) socket.write(upHead);
      if (head.length > 0) upSocket.write(head);
      upSocket.on('error', () => socket.destroy());
      socket.on('close', () => upSocket.destroy());
      upSocket.on('close', () => socket.destroy());
      upSocket.pipe(socket);
      socket.pipe(upSocket);
    });
    upstream.end();
  };

  const act = (decision: Decision, ex: Exchange, socket: Duplex, head: Buffer): void => {
    if (socket.destroyed) return;
    if (decision.kind === 'error') return fail(socket, ex, decision.code);
    if (decision.kind === 'answer') {
      const { status, headers, body } = decision.response;
      return writeRawResponse(socket, status, { ...ex.responseHeaders, ...headers }, body ?? '');
    }
    connect(ex, socket, head);
  };

  return (req, socket, head) => {
    const runtime = store.current;
    const peer = peers.of(req.socket);
    if (!peer.trusted) dropForwardedHeaders(req.headers, req.rawHeaders);
    let problem = checkRequestHead(req); // may rewrite an absolute-form target
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const path = entryPointPath(rawPath, target.sanitizePath);
    if (path === undefined) problem ??= 'LB_BAD_REQUEST';
    const tls = (req.socket as { encrypted?: boolean } | null)?.encrypted === true; // wss: https, as Traefik
    const scheme = tls || (peer.trusted && req.headers['x-forwarded-proto'] === 'https') ? 'https' : 'http';
    const query = q === -1 ? '' : entryPointQuery(url.slice(q + 1), target.encodeQuerySemicolons);
    const ex = new Exchange(req, entryPoint, peer.ip, scheme, path ?? rawPath, query);
    options.track?.(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      if (!ex.finish()) return;
      metrics?.recordRequest({
        entryPoint,
        ...(ex.router === undefined ? {} : { router: ex.router.name, service: ex.router.serviceName }),
        code: ex.errorCode === undefined ? ex.originStatus || 499 : proxyError(ex.errorCode as ProxyErrorCode).status,
        method: ex.method,
        protocol: 'websocket',
        durationSeconds: (performance.now() - ex.startedAt) / 1000,
      });
    });
    if (problem !== undefined) return fail(socket, ex, problem);
    const decision = decide(ex, runtime);
    if (decision instanceof Promise)
      decision.then(
        (d) => act(d, ex, socket, head),
        () => fail(socket, ex, 'LB_INTERNAL_ERROR'),
      );
    else act(decision, ex, socket, head);
  };
}
