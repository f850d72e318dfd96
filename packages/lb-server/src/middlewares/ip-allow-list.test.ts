import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('ipAllowList middleware', () => {
  const ranges = ['127.0.0.1/32', '192.168.1.7', '10.0.0.0/8', '2001:db8::/32', '::1'];

  it.each([
    { desc: 'IPv4 in a CIDR', clientIp: '10.9.8.7', allowed: true },
    { desc: 'exact IPv4', clientIp: '192.168.1.7', allowed: true },
    { desc: 'IPv4 outside', clientIp: '192.168.1.8', allowed: false },
    { desc: 'IPv4-mapped IPv6 peer', clientIp: '::ffff:127.0.0.1', allowed: true },
    { desc: 'IPv6 in a CIDR', clientIp: '2001:db8:abcd::5', allowed: true },
    { desc: 'IPv6 loopback', clientIp: '::1', allowed: true },
    { desc: 'IPv6 outside', clientIp: '2001:db9::5', allowed: false },
    { desc: 'garbage address', clientIp: 'nope', allowed: false },
  ])('remote address: $desc → $allowed', async ({ clientIp, allowed }) => {
    const mw = createMiddleware('allow', { ipAllowList: { sourceRange: ranges } });
    const { result } = await run(mw, { clientIp });
    expect(result).toEqual(allowed ? undefined : { status: 403, body: 'Forbidden' });
  });

  it.each([
    { desc: 'depth 1 picks the rightmost entry', depth: 1, xff: '1.1.1.1, 10.0.0.5', allowed: true },
    { desc: 'depth 2 picks the next one', depth: 2, xff: '1.1.1.1, 10.0.0.5', allowed: false },
    { desc: 'depth beyond the entries refuses', depth: 3, xff: '10.0.0.5, 10.0.0.6', allowed: false },
    { desc: 'entries with ports are understood', depth: 1, xff: '[2001:db8::1]:1234', allowed: true },
  ])('ipStrategy: $desc', async ({ depth, xff, allowed }) => {
    const mw = createMiddleware('allow', { ipAllowList: { sourceRange: ranges, ipStrategy: { depth } } });
    const { result } = await run(mw, { clientIp: '8.8.8.8', headers: { 'x-forwarded-for': xff } });
    expect(result === undefined).toBe(allowed);
  });

  it('excludedIPs look past trusted proxies', async () => {
    const mw = createMiddleware('allow', {
      ipAllowList: { sourceRange: ['1.1.1.1'], ipStrategy: { excludedIPs: ['10.0.0.0/8'] } },
    });
    expect((await run(mw, { headers: { 'x-forwarded-for': '1.1.1.1, 10.0.0.2, 10.0.0.3' } })).result).toBeUndefined();
    expect((await run(mw, { headers: { 'x-forwarded-for': '2.2.2.2, 10.0.0.2' } })).result?.status).toBe(403);
  });

  it('honours rejectStatusCode and the ipWhiteList alias', async () => {
    const mw = createMiddleware('allow', { ipWhiteList: { sourceRange: '10.0.0.0/8', rejectStatusCode: 404 } });
    expect(mw.type).toBe('ipWhiteList');
    expect((await run(mw, { clientIp: '1.2.3.4' })).result).toEqual({ status: 404, body: 'Not Found' });
  });

  it.each([
    { desc: 'no sourceRange', config: {}, path: 'ipAllowList.sourceRange' },
    { desc: 'bad CIDR', config: { sourceRange: ['10.0.0.0/8', '300.1.1.1'] }, path: 'ipAllowList.sourceRange[1]' },
    {
      desc: 'bad excludedIPs',
      config: { sourceRange: ['::1'], ipStrategy: { excludedIPs: ['x'] } },
      path: 'ipAllowList.ipStrategy.excludedIPs[0]',
    },
    {
      desc: 'bad status',
      config: { sourceRange: ['::1'], rejectStatusCode: 999 },
      path: 'ipAllowList.rejectStatusCode',
    },
  ])('rejects $desc', ({ config, path }) => {
    expect(() => createMiddleware('a', { ipAllowList: config })).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});
