/**
 * One TLS server of an entry point for one TLS options profile: Node's
 * `http2.createSecureServer({ allowHTTP1: true })`, never listening — the entry point's listener
 * hands it the sockets whose ClientHello asked for a name using these options. SNI picks the
 * certificate from the store; each certificate's secure context with the profile's settings is
 * built once (cached on the certificate) and reused by every handshake. A handshake without SNI
 * gets the store's default certificate (the server's own context, rebuilt only when that default
 * changes); under sniStrict an unknown name is refused during the handshake.
 *
 * Client authentication follows Go's five types: `RequireAndVerifyClientCert` fails the handshake
 * without a valid certificate (OpenSSL does it); `RequireAnyClientCert` and
 * `VerifyClientCertIfGiven`, which OpenSSL cannot express, close the connection right after the
 * handshake when the certificate is missing, or given and invalid.
 */
import type { Http2SecureServer } from 'node:http2';
import type { SecureContext, TLSSocket } from 'node:tls';
import { nodeHttp2, nodeTls } from '../lazy-builtins';
import { adoptHttp2Responses } from '../proxy/http2-request';
import type { CheckedCertificate } from './certificate-check';
import type { TlsCertificateStore } from './certificate-store';
import type { TlsProfile } from './tls-options';

/** The TLS store every entry point reads (Traefik uses only `default`). */
const TLS_STORE = 'default';

const contexts = new WeakMap<CheckedCertificate, Map<string, SecureContext>>();

/** The secure context of `cert` with `profile`'s settings, built once per pair. */
export function profileContext(cert: CheckedCertificate, profile: TlsProfile): SecureContext {
  let byProfile = contexts.get(cert);
  if (byProfile === undefined) {
    byProfile = new Map();
    contexts.set(cert, byProfile);
  }
  let context = byProfile.get(profile.key);
  if (context === undefined) {
    context = nodeTls().createSecureContext({ ...profile.context, cert: cert.certPem, key: cert.keyPem });
    byProfile.set(profile.key, context);
  }
  return context;
}

/** Go's ALPN choice: the first of the server's protocols the client offers; a client offering `http/1.1` to an h2-only list falls back to it. */
export function chooseAlpn(server: readonly string[], client: readonly string[]): string | undefined {
  const chosen = server.find((p) => client.includes(p));
  if (chosen !== undefined) return chosen;
  return server.includes('h2') && client.includes('http/1.1') ? 'http/1.1' : undefined;
}

function hasPeerCertificate(socket: TLSSocket): boolean {
  return Object.keys(socket.getPeerCertificate()).length > 0;
}

/** A profile's TLS server (see module comment). */
export class SecureFront {
  readonly server: Http2SecureServer;
  /** Connections handed to it and still open (its owner closes it once unused and empty). */
  connections = 0;
  #defaultCert: CheckedCertificate;

  constructor(
    readonly profile: TlsProfile,
    private readonly store: TlsCertificateStore,
    handshakeTimeout: number,
    maxConcurrentStreams: number,
  ) {
    const fallback = store.certificateFor(undefined, TLS_STORE, false);
    if (fallback === undefined) throw new Error('the certificate store has no default certificate');
    this.#defaultCert = fallback.cert;
    adoptHttp2Responses();
    this.server = nodeHttp2().createSecureServer({
      allowHTTP1: true,
      ...profile.context,
      cert: fallback.cert.certPem,
      key: fallback.cert.keyPem,
      requestCert: profile.clientAuth !== 'NoClientCert',
      rejectUnauthorized: profile.clientAuth === 'RequireAndVerifyClientCert',
      handshakeTimeout,
      settings: { maxConcurrentStreams },
      ALPNCallback: ({ protocols }) => chooseAlpn(profile.alpn, protocols),
      SNICallback: (servername, cb) => {
        const served = store.certificateFor(servername, TLS_STORE, profile.sniStrict);
        if (served === undefined) {
          cb(new Error(`no certificate for ${servername} (sniStrict)`), undefined);
          return;
        }
        try {
          cb(null, profileContext(served.cert, profile));
        } catch (error) {
          cb(error as Error, undefined); // the handshake fails; the process goes on
        }
      },
    });
    this.server.prependListener('secureConnection', (socket: TLSSocket) => this.#checkClient(socket));
  }

  /** Before a handshake without SNI: the server's own context serves the store's current default. */
  refreshDefault(): void {
    const fallback = this.store.certificateFor(undefined, TLS_STORE, false);
    if (fallback === undefined || fallback.cert === this.#defaultCert) return;
    this.#defaultCert = fallback.cert;
    this.server.setSecureContext({ ...this.profile.context, cert: fallback.cert.certPem, key: fallback.cert.keyPem });
  }

  #checkClient(socket: TLSSocket): void {
    const { clientAuth } = this.profile;
    if (clientAuth === 'RequireAnyClientCert' && !hasPeerCertificate(socket)) socket.destroy();
    else if (clientAuth === 'VerifyClientCertIfGiven' && hasPeerCertificate(socket) && !socket.authorized)
      socket.destroy();
  }
}
