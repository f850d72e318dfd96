/**
 * Test support for HTTP/2: a self-signed certificate made with `openssl` (as CI installs it), a
 * TLS listener on 127.0.0.1 negotiating `h2` and `http/1.1` (ALPN) that hands every request to a
 * built entry point's Fastify routing (`app.routing`) and its upgrades to the entry point's own
 * `upgrade` listener — what a TLS entry point does —, an HTTP/2 client for it, and an h2c
 * upstream built on `node:http2`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2, { type Http2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';

/** A PEM certificate and key. */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
}

/** A self-signed EC certificate for `names` (the first is the common name). */
export function selfSigned(names: readonly string[]): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'junction-cert-'));
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-keyout', key, '-out', cert, '-subj', `/CN=${names[0] ?? 'localhost'}`,
      '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
    ], { stdio: 'ignore' });
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A running TLS listener in front of an entry point. */
export interface TlsFront {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `entryPoint` over TLS on 127.0.0.1 (see module comment). */
export async function startTlsFront(entryPoint: FastifyInstance, certificate: TestCertificate, alpn: readonly string[] = ['h2', 'http/1.1']): Promise<TlsFront> {
  const server = http2.createSecureServer({ ...certificate, allowHTTP1: true, ALPNProtocols: [...alpn] });
  server.on('request', (req, res) => entryPoint.routing(req as never, res as never));
  server.on('upgrade', (req, socket, head) => entryPoint.server.emit('upgrade', req, socket, head));
  const open = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of open) socket.destroy();
    }),
  };
}

/** A running h2c upstream. */
export interface H2cUpstream {
  /** `h2c://127.0.0.1:<port>`. */
  readonly url: string;
  readonly server: Http2Server;
  /** Streams opened on it. */
  readonly streams: () => number;
  close(): Promise<void>;
}

/** Starts a cleartext HTTP/2 (prior knowledge) server answering with `handler`. */
export async function startH2cUpstream(handler: (req: Http2ServerRequest, res: Http2ServerResponse) => void): Promise<H2cUpstream> {
  let streams = 0;
  const server = http2.createServer();
  server.on('request', (req, res) => {
    streams += 1;
    handler(req, res);
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `h2c://127.0.0.1:${port}`,
    server,
    streams: () => streams,
    close: () => new Promise<void>((resolve) => {
      for (const session of sessions) session.destroy();
      server.close(() => resolve());
    }),
  };
}

/** An HTTP/2 session to `front` (its self-signed certificate is not checked). */
export function h2session(front: TlsFront): http2.ClientHttp2Session {
  return http2.connect(front.url, { rejectUnauthorized: false });
}

/** One HTTP/2 answer, read whole. */
export interface H2Answer {
  readonly headers: http2.IncomingHttpHeaders;
  readonly text: string;
  readonly trailers: http2.IncomingHttpHeaders | undefined;
}

/** Sends one request on `session` (with `body`, if any) and reads the whole answer. */
export function h2request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let response: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders | undefined;
    let text = '';
    stream.on('response', (h) => (response = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ headers: response, text, trailers }));
    stream.on('error', reject);
    if (body !== undefined) stream.end(body);
  });
}
