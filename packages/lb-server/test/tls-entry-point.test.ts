/**
 * TLS termination on a real entry point (127.0.0.1, port 0) with certificates of a throwaway CA:
 * TLS and plain HTTP on one port, TLS routers matched only over TLS, `X-Forwarded-Proto: https`
 * and `X-Forwarded-Port` at the backend, SNI choosing exact / wildcard / default / generated
 * certificates, TLS options (minimum version, sniStrict, client certificates, ALPN), and ACME
 * TLS-ALPN-01 challenge handshakes, and Traefik's 421 for a Host whose TLS options differ from
 * the SNI name's (domain fronting).
 */
import { spawn } from 'node:child_process';
import { connect as h2connect } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Echo } from './helpers/upstreams';
import { startJunction, send, type TestJunction } from './helpers/junction';
import { createTestCa, type IssuedPair, type TestCa } from './helpers/test-ca';
import { handshake, httpsGet } from './helpers/tls-client';
import { startUpstream, type Upstream } from './helpers/upstreams';
import { DEFAULT_CERT_CN } from '../src/tls/default-certificate';
import { secureEntryOf } from '../src/tls/entry-point-tls';

let ca: TestCa;
let upstream: Upstream;
let exact: IssuedPair;
let wildcard: IssuedPair;
let junction: TestJunction | undefined;

beforeAll(async () => {
  ca = createTestCa();
  exact = ca.issue(['secure.test']);
  wildcard = ca.issue(['*.wild.test']);
  upstream = await startUpstream('u1');
});
afterAll(async () => {
  ca.dispose();
  await upstream.close();
});
afterEach(async () => {
  await junction?.close();
  junction = undefined;
});

function config(options: Record<string, unknown> = {}, routerTls: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    http: {
      routers: {
        secure: { rule: 'Host(`secure.test`) || HostRegexp(`^.+\\.wild\\.test$`) || Host(`other.test`)', service: 'app', tls: routerTls },
        plain: { rule: 'Host(`plain.test`)', service: 'app' },
      },
      services: { app: { loadBalancer: { servers: [{ url: upstream.url }] } } },
    },
    ...(Object.keys(options).length === 0 ? {} : { tls: { options } }),
  };
}

async function start(raw: Record<string, unknown>, pairs: readonly IssuedPair[] = [exact, wildcard]): Promise<TestJunction> {
  junction = await startJunction(raw);
  const store = await junction.app.certificates();
  store.replace('test', pairs.map((p, i) => ({ id: `test:${i}`, source: 'file' as const, ...p })));
  return junction;
}

