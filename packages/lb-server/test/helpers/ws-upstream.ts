/**
 * Test support: a WebSocket upstream on 127.0.0.1 (a `node:http` server with a `ws` server on it)
 * for the tests of upgrades through Junction; closing it terminates the clients still connected.
 * And {@link firstWebSocketMessage}, a client's first message through Junction.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A running WebSocket upstream. */
export interface WebSocketUpstream {
  /** `http://127.0.0.1:<port>`, for a service's server list. */
  readonly url: string;
  /** Add `connection` handlers here (none by default: connections stay open, silent). */
  readonly wss: WebSocketServer;
  close(): Promise<void>;
}

/** Starts a WebSocket upstream on a free port. */
export async function startWebSocketUpstream(): Promise<WebSocketUpstream> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    wss,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** Opens a WebSocket to `url` with this Host header; resolves with the first message, rejects with a refused upgrade's status. */
export function firstWebSocketMessage(url: string, host: string): Promise<string> {
  const ws = new WebSocket(url, { headers: { host } });
  return new Promise<string>((resolve, reject) => {
    ws.once('message', (data) => resolve(String(data)));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
