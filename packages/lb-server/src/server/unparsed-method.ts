/**
 * The entry point's answer to a method token Node's HTTP parser refuses (`HPE_INVALID_METHOD`:
 * llhttp knows the 35 names of `http.METHODS`, where Go accepts any RFC 9110 token and Traefik
 * routes it). Instead of Fastify's 400 it reads the refused request's head from the bytes Node
 * had buffered (`error.rawPacket`, `proxy/raw-request-head.ts`), checks and rewrites it as the
 * engine does (`checkRequestHead`, `entryPointPath`, `entryPointQuery`, forwarded headers of
 * untrusted peers dropped) and matches the entry point's routers on the live runtime, with the
 * method as sent (`get` does not match `Method(`GET`)`):
 *
 * - no router matches → the engine's 404 (`LB_NO_ROUTE`, the same coded body), as Traefik;
 * - a router matches → 501 `LB_METHOD_UNPARSED`: Node's parser cannot carry the request to a
 *   backend (Traefik would forward it).
 *
 * Both with `Connection: close`; the connection then ends (its next bytes cannot be framed).
 * Bounded: only a request that starts the refused chunk, whose head is complete in it within the
 * process's `http.maxHeaderSize`, on a connection with no response in progress, and only plain HTTP/1
 * and HTTP/1 over TLS (the TLS server hands its parser errors to this server). Anything else,
 * and any failure, keeps Fastify's 400. A TLS router's domain-fronting check (421) is not made.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { entryPointPath, toRoutingPath } from '@junction/lb-core';
import { nodeHttp, STATUS_CODES } from '../node-http';
import type { PeerResolver } from '../proxy/client-address';
import { ERROR_CONTENT_TYPE, proxyError, type ProxyErrorCode } from '../proxy/errors';
import { dropForwardedHeaders } from '../proxy/forwarded-headers';
import { headBlock } from '../proxy/raw-response';
import { readRequestHead, startsWithToken } from '../proxy/raw-request-head';
import { checkRequestHead, entryPointQuery, type TargetSettings } from '../proxy/request-target';
import type { RuntimeStore } from '../runtime/runtime-store';

/** What the fallback needs of its entry point. */
export interface UnparsedMethodOptions {
  readonly entryPoint: string;
  readonly store: RuntimeStore;
  readonly peers: PeerResolver;
  readonly target: TargetSettings;
}

type ParserError = NodeJS.ErrnoException & { rawPacket?: unknown; bytesParsed?: unknown };

/** The answer for the refused request on `socket`, or `undefined` to keep the 400. */
export function unparsedMethodAnswer(
  error: ParserError,
  socket: Socket,
  options: UnparsedMethodOptions,
  maxHeaderSize: number,
): ProxyErrorCode | undefined {
  const packet = error.rawPacket;
  const parsed = error.bytesParsed;
  if (!Buffer.isBuffer(packet) || typeof parsed !== 'number' || !startsWithToken(packet, parsed)) return undefined;
  if ((socket as { _httpMessage?: unknown })._httpMessage != null) return undefined; // a response is due first
  const head = readRequestHead(packet, maxHeaderSize);
  if (head === undefined) return undefined;
  if (head.httpVersionMinor === 1 && head.headers.host === undefined) return undefined; // Node: requireHostHeader
  const req = { httpVersionMajor: 1, url: head.url, headers: head.headers, rawHeaders: head.rawHeaders };
  const peer = options.peers.of(socket);
  if (!peer.trusted) dropForwardedHeaders(req.headers, req.rawHeaders);
  if (checkRequestHead(req as unknown as IncomingMessage) !== undefined) return undefined; // may rewrite url, host
  const q = req.url.indexOf('?');
  const path = entryPointPath(q === -1 ? req.url : req.url.slice(0, q), options.target.sanitizePath);
  const routingPath = path === undefined ? undefined : toRoutingPath(path);
  if (routingPath === undefined) return undefined;
  const host = req.headers.host;
  const facts = {
    method: head.method,
    host: typeof host === 'string' ? host : '',
    path: routingPath,
    query: q === -1 ? '' : entryPointQuery(req.url.slice(q + 1), options.target.encodeQuerySemicolons),
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    clientIp: peer.ip,
  };
  const tls = (socket as { encrypted?: boolean }).encrypted === true;
  const router = options.store.current.match(facts, options.entryPoint, tls);
  return router === undefined ? 'LB_NO_ROUTE' : 'LB_METHOD_UNPARSED';
}

/** The complete response for `code`, closing the connection. */
function responseBytes(code: ProxyErrorCode): Buffer {
  const answer = proxyError(code);
  const head = headBlock(
    answer.status,
    {
      'content-type': ERROR_CONTENT_TYPE,
      'content-length': answer.body.length,
      date: new Date().toUTCString(),
      connection: 'close',
    },
    STATUS_CODES[answer.status],
  );
  return Buffer.concat([Buffer.from(head, 'latin1'), answer.body]);
}

/** Answers refused method tokens on `server` (see module comment). Call before it listens. */
export function answerUnparsedMethods(server: Server, options: UnparsedMethodOptions): void {
  // Runs before Fastify's handler, which then sees the socket destroyed and does nothing.
  server.prependListener('clientError', (error: ParserError, socket: Socket) => {
    if (error.code !== 'HPE_INVALID_METHOD' || socket.destroyed || !socket.writable) return;
    let code: ProxyErrorCode | undefined;
    try {
      code = unparsedMethodAnswer(error, socket, options, nodeHttp.maxHeaderSize);
    } catch {
      return; // untrusted input: Fastify's 400
    }
    if (code === undefined) return;
    socket.write(responseBytes(code));
    socket.destroy();
  });
}
