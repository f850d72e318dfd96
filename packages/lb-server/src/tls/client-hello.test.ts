/**
 * The ClientHello parser on ClientHellos sent by Node's own TLS client (captured on a loopback
 * socket), re-framed the ways a network delivers them: byte by byte, across several TLS records,
 * without SNI, and on bytes that are not a ClientHello.
 */
import { createServer } from 'node:net';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { MAX_CLIENT_HELLO_BYTES, parseClientHello } from './client-hello';

/** The first record(s) Node's TLS client sends with these options. */
function capture(options: { servername?: string; ALPNProtocols?: string[] }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        const all = Buffer.concat(chunks);
        if (all.length >= 5 && all.length >= 5 + all.readUInt16BE(3)) {
          socket.destroy();
          server.close();
          resolve(all);
        }
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      const client = connect({ host: '127.0.0.1', port: address.port, ...options });
      client.on('error', () => undefined);
    });
  });
}

/** Re-frames the handshake message of `hello` into records of at most `size` bytes. */
function reframe(hello: Buffer, size: number): Buffer {
  const message = hello.subarray(5, 5 + hello.readUInt16BE(3));
  const records: Buffer[] = [];
  for (let at = 0; at < message.length; at += size) {
    const part = message.subarray(at, at + size);
    const head = Buffer.from([0x16, 0x03, 0x01, 0, 0]);
    head.writeUInt16BE(part.length, 3);
    records.push(head, part);
  }
  return Buffer.concat(records);
}

describe('parseClientHello', () => {
  it('reads SNI and ALPN from a real ClientHello, and needs more on every shorter prefix', async () => {
    const hello = await capture({ servername: 'www.example.test', ALPNProtocols: ['h2', 'http/1.1'] });
    expect(parseClientHello(hello)).toEqual({
      kind: 'hello',
      serverName: 'www.example.test',
      alpn: ['h2', 'http/1.1'],
    });
    for (let n = 0; n < hello.length; n += 1) expect(parseClientHello(hello.subarray(0, n)).kind).toBe('incomplete');
  });

  it.each([1, 7, 100, 512])('reads a ClientHello split into handshake records of %i bytes', async (size) => {
    const hello = await capture({ servername: 'split.example.test', ALPNProtocols: ['acme-tls/1'] });
    const split = reframe(hello, size);
    expect(parseClientHello(split)).toEqual({ kind: 'hello', serverName: 'split.example.test', alpn: ['acme-tls/1'] });
    expect(parseClientHello(split.subarray(0, split.length - 1)).kind).toBe('incomplete');
  });

  it('reads a ClientHello without SNI nor ALPN (a client connecting by IP address)', async () => {
    const hello = await capture({});
    expect(parseClientHello(hello)).toEqual({ kind: 'hello', serverName: undefined, alpn: [] });
  });

  it.each([
    { desc: 'plain HTTP', bytes: Buffer.from('GET / HTTP/1.1\r\n\r\n'), reason: 'not a TLS handshake record' },
    {
      desc: 'a handshake that is not a ClientHello',
      bytes: Buffer.from([0x16, 3, 1, 0, 4, 0x02, 0, 0, 0]),
      reason: 'the first handshake message is not a ClientHello',
    },
    {
      desc: 'an alert between the fragments',
      bytes: Buffer.from([0x16, 3, 1, 0, 2, 0x01, 0, 0x15, 3, 1, 0, 2, 2, 40]),
      reason: 'a record other than handshake before the ClientHello ended',
    },
    {
      desc: 'an oversized ClientHello',
      bytes: Buffer.from([0x16, 3, 1, 0, 4, 0x01, 0x10, 0, 0]),
      reason: `a ClientHello of ${0x100000 + 4} bytes (at most ${MAX_CLIENT_HELLO_BYTES})`,
    },
    {
      desc: 'a truncated body',
      bytes: Buffer.from([0x16, 3, 1, 0, 8, 0x01, 0, 0, 4, 3, 3, 0, 0]),
      reason: 'a truncated ClientHello',
    },
  ])('says $desc is invalid', ({ bytes, reason }) => {
    expect(parseClientHello(bytes)).toEqual({ kind: 'invalid', reason });
  });
});
