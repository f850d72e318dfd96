/**
 * WebSocket upgrades through the proxy, with the `ws` package on both ends: echo round trips,
 * forwarding headers on the upgrade request, a path rewrite, 404 for an unrouted upgrade, 502
 * when the server refuses, and in-flight accounting that ends when the socket closes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { LoadBalancedService } from '../src/runtime/runtime';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { refusedUrl } from './helpers/upstreams';

let server: Server;
let wss: WebSocketServer;
let lb: TestJunction;
const upgrades: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => res.end('plain'));
  wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    upgrades.push(req);
    socket.on('message', (data, binary) => socket.send(binary ? data : `echo:${String(data)}`, { binary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  lb = await startJunction({
    http: {
      routers: {
        ws: { rule: 'Host(`ws.local`)', service: 'ws' },
        strip: { rule: 'Host:strip.local;PathPrefixStrip:/socket', service: 'ws' },
        dead: { rule: 'Host(`dead.local`)', service: 'dead' },
      },
      services: { ws: pool([`http://127.0.0.1:${port}`]), dead: pool([await refusedUrl()]) },
    },
  });
});

afterAll(async () => {
  await lb.close();
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function open(host: string, path = '/chat'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${lb.port}${path}`, { headers: { host } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(String(data))));
}

describe('websocket proxying', () => {
  it('echoes text and binary messages through the proxy', async () => {
    const ws = await open('ws.local');
    for (const text of ['hello', 'junction', 'x'.repeat(70_000)]) {
      const reply = next(ws);
      ws.send(text);
      expect(await reply).toBe(`echo:${text}`);
    }
    const binary = new Promise<Buffer>((resolve) => ws.once('message', (data) => resolve(data as Buffer)));
    ws.send(Buffer.from([1, 2, 3]));
    expect([...(await binary)]).toEqual([1, 2, 3]);
    ws.close();
  });

  it('forwards the upgrade with X-Forwarded-* and the rewritten path', async () => {
    const ws = await open('strip.local', '/socket/room?id=7');
    const req = upgrades.at(-1) as IncomingMessage;
    expect(req.url).toBe('/room?id=7');
    expect(req.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(req.headers['x-forwarded-proto']).toBe('ws');
    expect(req.headers['x-forwarded-prefix']).toBe('/socket');
    expect(req.headers.host).toBe('strip.local');
    ws.close();
  });

  it('counts the connection in flight until it closes', async () => {
    const service = lb.app.store.current.services.get('ws@file') as LoadBalancedService;
    const inFlight = (): number => service.balancer.servers().reduce((n, s) => n + s.inFlight, 0);
    const ws = await open('ws.local');
    expect(inFlight()).toBe(1);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await closed;
    for (let i = 0; i < 50 && inFlight() !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(inFlight()).toBe(0);
  });

  it.each([
    { desc: 'no router matches', host: 'nowhere.local', status: 'status 404' },
    { desc: 'the server refuses', host: 'dead.local', status: 'status 502' },
  ])('refuses the upgrade when $desc', async ({ host, status }) => {
    await expect(open(host)).rejects.toThrow(status);
  });
});
