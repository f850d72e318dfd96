import { describe, expect, it } from 'vitest';
import { buildRangeSet, inRangeSet, maskIpv6, parseIp } from './ip';

describe('parseIp', () => {
  it.each([
    { text: '1.2.3.4', expected: { address: '1.2.3.4', family: 'ipv4' } },
    { text: ' 1.2.3.4:8080 ', expected: { address: '1.2.3.4', family: 'ipv4' } },
    { text: '[2001:DB8::1]:443', expected: { address: '2001:db8::1', family: 'ipv6' } },
    { text: '::1', expected: { address: '::1', family: 'ipv6' } },
    { text: '::ffff:10.0.0.1', expected: { address: '10.0.0.1', family: 'ipv4' } },
    { text: 'fe80::1%eth0', expected: { address: 'fe80::1', family: 'ipv6' } },
    { text: 'unknown', expected: undefined },
    { text: '', expected: undefined },
    { text: '[::1', expected: undefined },
    { text: '010.0.0.1', expected: undefined },
    { text: '[::FFFF:A00:1]:80', expected: { address: '10.0.0.1', family: 'ipv4' } },
  ])('$text', ({ text, expected }) => {
    expect(parseIp(text)).toEqual(expected);
  });
});

describe('buildRangeSet', () => {
  const set = buildRangeSet(
    ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '172.16.5.4/12', '::ffff:100.64.0.0/106'],
    (i) => `r[${i}]`,
  );

  it.each([
    { ip: '10.200.3.4', inside: true },
    { ip: '11.0.0.1', inside: false },
    { ip: '192.168.1.7', inside: true },
    { ip: '192.168.1.8', inside: false },
    { ip: '2001:db8:ffff::1', inside: true },
    { ip: '2001:db9::1', inside: false },
    { ip: '::ffff:10.1.1.1', inside: true },
    { ip: '172.31.255.255', inside: true },
    { ip: '100.127.0.1', inside: true }, // an IPv4-mapped network holds IPv4 clients, as in Go
    { ip: '100.128.0.1', inside: false },
  ])('$ip → $inside', ({ ip, inside }) => {
    const parsed = parseIp(ip);
    expect(parsed).toBeDefined();
    expect(inRangeSet(set, parsed!)).toBe(inside);
  });

  it.each([
    { ranges: ['10.0.0.0/33'], path: 'r[0]' },
    { ranges: ['10.0.0.0/8', 'not-an-ip'], path: 'r[1]' },
    { ranges: ['::/129'], path: 'r[0]' },
    { ranges: ['10.0.0.0/x'], path: 'r[0]' },
    { ranges: ['010.0.0.0/8'], path: 'r[0]' },
    { ranges: ['fe80::1%eth0'], path: 'r[0]' },
  ])('rejects $ranges', ({ ranges, path }) => {
    expect(() => buildRangeSet(ranges, (i) => `r[${i}]`)).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});

describe('maskIpv6', () => {
  it.each([
    { ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348', bits: 64, expected: '2001:db8:85a3:8d3::' },
    { ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348', bits: 56, expected: '2001:db8:85a3:800::' },
    { ip: '2001:db8::1', bits: 128, expected: '2001:db8::1' },
    { ip: 'fe80::1:2:3:4', bits: 0, expected: '::' },
    { ip: '1:0:0:1:0:0:0:1', bits: 128, expected: '1:0:0:1::1' },
    { ip: '64:ff9b::192.0.2.33', bits: 96, expected: '64:ff9b::' },
  ])('$ip/$bits → $expected', ({ ip, bits, expected }) => {
    expect(maskIpv6(ip, bits)).toBe(expected);
  });
});
