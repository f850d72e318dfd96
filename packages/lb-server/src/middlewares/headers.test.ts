import { describe, expect, it } from 'vitest';
import type { ResponseHeaderBag } from './middleware';
import { createMiddleware } from './registry';
import { makeContext, run } from '../../test/support/middlewares/proxy-context';

describe('headers middleware: custom headers', () => {
  const mw = createMiddleware('h', {
    headers: {
      customRequestHeaders: { 'X-Script-Name': 'test', 'X-Drop': '', Host: 'internal.local' },
      customResponseHeaders: { 'X-Custom-Response-Header': 'value', Server: '' },
    },
  });

  it('sets and removes request and response headers (lower-case names)', async () => {
    const { result, ctx } = await run(mw);
    expect(result).toBeUndefined();
    expect(ctx.upstreamHeaders).toEqual({ 'x-script-name': 'test', 'x-drop': '', host: 'internal.local' });
    expect(ctx.responseHeaders).toEqual({ 'x-custom-response-header': 'value', server: '' });
  });
});

describe('headers middleware: CORS', () => {
  const mw = createMiddleware('cors', {
    headers: {
      accessControlAllowMethods: ['GET', 'OPTIONS', 'PUT'],
      accessControlAllowHeaders: 'Content-Type,Authorization',
      accessControlAllowOriginList: ['https://a.example'],
      accessControlAllowOriginListRegex: ['^https://.*\\.b\\.example$'],
      accessControlMaxAge: 100,
      accessControlAllowCredentials: true,
      accessControlExposeHeaders: ['X-Total'],
      addVaryHeader: true,
      customResponseHeaders: { 'X-Other': '1' },
    },
  });
  const preflight = { 'access-control-request-method': 'PUT' };

  it.each([
    { desc: 'listed origin', origin: 'https://a.example', allow: 'https://a.example' },
    { desc: 'regex origin echoes the origin', origin: 'https://x.b.example', allow: 'https://x.b.example' },
    { desc: 'unknown origin gets no allow-origin', origin: 'https://evil.example', allow: undefined },
  ])('answers a preflight itself: $desc', async ({ origin, allow }) => {
    const { result, ctx } = await run(mw, { method: 'OPTIONS', headers: { origin, ...preflight } });
    expect(result).toEqual({
      status: 200,
      headers: {
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'Content-Type,Authorization',
        'access-control-allow-methods': 'GET,OPTIONS,PUT',
        'access-control-max-age': '100',
        ...(allow === undefined ? {} : { 'access-control-allow-origin': allow }),
      },
    });
    expect(ctx.responseHeaders).toEqual({});
  });

  it.each([
    {
      desc: 'OPTIONS without Access-Control-Request-Method',
      method: 'OPTIONS',
      headers: { origin: 'https://a.example' },
    },
    { desc: 'GET with preflight headers', method: 'GET', headers: { origin: 'https://a.example', ...preflight } },
  ])('passes on a non-preflight: $desc', async ({ method, headers }) => {
    const { result, ctx } = await run(mw, { method, headers });
    expect(result).toBeUndefined();
    expect(ctx.responseHeaders).toEqual({
      'x-other': '1',
      'access-control-allow-origin': 'https://a.example',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Total',
    });
  });

  it.each([
    { desc: 'no Vary', before: undefined, after: 'Origin' },
    { desc: 'another Vary', before: 'Accept-Encoding', after: 'Accept-Encoding,Origin' },
    { desc: 'already Origin', before: 'origin', after: 'origin' },
    { desc: 'array form', before: ['Accept', 'Cookie'], after: 'Accept, Cookie,Origin' },
  ])('appends Origin to the upstream Vary: $desc', ({ before, after }) => {
    const headers: ResponseHeaderBag = before === undefined ? {} : { vary: before };
    mw.onResponse?.(makeContext(), headers);
    expect(headers.vary).toBe(after);
  });

  it('a wildcard list answers *', async () => {
    const star = createMiddleware('s', { headers: { accessControlAllowOriginList: ['*'] } });
    const { ctx } = await run(star, { headers: { origin: 'https://any.example' } });
    expect(ctx.responseHeaders['access-control-allow-origin']).toBe('*');
    expect(star.onResponse).toBeUndefined();
  });

  it('rejects an invalid origin regex at its index', () => {
    expect(() => createMiddleware('c', { headers: { accessControlAllowOriginListRegex: ['ok', '(['] } })).toThrow(
      expect.objectContaining({ path: 'headers.accessControlAllowOriginListRegex[1]' }),
    );
  });
});

describe('headers middleware: security headers', () => {
  const secure = {
    frameDeny: true,
    contentTypeNosniff: true,
    browserXssFilter: true,
    referrerPolicy: 'same-origin',
    contentSecurityPolicy: "default-src 'self'",
    stsSeconds: 31536000,
    stsIncludeSubdomains: true,
    stsPreload: true,
  };
  const base = {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'x-xss-protection': '1; mode=block',
    'content-security-policy': "default-src 'self'",
    'referrer-policy': 'same-origin',
  };
  const sts = { 'strict-transport-security': 'max-age=31536000; includeSubDomains; preload' };

  it.each([
    { desc: 'HTTPS gets HSTS', options: secure, scheme: 'https' as const, expected: { ...base, ...sts } },
    { desc: 'HTTP gets no HSTS', options: secure, scheme: 'http' as const, expected: base },
    {
      desc: 'forceSTSHeader sends it over HTTP',
      options: { ...secure, forceSTSHeader: true },
      scheme: 'http' as const,
      expected: { ...base, ...sts },
    },
    {
      desc: 'isDevelopment drops HSTS',
      options: { ...secure, isDevelopment: true },
      scheme: 'https' as const,
      expected: base,
    },
    {
      desc: 'custom values override the defaults',
      options: { frameDeny: true, customFrameOptionsValue: 'SAMEORIGIN', customBrowserXSSValue: '0' },
      scheme: 'http' as const,
      expected: { 'x-frame-options': 'SAMEORIGIN', 'x-xss-protection': '0' },
    },
    {
      desc: 'custom response headers override security ones',
      options: { frameDeny: true, customResponseHeaders: { 'X-Frame-Options': '' } },
      scheme: 'http' as const,
      expected: { 'x-frame-options': '' },
    },
  ])('$desc', async ({ options, scheme, expected }) => {
    const { result, ctx } = await run(createMiddleware('sec', { headers: options }), { scheme });
    expect(result).toBeUndefined();
    expect(ctx.responseHeaders).toEqual(expected);
  });

  it.each([
    { desc: 'allowed host passes', host: 'a.example', headers: {}, status: undefined },
    { desc: 'other host is refused', host: 'b.example', headers: {}, status: 500 },
    {
      desc: 'proxy header is checked first',
      host: 'b.example',
      headers: { 'x-forwarded-host': 'a.example' },
      status: undefined,
    },
  ])('allowedHosts: $desc', async ({ host, headers, status }) => {
    const mw = createMiddleware('h', {
      headers: { allowedHosts: ['a.example'], hostsProxyHeaders: ['X-Forwarded-Host'] },
    });
    const { result } = await run(mw, { host, headers });
    expect(result?.status).toBe(status);
  });

  it('rejects unsupported options instead of ignoring them', () => {
    expect(() => createMiddleware('h', { headers: { sslRedirect: true } })).toThrow(
      expect.objectContaining({ path: 'headers.sslRedirect' }),
    );
  });
});
