/**
 * Test support for HTTP/2: a client for a TLS entry point (Node's `http2`, the entry point's
 * certificate not checked) and an h2c upstream built on `node:http2` (cleartext, prior knowledge).
 */
import http2, { type Http2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';

/** A running h2c upstream. */
export interface H2cUpstream {
  /** `h2c://127.0.0.1:<port>`. */
  readonly url: string;
  readonly server: Http2Server;
  /** Streams opened on it. */
  readonly streams: () => number;
  /** HTTP/2 sessions (connections) open on it now. */
  readonly sessions: () => number;
  close(): Promise<void>;
}

/** Starts a cleartext HTTP/2 (prior knowledge) server answering with `handler`. */
export async function startH2cUpstream(
  handler: (req: Http2ServerRequest, res: Http2ServerResponse) => void,
): Promise<H2cUpstream> {
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
    sessions: () => sessions.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP/2 session to the TLS entry point on 127.0.0.1:`port`. */
export function h2session(port: number): http2.ClientHttp2Session {
  return http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
}

/** One HTTP/2 answer, read whole. */
export interface H2Answer {
  readonly headers: http2.IncomingHttpHeaders;
  readonly text: string;
  readonly trailers: http2.IncomingHttpHeaders | undefined;
}

/** Sends one request on `session` (with `body`, if any) and reads the whole answer. */
export function h2request(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: string,
): Promise<H2Answer> {
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
