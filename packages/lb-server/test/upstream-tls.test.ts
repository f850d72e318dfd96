/**
 * Traefik's static `serversTransport.insecureSkipVerify` and `serversTransport.rootCAs` on the
 * real lb-server process, in front of a TLS server on loopback whose certificate comes from a
 * test CA no system store holds:
 * - with neither, its certificate fails the check: 502;
 * - `insecureSkipVerify`: requests, WebSocket upgrades and active health checks reach it;
 * - `rootCAs` (a file, or PEM text): the listed CA is trusted, and it replaces the system's: a CA
 *   trusted through `NODE_EXTRA_CA_CERTS` no longer counts, as Traefik's pool starts empty;
 * - an entry that cannot be read, or holds no certificate, stops Junction at start, naming it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { client, send } from './helpers/junction';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { createTestCa, type TestCa } from './helpers/test-ca';
import { firstWebSocketMessage } from './helpers/ws-upstream';

describe('serversTransport: checking https:// servers’ certificates', () => {
  let ca: TestCa;
  let other: TestCa;
  let dir: string;
  let server: Server;
  let health = 0;
  const running: LbProcess[] = [];

  const start = async (args: readonly string[], env: Record<string, string> = {}): Promise<LbProcess> => {
    const lb = await startLbProcess([`--providers.file.filename=${join(dir, 'dynamic.yml')}`, ...args], env);
    running.push(lb);
    return lb;
  };
  const get = async (lb: LbProcess, host = 'app.test'): Promise<number> =>
    (await send(`${lb.web}/`, { headers: { host }, dispatcher: client() })).status;
  /** A few health-check intervals. */
  const probed = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 600));

  beforeAll(async () => {
    ca = createTestCa();
    other = createTestCa();
    dir = mkdtempSync(join(tmpdir(), 'junction-upstream-tls-'));
    const pair = ca.issue(['localhost']);
    server = createServer({ cert: pair.certPem, key: pair.keyPem }, (req, res) => {
      if (req.url === '/health') health += 1;
      res.end('secure');
    });
    new WebSocketServer({ server }).on('connection', (ws) => ws.send('hello', () => ws.close()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    writeFileSync(join(dir, 'ca.pem'), ca.caPem);
    writeFileSync(join(dir, 'other-ca.pem'), other.caPem);
    writeFileSync(join(dir, 'not-a-cert.pem'), 'just text\n');
    writeFileSync(
      join(dir, 'dynamic.yml'),
      [
        'http:',
        '  routers:',
        '    app: { rule: "Host(`app.test`)", service: app }',
        '    checked: { rule: "Host(`checked.test`)", service: checked }',
        '  services:',
        `    app: { loadBalancer: { servers: [{ url: "https://localhost:${port}" }] } }`,
        '    checked:',
        '      loadBalancer:',
        `        servers: [{ url: "https://localhost:${port}" }]`,
        '        healthCheck: { path: /health, interval: 100ms, timeout: 1s }',
      ].join('\n'),
    );
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((lb) => lb.stop()));
  });

  afterAll(() => {
    server?.close();
    ca?.dispose();
    other?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server whose certificate no trusted CA signed: 502, and its health check fails', async () => {
    const lb = await start([]);
    expect(await get(lb)).toBe(502);
    await probed();
    expect(await get(lb, 'checked.test')).toBe(503); // marked down by the refused probes
  });

  it('with insecureSkipVerify, reaches it: requests, health checks and WebSockets', async () => {
    const lb = await start(['--serversTransport.insecureSkipVerify=true']);
    const before = health;
    await probed();
    expect(health - before).toBeGreaterThanOrEqual(2); // the probes got through the TLS check
    expect(await get(lb, 'checked.test')).toBe(200); // and kept the server up
    expect(await get(lb)).toBe(200);
    const first = await firstWebSocketMessage(`${lb.web.replace('http:', 'ws:')}/chat`, 'app.test');
    expect(first).toBe('hello');
  });

  it('with rootCAs naming the CA, as a file or as PEM text, trusts it', async () => {
    const file = await start([`--serversTransport.rootCAs=${join(dir, 'ca.pem')}`]);
    expect(await get(file)).toBe(200);
    const text = await start([`--serversTransport.rootCAs=${ca.caPem}`]);
    expect(await get(text)).toBe(200);
  });

  it('rootCAs replace the system’s CAs, NODE_EXTRA_CA_CERTS included', async () => {
    const trusted = await start([], { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') });
    expect(await get(trusted)).toBe(200); // the control: trusted through the environment
    const replaced = await start([`--serversTransport.rootCAs=${join(dir, 'other-ca.pem')}`], {
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
    });
    expect(await get(replaced)).toBe(502);
  });

  it('stops at start on an entry it cannot use, naming it', async () => {
    for (const [entry, message] of [
      [join(dir, 'missing.pem'), `serversTransport.rootCAs[1]: cannot read ${join(dir, 'missing.pem')}`],
      [
        join(dir, 'not-a-cert.pem'),
        `serversTransport.rootCAs[1]: ${join(dir, 'not-a-cert.pem')} holds no PEM certificate`,
      ],
    ] as const) {
      const lb = await startLbProcess(
        [
          `--providers.file.filename=${join(dir, 'dynamic.yml')}`,
          `--serversTransport.rootCAs=${join(dir, 'ca.pem')},${entry}`,
        ],
        {},
        { wait: false },
      );
      expect(await lb.exit).toBe(2);
      expect(lb.stderr()).toContain(message);
    }
  });
});
