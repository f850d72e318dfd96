import { describe, expect, it } from 'vitest';
import { ConfigReader } from './config-reader';
import { readIpStrategy, readSourceCriterion } from './ip-strategy';
import { makeContext } from '../../test/support/middlewares/proxy-context';

const XFF = { 'x-forwarded-for': '10.0.0.1, 11.0.0.1, 12.0.0.1, 13.0.0.1' };

describe('readIpStrategy', () => {
  it.each([
    { desc: 'none: the remote address', strategy: undefined, headers: XFF, expected: '192.0.2.9' },
    { desc: 'empty object: the remote address', strategy: {}, headers: XFF, expected: '192.0.2.9' },
    { desc: 'depth 1: rightmost', strategy: { depth: 1 }, headers: XFF, expected: '13.0.0.1' },
    { desc: 'depth 3', strategy: { depth: 3 }, headers: XFF, expected: '11.0.0.1' },
    { desc: 'depth beyond the list: empty', strategy: { depth: 5 }, headers: XFF, expected: '' },
    {
      desc: 'depth wins over excludedIPs',
      strategy: { depth: 2, excludedIPs: ['12.0.0.1'] },
      headers: XFF,
      expected: '12.0.0.1',
    },
    {
      desc: 'excludedIPs skip from the right',
      strategy: { excludedIPs: ['12.0.0.0/8', '13.0.0.1'] },
      headers: XFF,
      expected: '11.0.0.1',
    },
    { desc: 'all excluded: empty', strategy: { excludedIPs: ['0.0.0.0/0'] }, headers: XFF, expected: '' },
    { desc: 'depth 1 without the header: empty', strategy: { depth: 1 }, headers: {}, expected: '' },
  ])('$desc', ({ strategy, headers, expected }) => {
    const extract = readIpStrategy(strategy === undefined ? undefined : new ConfigReader(strategy, 'ipStrategy'));
    expect(extract(makeContext({ clientIp: '192.0.2.9', headers }))).toBe(expected);
  });

  it.each([
    {
      desc: 'remote address',
      strategy: { ipv6Subnet: 64 },
      clientIp: '2001:db8:1:2:3:4:5:6',
      headers: {},
      expected: '2001:db8:1:2::',
    },
    {
      desc: 'depth',
      strategy: { depth: 1, ipv6Subnet: 48 },
      clientIp: '1.1.1.1',
      headers: { 'x-forwarded-for': '2001:db8:1:2::9' },
      expected: '2001:db8:1::',
    },
    { desc: 'IPv4 is untouched', strategy: { ipv6Subnet: 64 }, clientIp: '1.1.1.1', headers: {}, expected: '1.1.1.1' },
  ])('ipv6Subnet masks the $desc', ({ strategy, clientIp, headers, expected }) => {
    const extract = readIpStrategy(new ConfigReader(strategy, 'ipStrategy'));
    expect(extract(makeContext({ clientIp, headers }))).toBe(expected);
  });

  it('rejects an ipv6Subnet over 128', () => {
    expect(() => readIpStrategy(new ConfigReader({ ipv6Subnet: 129 }, 'x.ipStrategy'))).toThrow(
      expect.objectContaining({ path: 'x.ipStrategy.ipv6Subnet' }),
    );
  });
});

describe('readSourceCriterion', () => {
  const ctx = makeContext({ clientIp: '::ffff:10.1.2.3', host: 'shop.example:8080', headers: { 'x-api-key': 'k1' } });

  it.each([
    {
      desc: 'default ip: normalised remote address',
      criterion: undefined,
      fallback: 'ip' as const,
      expected: '10.1.2.3',
    },
    { desc: 'default host', criterion: undefined, fallback: 'host' as const, expected: 'shop.example:8080' },
    { desc: 'requestHost', criterion: { requestHost: true }, fallback: 'ip' as const, expected: 'shop.example:8080' },
    {
      desc: 'requestHeaderName',
      criterion: { requestHeaderName: 'X-Api-Key' },
      fallback: 'ip' as const,
      expected: 'k1',
    },
    {
      desc: 'missing header: empty key',
      criterion: { requestHeaderName: 'X-None' },
      fallback: 'ip' as const,
      expected: '',
    },
    { desc: 'ipStrategy', criterion: { ipStrategy: {} }, fallback: 'host' as const, expected: '10.1.2.3' },
  ])('$desc', ({ criterion, fallback, expected }) => {
    const reader = criterion === undefined ? undefined : new ConfigReader(criterion, 'sourceCriterion');
    expect(readSourceCriterion(reader, fallback)(ctx)).toBe(expected);
  });

  it.each([
    { ipStrategy: {}, requestHost: true },
    { requestHeaderName: 'X', requestHost: true },
    { ipStrategy: { depth: 1 }, requestHeaderName: 'X' },
  ])('rejects several criteria at once: %j', (criterion) => {
    expect(() => readSourceCriterion(new ConfigReader(criterion, 'sc'), 'ip')).toThrow(
      expect.objectContaining({ path: 'sc' }),
    );
  });
});
