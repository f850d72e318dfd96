/**
 * Test support: HTTPS requests and bare TLS handshakes to a Junction entry point on 127.0.0.1 with
 * a chosen SNI name, Host header, trusted CA, client certificate and TLS versions, reporting the
 * certificate the server presented and the negotiated protocol.
 */
import { request, type Agent } from 'node:https';
import { connect, type SecureVersion, type TLSSocket } from 'node:tls';

/** How to connect. */
export interface TlsClientOptions {
  /** SNI name (none when absent). */
  readonly servername?: string;
  /** Trusted CA (PEM); without it the certificate is not verified. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  readonly alpn?: readonly string[];
  /** A keep-alive agent to reuse connections (default: a new connection per request). */
  readonly agent?: Agent;
}

/** The certificate the server presented. */
export interface Presented {
  /** Subject CN. */
  readonly cn: string;
  readonly altNames: string;
  readonly serial: string;
}

function presented(socket: TLSSocket): Presented {
  const cert = socket.getPeerCertificate();
  const cn = cert.subject?.CN;
  return {
    cn: Array.isArray(cn) ? cn.join(',') : (cn ?? ''),
    altNames: cert.subjectaltname ?? '',
    serial: cert.serialNumber ?? '',
  };
}

/** The result of {@link handshake}. */
export type HandshakeResult =
  | {
      readonly ok: true;
      readonly cert: Presented;
      readonly protocol: string | null;
      readonly alpn: string | false | null;
      readonly authorized: boolean;
    }
  | { readonly ok: false; readonly error: string };

/** Completes a TLS handshake with 127.0.0.1:`port` and closes (see module comment). */
export function handshake(port: number, options: TlsClientOptions = {}): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const socket = connect(
      {
        host: '127.0.0.1',
        port,
        rejectUnauthorized: false,
        ...(options.servername === undefined ? {} : { servername: options.servername }),
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
        ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
        ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
        ...(options.alpn === undefined ? {} : { ALPNProtocols: [...options.alpn] }),
      },
      () => {
        resolve({
          ok: true,
          cert: presented(socket),
          protocol: socket.getProtocol(),
          alpn: socket.alpnProtocol,
          authorized: socket.authorized,
        });
        socket.destroy();
      },
    );
    socket.on('error', (error) => resolve({ ok: false, error: error.message }));
    socket.setTimeout(5000, () => socket.destroy(new Error('handshake timeout')));
  });
}

/** One HTTPS answer. */
export interface HttpsAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly cert: Presented;
}

/** One HTTPS request (a new connection each time) with `host` as Host header. */
export function httpsGet(
  port: number,
  host: string,
  path: string,
  options: TlsClientOptions = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        agent: options.agent ?? false,
        headers: { host },
        rejectUnauthorized: options.ca !== undefined,
        servername: options.servername ?? host.replace(/:\d+$/, ''),
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
        ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
      },
      (res) => {
        const cert = presented(res.socket as TLSSocket);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, cert }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('request timeout')));
    req.end();
  });
}
