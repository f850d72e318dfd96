/**
 * WebSocket (and any HTTP/1.1 `Upgrade`) proxying on the HTTP server's `upgrade` event: the same
 * decision as for requests (match, modifiers, middlewares, pick — `route.ts`), then a raw
 * `http.request` carrying the upgrade headers to the picked server. On `101` the status line and
 * headers are relayed and the two sockets are piped both ways; on any other answer that answer
 * is relayed; on a connection that could not be made the next untried server is used (as for
 * requests), else 502. Either side closing or failing closes both. The exchange counts as in
 * flight (balancer `begin`/`end`, lifecycle tracking) until both sockets are closed.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Metrics } from '../metrics/metrics';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { PeerResolver } from './client-address';
import { ERROR_CONTENT_TYPE, proxyError, type ProxyErrorCode } from './errors';
import { Exchange } from './exchange';
import { applyHeaderChanges, dropForwardedHeaders, setForwardedHeaders, stripHopByHop } from './forwarded-headers';
import { pickTarget } from './pick';
import { headBlock, relayResponse, writeRawResponse } from './raw-response';
import { decide, type Decision } from './route';

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
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'ECONNRESET']);

function upstreamHeaders(ex: Exchange, serverName: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...ex.req.headers };
  const upgrade = headers.upgrade;
  stripHopByHop(headers);
  headers.connection = 'Upgrade';
  if (upgrade !== undefined) headers.upgrade = upgrade;
  setForwardedHeaders(headers, { clientIp: ex.clientIp, proto: ex.scheme === 'https' ? 'wss' : 'ws', host: ex.host, server: serverName });
  const target = ex.target;
  if (target !== undefined && !(target.service.passHostHeader && ex.host !== '')) headers.host = new URL(target.server.origin).host;
  applyHeaderChanges(headers, ex.upstreamHeaders);
  return headers;
}

/** Creates the `upgrade` event listener of one entry point's HTTP server. */
export function createUpgradeHandler(options: UpgradeHandlerOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { entryPoint, store, peers, serverName, metrics } = options;
  const dialTimeoutMs = options.dialTimeoutMs ?? 30_000;

  const fail = (socket: Duplex, ex: Exchange, code: ProxyErrorCode): void => {
    ex.errorCode = code;
    const answer = proxyError(code);
    writeRawResponse(socket, answer.status, { 'content-type': ERROR_CONTENT_TYPE, ...ex.responseHeaders }, answer.body);
  };

  const connect = (ex: Exchange, socket: Duplex, head: Buffer): void => {
    const target = ex.target;
    if (target === undefined) return fail(socket, ex, 'LB_NO_AVAILABLE_SERVER');
    const url = new URL(target.server.origin);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? undefined : Number(url.port),
      method: ex.method,
      path: `${target.server.basePath}${ex.path}${ex.query === '' ? '' : `?${ex.query}`}`,
      headers: upstreamHeaders(ex, serverName),
      timeout: dialTimeoutMs,
      agent: false,
    });
    let answered = false;
    upstream.once('timeout', () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      const code = error.code ?? '';
      if (CONNECT_ERRORS.has(code)) target.service.health.passive.recordFailure(target.server.id, code);
      if (CONNECT_ERRORS.has(code) && !socket.destroyed && retry(ex)) return connect(ex, socket, head);
      fail(socket, ex, 'LB_BAD_GATEWAY');
    });
    upstream.on('response', (res) => {
      answered = true;
      ex.originStatus = res.statusCode ?? 0;
      relayResponse(socket, res, (ex.setCookies ?? []).map((c) => ['set-cookie', c]));
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
      if (ex.setCookies !== undefined) headers['set-cookie'] = [...[headers['set-cookie'] ?? []].flat(), ...ex.setCookies];
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

  const retry = (ex: Exchange): boolean => {
    const router = ex.router;
    const current = ex.target;
    if (router?.service === undefined || current === undefined) return false;
    if (router.retry !== undefined && ex.retries + 1 >= router.retry.attempts) return false;
    (ex.tried ??= []).push(current.server.url);
    ex.setCookies = undefined;
    const next = pickTarget(router.service, ex, ex.tried);
    if (next === undefined) return false;
    ex.use(next);
    ex.retries += 1;
    metrics?.recordRetry(router.serviceName);
    return true;
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
    if (!peer.trusted) dropForwardedHeaders(req.headers);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const scheme = peer.trusted && req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const ex = new Exchange(req, entryPoint, peer.ip, scheme, q === -1 ? url : url.slice(0, q), q === -1 ? '' : url.slice(q + 1));
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
    const decision = decide(ex, runtime);
    if (decision instanceof Promise) decision.then((d) => act(d, ex, socket, head), () => fail(socket, ex, 'LB_INTERNAL_ERROR'));
    else act(decision, ex, socket, head);
  };
}
