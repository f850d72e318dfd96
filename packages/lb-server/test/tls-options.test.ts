/**
 * TLS options (`tls.options.<name>`) on a real TLS entry point with certificates of a throwaway CA:
 * minimum and maximum versions (Node's client and `openssl s_client -tls1_1`), options chosen per
 * SNI name from the routers' hosts and followed when edited, Traefik's 421 for a Host whose
 * options differ from the SNI name's (domain fronting), Go's client authentication types, and
 * options that cannot be built failing closed.
 */
import { spawn } from 'node:child_process';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createTestCa } from './helpers/test-ca';
import { useTlsLab } from './helpers/tls-lab';
import { handshake, httpsGet } from './helpers/tls-client';
import { secureEntryOf } from '../src/tls/entry-point-tls';

const lab = useTlsLab();

describe('TLS entry point: TLS options', () => {
  it('refuses TLS 1.1 by default and accepts TLS 1.2 and 1.3', async () => {
    const j = await lab.start(lab.config());
    const old = await handshake(j.port, { servername: 'secure.test', minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    expect(old.ok).toBe(false);
    const tls12 = await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' });
    expect(tls12.ok && tls12.protocol).toBe('TLSv1.2');
    const tls13 = await handshake(j.port, { servername: 'secure.test' });
    expect(tls13.ok && tls13.protocol).toBe('TLSv1.3');
  });

  it('refuses `openssl s_client -tls1_1` by default, and accepts it with minVersion VersionTLS10', async () => {
    const sClient = (port: number): Promise<string> =>
      new Promise((resolve) => {
        // OpenSSL 3 clients need security level 0 to offer TLS 1.1 at all.
        const child = spawn(
          'openssl',
          [
            's_client',
            '-tls1_1',
            '-cipher',
            'DEFAULT@SECLEVEL=0',
            '-connect',
            `127.0.0.1:${port}`,
            '-servername',
            'secure.test',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        const timer = setTimeout(() => child.kill(), 5000);
        child.once('close', () => {
          clearTimeout(timer);
          resolve(out);
        });
      });
    const strict = await lab.start(lab.config());
    const refused = await sClient(strict.port);
    expect(refused).toContain('alert protocol version');
    expect(refused).toContain('Cipher is (NONE)');
    await lab.stop();
    const legacy = await lab.start(lab.config({ default: { minVersion: 'VersionTLS10' } }));
    const accepted = await sClient(legacy.port);
    expect(accepted).toMatch(/Cipher is (?!\(NONE\))\S+/);
    expect(accepted).not.toContain('alert protocol version');
  });

  it("applies a router's named options to its hosts only (minVersion TLS 1.3)", async () => {
    const j = await lab.start(lab.config({ modern: { minVersion: 'VersionTLS13' } }, { options: 'modern' }));
    expect((await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' })).ok).toBe(false);
    const unrelated = await handshake(j.port, { servername: 'elsewhere.test', maxVersion: 'TLSv1.2' });
    expect(unrelated.ok && unrelated.protocol).toBe('TLSv1.2');
  });

  it('follows edited options, and closes the TLS server of options no longer used once idle', async () => {
    const j = await lab.start(lab.config({ default: { minVersion: 'VersionTLS13' } }));
    expect((await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' })).ok).toBe(false);
    j.apply(lab.config({ default: { minVersion: 'VersionTLS12' } }));
    const edited = await handshake(j.port, { servername: 'secure.test', maxVersion: 'TLSv1.2' });
    expect(edited.ok && edited.protocol).toBe('TLSv1.2');
    const entry = secureEntryOf(j.app.entryPoints.get('web') as never);
    expect(entry?.servers()).toHaveLength(1);
  });

  it('answers 421 when Host and SNI map to different TLS options (domain fronting), as Traefik', async () => {
    const j = await lab.start(lab.config({ modern: { minVersion: 'VersionTLS13' } }, { options: 'modern' }));
    // SNI a.wild.test (a HostRegexp: default options) carrying Host secure.test (a Host(): "modern").
    const fronted = await httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem, servername: 'a.wild.test' });
    expect([fronted.status, fronted.text]).toEqual([421, 'Misdirected Request\n']);
    // A WebSocket upgrade gets the same answer.
    const upgrade = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: j.port, servername: 'a.wild.test', ca: lab.ca.caPem },
        () => {
          socket.write(
            'GET /ws HTTP/1.1\r\nHost: secure.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          );
        },
      );
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(upgrade).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
    // Both names under "modern", or the same name with a port: served.
    expect((await httpsGet(j.port, 'other.test', '/', { ca: lab.ca.caPem, servername: 'secure.test' })).status).toBe(
      200,
    );
    expect(
      (await httpsGet(j.port, 'secure.test:443', '/', { ca: lab.ca.caPem, servername: 'secure.test' })).status,
    ).toBe(200);
  });

  it('with RequireAndVerifyClientCert, refuses clients without a certificate of the CA', async () => {
    const j = await lab.start(
      lab.config({
        default: { clientAuth: { caFiles: [lab.ca.caPem], clientAuthType: 'RequireAndVerifyClientCert' } },
      }),
    );
    const client = lab.ca.issue(['client'], { client: true, cn: 'client one' });
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      const ok = await httpsGet(j.port, 'secure.test', '/', {
        ca: lab.ca.caPem,
        cert: client.certPem,
        key: client.keyPem,
      });
      expect(ok.status).toBe(200);
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem })).rejects.toThrow();
      await expect(
        httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem, cert: foreign.certPem, key: foreign.keyPem }),
      ).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });

  it('with RequireAnyClientCert, lets in any client certificate but refuses clients without one', async () => {
    const j = await lab.start(lab.config({ default: { clientAuth: { clientAuthType: 'RequireAnyClientCert' } } }));
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      expect(
        (await httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem, cert: foreign.certPem, key: foreign.keyPem }))
          .status,
      ).toBe(200);
      await expect(httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem })).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });

  it('refuses handshakes for names whose client CA cannot be read, rather than serving them without client auth', async () => {
    const j = await lab.start(
      lab.config({ mtls: { clientAuth: { caFiles: ['/nonexistent/ca.pem'] } } }, { options: 'mtls' }),
    );
    expect((await handshake(j.port, { servername: 'secure.test', ca: lab.ca.caPem })).ok).toBe(false);
    const unrelated = await handshake(j.port, { servername: 'unrelated.test' });
    expect(unrelated.ok).toBe(true);
  });

  it('with VerifyClientCertIfGiven, lets clients without a certificate in but not those with a bad one', async () => {
    const j = await lab.start(
      lab.config({ default: { clientAuth: { caFiles: [lab.ca.caPem], clientAuthType: 'VerifyClientCertIfGiven' } } }),
    );
    const stranger = createTestCa('Stranger CA');
    try {
      const foreign = stranger.issue(['client'], { client: true });
      expect((await httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem })).status).toBe(200);
      await expect(
        httpsGet(j.port, 'secure.test', '/', { ca: lab.ca.caPem, cert: foreign.certPem, key: foreign.keyPem }),
      ).rejects.toThrow();
    } finally {
      stranger.dispose();
    }
  });
});
