/**
 * `readRequestHead` and `startsWithToken`: the strict, bounded reading of a head Node's parser
 * refused (RFC 9112 §2–§5, RFC 9110 §5.6.2 tokens); each row names what it checks.
 */
import { describe, expect, it } from 'vitest';
import { readRequestHead, startsWithToken } from './raw-request-head';

const head = (text: string, limit = 16_384): ReturnType<typeof readRequestHead> =>
  readRequestHead(Buffer.from(text, 'latin1'), limit);

describe('readRequestHead', () => {
  it('reads the request line and the header lines as sent', () => {
    expect(head('get /a?b=1 HTTP/1.1\r\nHost: a\r\nX-Y:  1 \r\nx-y: 2\r\nSet-Cookie: c\r\n\r\nbody')).toEqual({
      method: 'get',
      url: '/a?b=1',
      httpVersionMinor: 1,
      rawHeaders: ['Host', 'a', 'X-Y', '1', 'x-y', '2', 'Set-Cookie', 'c'],
      headers: { host: 'a', 'x-y': '1, 2', 'set-cookie': ['c'] },
    });
  });

  it('reads an HTTP/1.0 head without headers', () => {
    expect(head('FOO * HTTP/1.0\r\n\r\n')).toMatchObject({ method: 'FOO', url: '*', httpVersionMinor: 0 });
  });

  it.each([
    ['no end of head', 'get / HTTP/1.1\r\nHost: a\r\n'],
    ['"@" is no tchar (RFC 9110 §5.6.2)', 'G@T / HTTP/1.1\r\n\r\n'],
    ['no HTTP version (RFC 9112 §3)', 'get /\r\n\r\n'],
    ['HTTP/2.0', 'get / HTTP/2.0\r\n\r\n'],
    ['two spaces', 'get  / HTTP/1.1\r\n\r\n'],
    ['a space in the target', 'get /a b HTTP/1.1\r\n\r\n'],
    ['obs-fold (RFC 9112 §5.2)', 'get / HTTP/1.1\r\nX: 1\r\n 2\r\n\r\n'],
    ['bare LF (RFC 9112 §2.2)', 'get / HTTP/1.1\r\nX: 1\nY: 2\r\n\r\n'],
    ['a space before the colon (RFC 9112 §5.1)', 'get / HTTP/1.1\r\nX : 1\r\n\r\n'],
    ['an empty field name', 'get / HTTP/1.1\r\n: 1\r\n\r\n'],
    ['a control byte in a value', 'get / HTTP/1.1\r\nX: 1\u00002\r\n\r\n'],
  ])('refuses %s', (_what, text) => {
    expect(head(text)).toBeUndefined();
  });

  it('reads no further than its limit', () => {
    const text = 'get / HTTP/1.1\r\nHost: a\r\n\r\n';
    expect(head(text, text.length)).toBeDefined();
    expect(head(text, text.length - 1)).toBeUndefined();
  });
});

describe('startsWithToken', () => {
  it.each([
    ['get', 3, true],
    ['Get', 1, true],
    ['\r\nget', 2, false],
    ['G@T', 2, false],
    ['get', 4, false],
  ] as const)('%j up to %i → %s', (text, end, expected) => {
    expect(startsWithToken(Buffer.from(text, 'latin1'), end)).toBe(expected);
  });
});
