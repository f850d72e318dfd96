/**
 * TLS and plain HTTP on one entry point's port, as Traefik serves them: on an entry point where
 * TLS can happen (a TLS router on it, or its static `http.tls`), each new connection's first bytes
 * are read before any server sees them. Not a TLS handshake record → the socket goes to the plain
 * HTTP server with those bytes. A ClientHello → read whole (bounded in size, and in time by the
 * entry point's `readTimeout`), its SNI and ALPN parsed (`client-hello.ts`), then:
 * - ALPN `acme-tls/1` for a name with a pending TLS-ALPN-01 challenge (RFC 8737) → a challenge TLS
 *   server answering with the challenge certificate and ALPN `acme-tls/1` only, then closing;
 * - otherwise → the TLS server of the options profile that SNI selects (`secure-front.ts`), whose
 *   requests and upgrades go to the same Fastify routing as plain ones.
 * On other entry points nothing is read first: the plain server gets the socket as before, so
 * plain HTTP pays nothing for TLS.
 */
import type { Socket } from 'node:net';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import type { Http2SecureServer, ServerHttp2Session } from 'node:http2';
import { nodeTls } from '../lazy-builtins';
import type { Runtime } from '../runtime/runtime';
import { looksLikeTls, MAX_CLIENT_HELLO_BYTES, parseClientHello, type ClientHelloResult } from './client-hello';
import type { TlsCertificateStore } from './certificate-store';
import { SecureFront } from './secure-front';
import type { TlsPolicies } from './tls-policy';

/** Bound of the ClientHello read and of the handshake when `readTimeout` is 0 (none). */
const DEFAULT_HANDSHAKE_MS = 60_000;
const ACME_TLS_ALPN = 'acme-tls/1';

/** Dependencies of a {@link SecureEntry}. */
export interface SecureEntryDeps {
  readonly entryPoint: string;
  /** The entry point's `respondingTimeouts.readTimeout`: bounds the ClientHello and the handshake. */
  readonly readTimeout: number;
  readonly runtime: () => Runtime;
  /** Most concurrent streams per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly maxConcurrentStreams: number;
  readonly policies: TlsPolicies;
  /** The certificate store (made on first use: its generated default certificate takes a moment). */
  readonly certificates: () => TlsCertificateStore | Promise<TlsCertificateStore>;
  /** Prepares each new TLS server: requests, upgrades, timeouts, connection tracking. */
  readonly setup: (server: Http2SecureServer) => void;
  /** A TLS connection completed its handshake over `raw` (the accepted TCP socket). */
  readonly onSecure?: (tls: TLSSocket, raw: Socket) => void;
}

const peerKey = (socket: Socket): string => `${socket.remoteAddress ?? ''}|${socket.remotePort ?? ''}`;

/** The TLS side of one entry point (see module comment). */
export class SecureEntry {
  readonly #fronts = new Map<string, SecureFront>();
  /** Raw sockets handed to a TLS server, until their handshake completes. */
  readonly #handshaking = new Map<string, Socket>();
  readonly #open = new Set<TLSSocket>();
  readonly #sessions = new Set<ServerHttp2Session>();
  readonly #bound: number;
  #store: TlsCertificateStore | undefined;
  #challenge: TlsServer | undefined;
  #closed = false;

  constructor(private readonly deps: SecureEntryDeps) {
    this.#bound = deps.readTimeout > 0 ? deps.readTimeout : DEFAULT_HANDSHAKE_MS;
  }

  /** True when TLS can happen on this entry point under the current configuration. */
  possible(): boolean {
    return this.deps.policies.of(this.deps.runtime()).entryPoints.has(this.deps.entryPoint);
  }

