/**
 * An HTTP exchange is its own upstream dispatch handler (undici 7's controller API): undici calls
 * the methods below for each attempt, and they write the answer straight into the client's
 * `ServerResponse` — head with `res.writeHead`, body chunks with `res.write`, no Readable stream
 * in between. Backpressure: a `write` that returns false pauses the upstream (`controller.pause`)
 * until the response drains. The controller is kept as the exchange's `upstream`, so a client
 * that leaves aborts the upstream request (`Exchange.abort`).
 *
 * Response headers arrive as undici's parsed object (lower-case names, repeated ones as arrays);
 * hop-by-hop ones are stripped in place, the sticky `Set-Cookie` values appended, the
 * middlewares' `responseHeaders` and `onResponse` hooks applied, then it goes to `writeHead`.
 * Trailers the upstream sends (gRPC's `grpc-status`) go to the client: HTTP/2 trailers, or
 * HTTP/1.1 chunked ones. The same code writes into an HTTP/2 response (`Http2ServerResponse`):
 * hop-by-hop headers are already gone, and `Connection: close` is never added there.
 * Failures go to the forwarder, which retries or answers (`forward.ts`, `retry-policy.ts`).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ResponseHeaderBag } from '../middlewares/middleware';
import { runResponseHooks } from '../middlewares/pipeline';
import { CLIENT_GONE, Exchange } from './exchange';
import {
  appendSetCookies,
  applyHeaderChanges,
  HOP_BY_HOP_HEADERS,
  PLAIN_CONNECTION,
  stripHopByHop,
} from './forwarded-headers';
import type { Forwarder } from './forward';

type Controller = Dispatcher.DispatchController;

/** Response headers never relayed: hop-by-hop ones, and `HTTP2-Settings` (an h2c upgrade's). */
const HOP_BY_HOP: ReadonlySet<string> = new Set([...HOP_BY_HOP_HEADERS, 'http2-settings']);

function hasAny(changes: Readonly<Record<string, string>>): boolean {
  for (const _ in changes) return true;
  return false;
}

/**
 * The upstream's response headers as the flat `[name, value, …]` list `writeHead` takes, without
 * hop-by-hop ones and the names `Connection` lists, plus the sticky cookies (and `Connection:
 * close` when asked): what `stripHopByHop` + `appendSetCookies` do, without deleting properties.
 */
export function responseHeaderList(
  headers: ResponseHeaderBag,
  setCookies: readonly string[] | undefined,
  close: boolean,
): string[] {
  const connection = headers.connection;
  const listed =
    connection === undefined || (typeof connection === 'string' && PLAIN_CONNECTION.test(connection))
      ? undefined
      : connectionNames(String(connection));
  const out: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || (listed !== undefined && listed.has(name))) continue;
    if (typeof value === 'string') out.push(name, value);
    else if (typeof value === 'number') out.push(name, String(value));
    else for (const one of value) out.push(name, one);
  }
  if (setCookies !== undefined) for (const cookie of setCookies) out.push('set-cookie', cookie);
  if (close) out.push('connection', 'close');
  return out;
}

function connectionNames(value: string): Set<string> {
  const names = new Set<string>();
  for (const token of value.split(',')) names.add(token.trim().toLowerCase());
  return names;
}

/**
 * Never relayed as trailers: hop-by-hop fields and pseudo-headers (Node's HTTP/2 server throws on
 * them, out of any handler: the process would die), and the framing and routing fields RFC 9110
 * §6.5.1 keeps out of trailers (an HTTP/2 client resets the stream over them).
 */
const NOT_TRAILERS: ReadonlySet<string> = new Set([...HOP_BY_HOP_HEADERS, 'content-length', 'host']);

/**
 * The trailers to relay, or undefined when there are none. An HTTP/2 upstream's come unparsed
 * (undici 7 hands over Node's header object, which its parse into `onResponseEnd`'s argument
 * turns into `{}`), so they are read from the controller.
 */
function trailersToRelay(parsed: IncomingHttpHeaders, raw: unknown): Record<string, string | string[]> | undefined {
  const source = raw !== undefined && raw !== null && !Array.isArray(raw) ? (raw as IncomingHttpHeaders) : parsed;
  let out: Record<string, string | string[]> | undefined;
  for (const name in source) {
    const value = source[name];
    if (value === undefined || name.charCodeAt(0) === 58 /* : */ || NOT_TRAILERS.has(name.toLowerCase())) continue;
    (out ??= {})[name] = value;
  }
  return out;
}

