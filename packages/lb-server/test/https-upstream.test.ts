/**
 * `https://` servers, as Traefik reaches them: the TLS connection is for the server URL's own
 * name (its SNI and the name its certificate is checked against), never for the Host header the
 * client sent and `passHostHeader` forwards; an IP address gets no SNI. Clients sending different
 * Host headers share one kept-alive connection to the server. The real `lb-server` process, with
 * the test CA trusted through `NODE_EXTRA_CA_CERTS`, in front of real TLS servers on loopback
 * that record the SNI of every connection.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { client, send } from './helpers/junction';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { createTestCa, type TestCa } from './helpers/test-ca';
import { firstWebSocketMessage } from './helpers/ws-upstream';

interface TlsUpstream {
  readonly server: Server;
  readonly port: number;
  /** The SNI of each TLS connection (`false` or `null`: none). */
  readonly names: (string | false | null)[];
}

async function startTlsUpstream(ca: TestCa, names: readonly string[]): Promise<TlsUpstream> {
  const pair = ca.issue(names);
  const seen: (string | false | null)[] = [];
  const server = createServer({ cert: pair.certPem, key: pair.keyPem }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ host: req.headers.host ?? '' }));
  });
  server.on('secureConnection', (socket: TLSSocket) => seen.push(socket.servername));
  // WebSocket upgrades: answer with the Host the server saw, then close.
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => ws.send(`host:${req.headers.host ?? ''}`, () => ws.close()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, names: seen };
}

describe('https:// servers: TLS for the server, not the Host header', () => {
  let ca: TestCa;
  let dir: string;
  let named: TlsUpstream;
  let bare: TlsUpstream;
  let lb: LbProcess;

  beforeAll(async () => {
    ca = createTestCa();
    dir = mkdtempSync(join(tmpdir(), 'junction-https-upstream-'));
    named = await startTlsUpstream(ca, ['localhost']);
    bare = await startTlsUpstream(ca, ['127.0.0.1']);
    writeFileSync(join(dir, 'ca.pem'), ca.caPem);
    writeFileSync(
      join(dir, 'dynamic.yml'),
      [
        'http:',
        '  routers:',
        '    named: { rule: "Host(`a.test`) || Host(`b.test`)", service: named }',
        '    bare: { rule: "Host(`ip.test`)", service: bare }',
        '  services:',
        `    named: { loadBalancer: { servers: [{ url: "https://localhost:${named.port}" }] } }`,
        `    bare: { loadBalancer: { servers: [{ url: "https://127.0.0.1:${bare.port}" }] } }`,
      ].join('\n'),
    );
    lb = await startLbProcess([`--providers.file.filename=${join(dir, 'dynamic.yml')}`], {
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
    });
  });

  afterAll(async () => {
    await lb?.stop();
    for (const u of [named, bare]) u?.server.close();
    ca?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the server’s name as SNI whatever Host the clients send, over one kept-alive connection', async () => {
    const agent = client();
    const hosts = ['a.test', 'b.test', 'a.test', 'b.test'];
    const answers = [];
    for (const host of hosts) answers.push(await send(`${lb.web}/`, { headers: { host }, dispatcher: agent }));
    expect(answers.map((a) => [a.status, a.json<{ host: string }>().host])).toEqual(hosts.map((h) => [200, h]));
    expect(named.names).toEqual(['localhost']);
  });

  it('opens WebSockets to the server over TLS for its name too', async () => {
    const before = named.names.length;
    const first = await firstWebSocketMessage(`${lb.web.replace('http:', 'ws:')}/chat`, 'b.test');
    expect(first).toBe('host:b.test');
    expect(named.names.slice(before)).toEqual(['localhost']);
  });

  it('sends no SNI to a server addressed by IP, and checks its certificate against the address', async () => {
    const res = await send(`${lb.web}/`, { headers: { host: 'ip.test' }, dispatcher: client() });
    expect([res.status, res.json<{ host: string }>().host]).toEqual([200, 'ip.test']);
    expect(bare.names.map((name) => name || 'none')).toEqual(['none']);
  });
});
