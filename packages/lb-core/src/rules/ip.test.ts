import { describe, expect, it } from 'vitest';
import { compileIpChecker, parseAddr, parseIpNet } from './ip';

function contains(values: string[], ip: string): boolean {
  const checker = compileIpChecker(values);
  if ('invalid' in checker) throw new Error(`invalid ${checker.invalid}`);
  return checker.contains(ip);
}

describe('ClientIP checker (Go net semantics)', () => {
  it.each([
    { values: ['10.0.0.1'], ip: '10.0.0.1', expected: true },
    { values: ['10.0.0.1'], ip: '10.0.0.2', expected: false },
    { values: ['10.0.0.0/8'], ip: '10.255.1.1', expected: true },
    { values: ['10.0.0.0/8'], ip: '11.0.0.1', expected: false },
    { values: ['10.1.2.3/8'], ip: '10.9.9.9', expected: true },
    { values: ['0.0.0.0/0'], ip: '1.2.3.4', expected: true },
    { values: ['192.168.1.128/25'], ip: '192.168.1.127', expected: false },
    { values: ['10.0.0.1'], ip: '::ffff:10.0.0.1', expected: true },
    { values: ['::ffff:10.0.0.1'], ip: '10.0.0.1', expected: true },
    { values: ['::ffff:0:0/96'], ip: '8.8.8.8', expected: true },
    { values: ['::/0'], ip: '8.8.8.8', expected: false },
    { values: ['::/0'], ip: '2001:db8::1', expected: true },
    { values: ['2001:db8::/32'], ip: '2001:db8:ffff::1', expected: true },
    { values: ['2001:db8::/32'], ip: '2001:db9::1', expected: false },
    { values: ['fe80::/10'], ip: 'febf::1', expected: true },
    { values: ['::1'], ip: '[::1]', expected: true },
    { values: ['1::8'], ip: '1:0:0:0:0:0:0:8', expected: true },
    { values: ['::1'], ip: 'fe80::1%eth0', expected: false },
    { values: ['10.0.0.1', '::1'], ip: '::1', expected: true },
  ])('$values contains $ip: $expected', ({ values, ip, expected }) => {
    expect(contains(values, ip)).toBe(expected);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.4/33',
    '::1/129',
    '1.2.3.4/x',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '1:2:3:4:5:6:7::8',
    ':1::',
    '12345::',
    'g::1',
    'fe80::1%eth0',
    '1.2.3.4::',
  ])('rejects %j', (value) => {
    expect(compileIpChecker([value])).toEqual({ invalid: 0 });
  });

  it('parses an embedded IPv4 tail', () => {
    expect(Array.from(parseAddr('::ffff:1.2.3.4')?.bytes ?? [])).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
    ]);
    expect(parseAddr('::ffff:1.2.3.4')?.v4).toBe(true);
  });

  it.each([
    { text: '10.1.2.3/8', net: { v4: true, bits: 8 } },
    { text: '10.1.2.3', net: { v4: true, bits: 32 } },
    { text: '::ffff:10.0.0.0/104', net: { v4: true, bits: 8 } },
    { text: '::ffff:0:0/64', net: { v4: true, bits: 0 } },
    { text: '2001:db8::/32', net: { v4: false, bits: 32 } },
    { text: '::1', net: { v4: false, bits: 128 } },
  ])('parseIpNet($text) is $net', ({ text, net }) => {
    expect(parseIpNet(text)).toMatchObject(net);
  });
});