  /** The TLS servers made so far (drain: keep-alive off, idle connections closed). */
  servers(): Http2SecureServer[] {
    return [...this.#fronts.values()].map((f) => f.server);
  }

  /**
   * Reads the first bytes of `raw`: plain HTTP goes to `plain` with the bytes read, a ClientHello
   * to a TLS server (see module comment).
   */
  accept(raw: Socket, plain: (raw: Socket, head: Buffer) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => raw.destroy(), this.#bound);
    // Until a server owns the socket, its errors (a client's reset) are ours: unhandled, they would end the process.
    const onError = (): void => void raw.destroy();
    raw.on('error', onError);
    const stop = (): void => {
      clearTimeout(timer);
      raw.off('data', onData);
    };
    const onData = (chunk: Buffer): void => {
      if (size === 0 && !looksLikeTls(chunk[0] ?? 0)) {
        stop();
        raw.off('error', onError);
        plain(raw, chunk);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      const all = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      const hello = parseClientHello(all);
      if (hello.kind === 'incomplete' && size <= MAX_CLIENT_HELLO_BYTES) return;
      stop();
      raw.pause();
      raw.unshift(all);
      this.#handOver(raw, hello);
    };
    raw.on('data', onData);
    raw.once('close', () => {
      stop();
      this.#handshaking.delete(peerKey(raw));
    });
  }

  #handOver(raw: Socket, hello: ClientHelloResult): void {
    const store = this.#store ?? this.deps.certificates();
    if (store instanceof Promise) {
      // The generated default certificate is still being made (the first moments after start).
      store.then(
        (ready) => {
          this.#store = ready;
          this.#handOver(raw, hello);
        },
        () => raw.destroy(),
      );
      return;
    }
    this.#store = store;
    if (raw.destroyed || this.#closed) {
      raw.destroy();
      return;
    }
    // The plain HTTP server accepts half-open sockets, and the TLS socket inherits that: a client's
    // FIN would then leave an HTTP/2 session or a challenge socket open. HTTPS servers do not.
    raw.allowHalfOpen = false;
    const serverName = hello.kind === 'hello' ? hello.serverName : undefined;
    if (
      hello.kind === 'hello' &&
      serverName !== undefined &&
      hello.alpn.includes(ACME_TLS_ALPN) &&
      store.alpnChallengeFor(serverName) !== undefined
    ) {
      raw.setTimeout(this.#bound, () => raw.destroy());
      this.#challengeServer(store).emit('connection', raw);
      return;
    }
    const policy = this.deps.policies.of(this.deps.runtime());
    const profile = policy.profileFor(this.deps.entryPoint, serverName);
    if (profile.refused === true || (profile.sniStrict && serverName === undefined)) {
      raw.destroy(); // options never valid (see `tls-policy.ts`), or Go's "strict SNI enabled" without a name
      return;
    }
    let front = this.#fronts.get(profile.key);
    if (front === undefined) {
      try {
        front = new SecureFront(profile, store, this.#bound, this.deps.maxConcurrentStreams);
      } catch {
        raw.destroy(); // profiles are checked when built; this is only a guard against the unforeseen
        return;
      }
      this.#prune(policy.keys);
      this.#adopt(front);
      this.#fronts.set(profile.key, front);
    }
    front.connections += 1;
    const served = front;
    raw.once('close', () => {
      served.connections -= 1;
    });
    if (serverName === undefined) front.refreshDefault();
    this.#handshaking.set(peerKey(raw), raw);
    front.server.emit('connection', raw);
  }

  /** Closes the TLS servers of options no longer in use once they hold no connection (options edited many times). */
  #prune(keys: ReadonlySet<string>): void {
    for (const [key, front] of this.#fronts) {
      if (keys.has(key) || front.connections > 0) continue;
      front.server.close();
      this.#fronts.delete(key);
    }
  }

  #adopt(front: SecureFront): void {
    const { server } = front;
    server.prependListener('secureConnection', (tls: TLSSocket) => {
      this.#open.add(tls);
      tls.once('close', () => this.#open.delete(tls));
      const key = peerKey(tls);
      const raw = this.#handshaking.get(key);
      this.#handshaking.delete(key);
      if (raw !== undefined) this.deps.onSecure?.(tls, raw);
    });
    server.on('session', (session: ServerHttp2Session) => {
      this.#sessions.add(session);
      session.once('close', () => this.#sessions.delete(session));
    });
    this.deps.setup(server);
    // HTTP/1 connection tracking (readTimeout checks, closeIdleConnections) starts on `listening`.
    server.emit('listening');
  }

  #challengeServer(store: TlsCertificateStore): TlsServer {
    if (this.#challenge === undefined) {
      this.#challenge = nodeTls().createServer(
        {
          ALPNProtocols: [ACME_TLS_ALPN],
          handshakeTimeout: this.#bound,
          SNICallback: (name, cb) => {
            const context = store.alpnChallengeFor(name);
            if (context === undefined) cb(new Error(`no TLS-ALPN-01 challenge for ${name}`), undefined);
            else cb(null, context);
          },
        },
        (socket) => {
          // RFC 8737 §3: the handshake is the answer; close once our close_notify is out.
          this.#open.add(socket);
          socket.once('close', () => this.#open.delete(socket));
          socket.on('error', () => socket.destroy());
          socket.destroySoon();
        },
      );
      this.#challenge.on('tlsClientError', (_error, socket) => socket.destroy());
    }
    return this.#challenge;
  }

  /** Graceful stop begins: HTTP/2 sessions get GOAWAY (their streams finish); HTTP/1 is handled by the drain. */
  beginDrain(): void {
    for (const session of this.#sessions) session.close();
  }

  /** Closes idle HTTP/1 connections of every TLS server. */
  closeIdle(): void {
    // Node's HTTP/2 server has it with `allowHTTP1` (for its HTTP/1 connections); @types/node lacks it.
    for (const front of this.#fronts.values())
      (front.server as Http2SecureServer & { closeIdleConnections(): void }).closeIdleConnections();
  }

  /** Closes every TLS connection (and every one still in its handshake) at once. */
  closeAll(): void {
    for (const session of this.#sessions) session.destroy();
    for (const socket of this.#open) socket.destroy();
    for (const raw of this.#handshaking.values()) raw.destroy();
  }

  /** Closes the TLS servers (idle connections at once, busy ones when their requests end) and stops their timers. */
  close(): void {
    this.#closed = true;
    for (const front of this.#fronts.values()) front.server.close();
    this.#challenge?.close();
  }
}
