/**
 * Puts TLS on an entry point's Fastify instance (`server/entry-point.ts`): its HTTP server's own
 * connection handler is taken out and called by a dispatcher that, where TLS can happen, reads
 * each connection's first bytes first (`secure-entry.ts`). The TLS servers it makes hand their
 * requests to the same listener as the plain server's (`server/entry-requests.ts`), their upgrades to the same WebSocket
 * handler, and get the same responding timeouts and connection guard as the plain server, so
 * routing, middlewares, metrics, the access log and limits are the same on both — after the
 * domain fronting check (`sni-check.ts`, Traefik's 421).
 *
 * `secureEntryOf(app)` gives `listen.ts` and `app.ts` what they need to drain and close it.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime/runtime';
import type { ConnectionGuard } from '../server/connection-guard';
import { applyRespondingTimeouts, type RespondingTimeouts } from '../server/responding-timeouts';
import type { TlsCertificateStore } from './certificate-store';
import { SecureEntry } from './secure-entry';
import { misdirected, MISDIRECTED_BODY } from './sni-check';
import type { TlsPolicies } from './tls-policy';

/** What every TLS entry point of an app shares. */
export interface TlsSupport {
  readonly policies: TlsPolicies;
  readonly certificates: () => TlsCertificateStore | Promise<TlsCertificateStore>;
}

/** What {@link enableTls} needs from the entry point. */
export interface EntryPointTls extends TlsSupport {
  readonly entryPoint: string;
  readonly runtime: () => Runtime;
  readonly timeouts: RespondingTimeouts;
  readonly guard: ConnectionGuard;
  readonly upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** The entry point's request listener (`server/entry-requests.ts`: the engine or Fastify's routing). */
  readonly requests: (req: IncomingMessage, res: ServerResponse) => void;
  /** Traefik's `http2.maxConcurrentStreams`. */
  readonly maxConcurrentStreams: number;
}

/** Traefik's default `http2.maxConcurrentStreams`. */
export const DEFAULT_MAX_CONCURRENT_STREAMS = 250;

const entries = new WeakMap<FastifyInstance, SecureEntry>();

/** The TLS side of an entry point, when it has one. */
export function secureEntryOf(app: FastifyInstance): SecureEntry | undefined {
  return entries.get(app);
}

/** Errors of the HTTP/1 parser or its timeouts, answered as on the plain server; anything else is TLS's. */
function isHttpError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return code.startsWith('HPE_') || code.startsWith('ERR_HTTP_');
}

/** Enables TLS on `app`'s entry point (see module comment). Call before it listens. */
export function enableTls(app: FastifyInstance, tls: EntryPointTls): SecureEntry {
  const server = app.server;
  const [httpConnection] = server.listeners('connection') as ((socket: Socket) => void)[];
  if (httpConnection === undefined) throw new Error('the HTTP server has no connection handler');
  server.removeListener('connection', httpConnection);
  const setup = (tlsServer: Http2SecureServer): void => {
    tlsServer.on('request', (req, res) => {
      if (!misdirected(req, tls.policies.of(tls.runtime()), tls.entryPoint)) {
        tls.requests(req as unknown as IncomingMessage, res as unknown as ServerResponse);
        return;
      }
      res.writeHead(421, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(MISDIRECTED_BODY),
      });
      res.end(MISDIRECTED_BODY);
    });
    tlsServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!misdirected(req, tls.policies.of(tls.runtime()), tls.entryPoint)) {
        tls.upgrade(req, socket, head);
        return;
      }
      socket.end(
        `HTTP/1.1 421 Misdirected Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(MISDIRECTED_BODY)}\r\nConnection: close\r\n\r\n${MISDIRECTED_BODY}`,
      );
    });
    // The same properties and listeners as an HTTP server's: Node's HTTP/1 code reads them there too.
    applyRespondingTimeouts(tlsServer as unknown as Server, tls.timeouts, tls.guard);
    tls.guard.attachRequests(tlsServer);
    tlsServer.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      if (socket.destroyed) return;
      if (isHttpError(error))
        server.emit('clientError', error, socket); // Fastify's 400/431 answer
      else socket.destroy();
    });
  };
  const secure = new SecureEntry({
    entryPoint: tls.entryPoint,
    readTimeout: tls.timeouts.readTimeout,
    maxConcurrentStreams: tls.maxConcurrentStreams,
    runtime: tls.runtime,
    policies: tls.policies,
    certificates: tls.certificates,
    setup,
    onSecure: (tlsSocket, raw) => tls.guard.secure(tlsSocket, raw),
  });
  const plain = (raw: Socket, head: Buffer): void => {
    httpConnection.call(server, raw);
    raw.emit('data', head);
  };
  server.prependListener('connection', (raw: Socket) => {
    if (secure.possible()) secure.accept(raw, plain);
    else httpConnection.call(server, raw);
  });
  app.addHook('preClose', (done) => {
    secure.close();
    done();
  });
  entries.set(app, secure);
  return secure;
}
