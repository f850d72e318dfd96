/**
 * HTTP/1.1 on the TLS entry point that speaks HTTP/2 (loopback, the generated default
 * certificate): curl `--http1.1` still gets HTTP/1.1, and a WebSocket upgrade (wss) is proxied.
 * The lab: `helpers/http2-lab.ts`; HTTP/2 clients: `http2.h2.test.ts`.
 */
import { execFile } from 'node:child_process';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lb, useHttp2Lab } from './helpers/http2-lab';

const run = promisify(execFile);

useHttp2Lab();

describe('HTTP/1.1 on the same TLS listener', () => {
  it('curl --http1.1 still gets HTTP/1.1', async () => {
    const { stdout } = await run('curl', [
      '-sk',
      '--http1.1',
      '-H',
      'host: app.local',
      '-w',
      '\n%{http_version} %{http_code}',
      `https://127.0.0.1:${lb.port}/one`,
    ]);
    expect(stdout.split('\n')[1]).toBe('1.1 200');
  });

  it('proxies a WebSocket upgrade (wss)', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: lb.port,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      servername: 'app.local',
    });
    try {
      await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
      expect(socket.alpnProtocol).toBe('http/1.1');
      let received = '';
      socket.on('data', (data: Buffer) => (received += data.toString()));
      socket.write(
        'GET /ws HTTP/1.1\r\nhost: app.local\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      await expect.poll(() => received, { timeout: 5000 }).toContain('101 Switching Protocols');
      socket.write('ping');
      await expect.poll(() => received, { timeout: 5000 }).toContain('echo:ping');
    } finally {
      socket.destroy();
    }
  });
});