/** See module comment. */
export class HttpExchange extends Exchange implements Dispatcher.DispatchHandler {
  /** The client's response. */
  readonly res: ServerResponse;
  /** The entry point's forwarder (retries, error answers, counting). */
  readonly forwarder: Forwarder;
  /** A `drain` listener waits to resume the paused upstream. */
  #waitingDrain = false;
  /** Body bytes still to come when the upstream announced a length (-1: unknown), so the last chunk can end the response. */
  #remaining = -1;

  constructor(
    forwarder: Forwarder,
    req: IncomingMessage,
    res: ServerResponse,
    entryPoint: string,
    clientIp: string,
    scheme: 'http' | 'https',
    path: string,
    query: string,
    body: Readable | undefined,
  ) {
    super(req, entryPoint, clientIp, scheme, path, query);
    this.forwarder = forwarder;
    this.res = res;
    this.body = body;
  }

  onRequestStart(controller: Controller): void {
    if (this.aborted) controller.abort(CLIENT_GONE);
    else this.upstream = controller;
  }

  onResponseStart(controller: Controller, status: number, incoming: IncomingHttpHeaders): void {
    if (status < 200) return; // an informational answer (103 Early Hints): the final one follows
    const headers = incoming as ResponseHeaderBag;
    this.originStatus = status;
    const target = this.target;
    if (target !== undefined) target.service.health.passive.recordResponse(target.server.id, status);
    const length = headers['content-length'];
    this.#remaining = -1;
    if (length !== undefined) {
      const bytes = Number(length);
      if (Number.isSafeInteger(bytes)) {
        this.responseBytes = bytes;
        // (HTTP/2 clients get no early end: trailers may follow the body.)
        if (bytes > 0 && this.method !== 'HEAD' && status !== 204 && status !== 304 && this.req.httpVersionMajor < 2)
          this.#remaining = bytes;
      }
    }
    const res = this.res;
    if (res.destroyed) return;
    // The client's connection cannot be reused while its body is unread: close it after this answer.
    // (HTTP/2 has no such header: the stream is reset when the body stays unread.)
    const close = this.body !== undefined && !this.req.complete && this.req.httpVersionMajor < 2;
    const router = this.router;
    let head: Record<string, string | string[]> | string[];
    const changes = this.responseChanges;
    if (router?.responseHooks !== true && (changes === undefined || !hasAny(changes))) {
      head = responseHeaderList(headers, this.setCookies, close); // the usual case: no object rewritten
    } else {
      stripHopByHop(headers);
      if (this.setCookies !== undefined) appendSetCookies(headers, this.setCookies);
      applyHeaderChanges(headers, this.responseHeaders);
      if (router?.responseHooks === true) runResponseHooks(router.middlewares, this, headers);
      if (close) headers.connection = 'close';
      else if (this.req.httpVersionMajor === 2) stripHopByHop(headers); // a middleware's, which HTTP/2 refuses (as Go drops them)
      head = headers as Record<string, string | string[]>;
    }
    try {
      res.writeHead(status, head);
    } catch {
      controller.abort(new Error('unusable upstream response head'));
      try {
        this.forwarder.fail(this, 'LB_BAD_GATEWAY');
      } catch {
        // An HTTP/2 response keeps the refused head (a middleware's connection-specific header): reset the stream.
        res.destroy();
      }
    }
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.forwarder.reclaim(chunk.length);
    if (this.#remaining === chunk.length) {
      // The announced length is complete: end with this chunk (one write, no cork-and-tick of `write`).
      this.#remaining = 0;
      this.res.end(chunk);
      return;
    }
    if (this.#remaining > 0) this.#remaining -= chunk.length;
    if (this.res.write(chunk) || this.#waitingDrain) return;
    // The client reads slower than the upstream sends (rare for small answers): one listener
    // for this pause, no stream in between.
    controller.pause();
    this.#waitingDrain = true;
    this.res.once('drain', () => {
      this.#waitingDrain = false;
      controller.resume();
    });
  }

  onResponseEnd(controller: Controller, trailers: IncomingHttpHeaders): void {
    this.upstream = undefined;
    if (this.#remaining === 0) return;
    const raw: unknown = controller.rawTrailers;
    if (raw !== undefined && raw !== null && (!Array.isArray(raw) || raw.length > 0)) {
      const relayed = trailersToRelay(trailers, raw);
      if (relayed !== undefined) this.res.addTrailers(relayed);
    }
    this.res.end();
  }

  onResponseError(_controller: Controller, error: Error): void {
    this.upstream = undefined;
    if (this.aborted) return; // the client left: nothing to answer
    this.forwarder.failed(this, error);
  }
}
