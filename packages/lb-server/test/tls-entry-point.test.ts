/**
 * TLS termination on a real entry point (127.0.0.1, port 0) with certificates of a throwaway CA:
 * TLS and plain HTTP on one port, TLS routers matched only over TLS, `X-Forwarded-Proto: https`
 * and `X-Forwarded-Port` at the backend, SNI choosing exact / wildcard / default / generated
 * certificates, ALPN (h2 by option) and ACME TLS-ALPN-01 challenge handshakes. TLS options:
 * `tls-options.test.ts`.
 */
import { connect as h2connect } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { send } from './helpers/junction';
import { useTlsLab } from './helpers/tls-lab';
import { handshake, httpsGet } from './helpers/tls-client';
import type { Echo } from './helpers/upstreams';
import { DEFAULT_CERT_CN } from '../src/tls/default-certificate';

const lab = useTlsLab();

describe('TLS entry point: one port, two protocols', () => {
  it('serves TLS routers over TLS and plain routers over plain HTTP on the same port', async () => {
    const j = await lab.start(lab.config());
    const overTls = await httpsGet(j.port, 'secure.test', '/a', { ca: lab.ca.caPem });
    expect(overTls.status).toBe(200);
    expect(overTls.cert.cn).toBe('secure.test');
    const echo = JSON.parse(overTls.text) as Echo;
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(echo.headers['x-forwarded-port']).toBe('443');
    expect((await send(`${j.url}/b`, { headers: { host: 'plain.test' } })).status).toBe(200);
    // A TLS router never answers plain HTTP, a plain router never answers over TLS (Traefik).
    expect((await send(`${j.url}/c`, { headers: { host: 'secure.test' } })).status).toBe(404);
    expect((await httpsGet(j.port, 'plain.test', '/d', { ca: lab.ca.caPem, servername: 'secure.test' })).status).toBe(
      404,
    );
  });

  it('serves plain HTTP sent in pieces and pipelined on an entry point that also speaks TLS', async () => {
    const j = await lab.start(lab.config());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(j.port, '127.0.0.1', async () => {
        for (const piece of [
          'G',
          'ET /1 HTTP/1.1\r\nHo',
          'st: plain.test\r\n\r\nGET /2 HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n',
        ]) {
          socket.write(piece);
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(answer).toContain('"url":"/1"');
    expect(answer).toContain('"url":"/2"');
  });

  it('passes the port of the Host header as X-Forwarded-Port', async () => {
    const j = await lab.start(lab.config());
    const answer = await httpsGet(j.port, 'secure.test:8443', '/', { ca: lab.ca.caPem, servername: 'secure.test' });
    expect((JSON.parse(answer.text) as Echo).headers['x-forwarded-port']).toBe('8443');
  });
});

describe('TLS entry point: SNI', () => {
  it('picks the exact name, then a one-label wildcard, then the generated default', async () => {
    const j = await lab.start(lab.config());
    expect((await httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem })).cert.cn).toBe('secure.test');
    const wild = await httpsGet(j.port, 'a.wild.test', '/', { ca: lab.ca.caPem });
    expect([wild.status, wild.cert.cn]).toEqual([200, '*.wild.test']);
    const deeper = await handshake(j.port, { servername: 'b.a.wild.test' });
    expect(deeper.ok && deeper.cert.cn).toBe(DEFAULT_CERT_CN);
    const none = await handshake(j.port, {});
    expect(none.ok && none.cert.cn).toBe(DEFAULT_CERT_CN);
  });

  it('serves the configured default certificate when no name matches', async () => {
    const fallback = lab.ca.issue(['fallback.test']);
    const j = await lab.start(lab.config());
    const store = await j.app.certificates();
    store.replace('default', [{ id: 'default:default', source: 'default', ...fallback }]);
    const unknown = await handshake(j.port, { servername: 'unknown.test' });
    expect(unknown.ok && unknown.cert.cn).toBe('fallback.test');
    const none = await handshake(j.port, {});
    expect(none.ok && none.cert.cn).toBe('fallback.test');
  });

  it('refuses unknown names and handshakes without SNI under sniStrict', async () => {
    const j = await lab.start(lab.config({ default: { sniStrict: true } }));
    const known = await handshake(j.port, { servername: 'secure.test', ca: lab.ca.caPem });
    expect(known.ok && known.authorized).toBe(true);
    expect((await handshake(j.port, { servername: 'unknown.test' })).ok).toBe(false);
    expect((await handshake(j.port, {})).ok).toBe(false);
  });
});

describe('TLS entry point: ALPN', () => {
  it('answers an acme-tls/1 handshake with the pending challenge certificate, and only then', async () => {
    const challenge = lab.ca.issue(['challenge.test']);
    const j = await lab.start(lab.config());
    const store = await j.app.certificates();
    store.setAlpnChallenge('challenge.test', challenge.certPem, challenge.keyPem);
    const answered = await handshake(j.port, { servername: 'challenge.test', alpn: ['acme-tls/1'] });
    expect(answered.ok && [answered.alpn, answered.cert.cn]).toEqual(['acme-tls/1', 'challenge.test']);
    store.clearAlpnChallenge('challenge.test');
    expect((await handshake(j.port, { servername: 'challenge.test', alpn: ['acme-tls/1'] })).ok).toBe(false);
    const normal = await handshake(j.port, { servername: 'secure.test', alpn: ['http/1.1'] });
    expect(normal.ok && normal.alpn).toBe('http/1.1');
  });

  it('negotiates h2 when the options list it, through the same routing', async () => {
    const j = await lab.start(lab.config({ default: { alpnProtocols: ['h2', 'http/1.1'] } }));
    const session = h2connect(`https://127.0.0.1:${j.port}`, { servername: 'secure.test', ca: lab.ca.caPem });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/h2', ':authority': 'secure.test' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
      expect(status).toBe(200);
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
  });
});