describe('TLS entry point: one port, two protocols', () => {
  it('serves TLS routers over TLS and plain routers over plain HTTP on the same port', async () => {
    const j = await start(config());
    const overTls = await httpsGet(j.port, 'secure.test', '/a', { ca: ca.caPem });
    expect(overTls.status).toBe(200);
    expect(overTls.cert.cn).toBe('secure.test');
    const echo = JSON.parse(overTls.text) as Echo;
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(echo.headers['x-forwarded-port']).toBe('443');
    expect((await send(`${j.url}/b`, { headers: { host: 'plain.test' } })).status).toBe(200);
    // A TLS router never answers plain HTTP, a plain router never answers over TLS (Traefik).
    expect((await send(`${j.url}/c`, { headers: { host: 'secure.test' } })).status).toBe(404);
    expect((await httpsGet(j.port, 'plain.test', '/d', { ca: ca.caPem, servername: 'secure.test' })).status).toBe(404);
  });

  it('serves plain HTTP sent in pieces and pipelined on an entry point that also speaks TLS', async () => {
    const j = await start(config());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(j.port, '127.0.0.1', async () => {
        for (const piece of ['G', 'ET /1 HTTP/1.1\r\nHo', 'st: plain.test\r\n\r\nGET /2 HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n']) {
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
    const j = await start(config());
    const answer = await httpsGet(j.port, 'secure.test:8443', '/', { ca: ca.caPem, servername: 'secure.test' });
    expect((JSON.parse(answer.text) as Echo).headers['x-forwarded-port']).toBe('8443');
  });
});

describe('TLS entry point: SNI', () => {
  it('picks the exact name, then a one-label wildcard, then the generated default', async () => {
    const j = await start(config());
    expect((await httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem })).cert.cn).toBe('secure.test');
    const wild = await httpsGet(j.port, 'a.wild.test', '/', { ca: ca.caPem });
    expect([wild.status, wild.cert.cn]).toEqual([200, '*.wild.test']);
    const deeper = await handshake(j.port, { servername: 'b.a.wild.test' });
    expect(deeper.ok && deeper.cert.cn).toBe(DEFAULT_CERT_CN);
    const none = await handshake(j.port, {});
    expect(none.ok && none.cert.cn).toBe(DEFAULT_CERT_CN);
  });

  it('serves the configured default certificate when no name matches', async () => {
    const fallback = ca.issue(['fallback.test']);
    const j = await start(config());
    const store = await j.app.certificates();
    store.replace('default', [{ id: 'default:default', source: 'default', ...fallback }]);
    const unknown = await handshake(j.port, { servername: 'unknown.test' });
    expect(unknown.ok && unknown.cert.cn).toBe('fallback.test');
    const none = await handshake(j.port, {});
    expect(none.ok && none.cert.cn).toBe('fallback.test');
  });

  it('refuses unknown names and handshakes without SNI under sniStrict', async () => {
    const j = await start(config({ default: { sniStrict: true } }));
    const known = await handshake(j.port, { servername: 'secure.test', ca: ca.caPem });
    expect(known.ok && known.authorized).toBe(true);
    expect((await handshake(j.port, { servername: 'unknown.test' })).ok).toBe(false);
    expect((await handshake(j.port, {})).ok).toBe(false);
  });
});

describe('TLS entry point: TLS options', () => {
  it('refuses TLS 1.1 by default and accepts TLS 1.2 and 1.3', async () => {
    const j = await start(config());
    const old = await handshake(j.port, { servername: 'secure.test', minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    expect(old.ok).toBe(false);
    const tls12 = await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' });
    expect(tls12.ok && tls12.protocol).toBe('TLSv1.2');
    const tls13 = await handshake(j.port, { servername: 'secure.test' });
    expect(tls13.ok && tls13.protocol).toBe('TLSv1.3');
  });

  it('refuses `openssl s_client -tls1_1` by default, and accepts it with minVersion VersionTLS10', async () => {
    const sClient = (port: number): Promise<string> => new Promise((resolve) => {
      // OpenSSL 3 clients need security level 0 to offer TLS 1.1 at all.
      const child = spawn('openssl', ['s_client', '-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0', '-connect', `127.0.0.1:${port}`, '-servername', 'secure.test'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const timer = setTimeout(() => child.kill(), 5000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    const strict = await start(config());
    const refused = await sClient(strict.port);
    expect(refused).toContain('alert protocol version');
    expect(refused).toContain('Cipher is (NONE)');
    await strict.close();
    junction = undefined;
    const legacy = await start(config({ default: { minVersion: 'VersionTLS10' } }));
    const accepted = await sClient(legacy.port);
    expect(accepted).toMatch(/Cipher is (?!\(NONE\))\S+/);
    expect(accepted).not.toContain('alert protocol version');
  });

  it('applies a router\'s named options to its hosts only (minVersion TLS 1.3)', async () => {
    const j = await start(config({ modern: { minVersion: 'VersionTLS13' } }, { options: 'modern' }));
    expect((await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' })).ok).toBe(false);
    const unrelated = await handshake(j.port, { servername: 'elsewhere.test', maxVersion: 'TLSv1.2' });
    expect(unrelated.ok && unrelated.protocol).toBe('TLSv1.2');
  });

  it('follows edited options, and closes the TLS server of options no longer used once idle', async () => {
    const j = await start(config({ default: { minVersion: 'VersionTLS13' } }));
    expect((await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' })).ok).toBe(false);
    j.apply(config({ default: { minVersion: 'VersionTLS12' } }));
    const edited = await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' });
    expect(edited.ok && edited.protocol).toBe('TLSv1.2');
    const entry = secureEntryOf(j.app.entryPoints.get('web') as never);
    expect(entry?.servers()).toHaveLength(1);
  });

  it('answers 421 when Host and SNI map to different TLS options (domain fronting), as Traefik', async () => {
    const j = await start(config({ modern: { minVersion: 'VersionTLS13' } }, { options: 'modern' }));
    // SNI a.wild.test (a HostRegexp: default options) carrying Host secure.test (a Host(): "modern").
    const fronted = await httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem, servername: 'a.wild.test' });
    expect([fronted.status, fronted.text]).toEqual([421, 'Misdirected Request\n']);
    // A WebSocket upgrade gets the same answer.
    const upgrade = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: j.port, servername: 'a.wild.test', ca: ca.caPem }, () => {
        socket.write('GET /ws HTTP/1.1\r\nHost: secure.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(upgrade).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
    // Both names under "modern", or the same name with a port: served.
    expect((await httpsGet(j.port, 'other.test', '/', { ca: ca.caPem, servername: 'secure.test' })).status).toBe(200);
    expect((await httpsGet(j.port, 'secure.test:443', '/', { ca: ca.caPem, servername: 'secure.test' })).status).toBe(200);
  });

  it('with RequireAndVerifyClientCert, refuses clients without a certificate of the CA', async () => {
    const j = await start(config({ default: { clientAuth: { caFiles: [ca.caPem], clientAuthType: 'RequireAndVerifyClientCert' } } }));
    const client = ca.issue(['client'], { client: true, cn: 'client one' });
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      const ok = await httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem, cert: client.certPem, key: client.keyPem });
      expect(ok.status).toBe(200);
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem })).rejects.toThrow();
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem, cert: foreign.certPem, key: foreign.keyPem })).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });

  it('with RequireAnyClientCert, lets in any client certificate but refuses clients without one', async () => {
    const j = await start(config({ default: { clientAuth: { clientAuthType: 'RequireAnyClientCert' } } }));
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      expect((await httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem, cert: foreign.certPem, key: foreign.keyPem })).status).toBe(200);
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem })).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });

  it('refuses handshakes for names whose client CA cannot be read, rather than serving them without client auth', async () => {
    const j = await start(config({ mtls: { clientAuth: { caFiles: ['/nonexistent/ca.pem'] } } }, { options: 'mtls' }));
    expect((await handshake(j.port, { servername: 'secure.test', ca: ca.caPem })).ok).toBe(false);
    const unrelated = await handshake(j.port, { servername: 'unrelated.test' });
    expect(unrelated.ok).toBe(true);
  });

  it('with VerifyClientCertIfGiven, lets clients without a certificate in but not those with a bad one', async () => {
    const j = await start(config({ default: { clientAuth: { caFiles: [ca.caPem], clientAuthType: 'VerifyClientCertIfGiven' } } }));
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      expect((await httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem })).status).toBe(200);
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: ca.caPem, cert: foreign.certPem, key: foreign.keyPem })).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });
});

describe('TLS entry point: ALPN', () => {
  it('answers an acme-tls/1 handshake with the pending challenge certificate, and only then', async () => {
    const challenge = ca.issue(['challenge.test']);
    const j = await start(config());
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
    const j = await start(config({ default: { alpnProtocols: ['h2', 'http/1.1'] } }));
    const session = h2connect(`https://127.0.0.1:${j.port}`, { servername: 'secure.test', ca: ca.caPem });
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
