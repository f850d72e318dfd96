import { describe, expect, it } from 'vitest';
import { ipRangeProblem } from './ip-text';

describe('ipRangeProblem (Go net.ParseIP / net.ParseCIDR)', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', ' 10.0.0.0/8 ', '::1', '2001:db8::/32', '::ffff:10.0.0.0/104', '0.0.0.0/0'])(
    'accepts %j',
    (text) => {
      expect(ipRangeProblem(text)).toBeUndefined();
    },
  );

  it.each([
    { text: '10.0.0.300', problem: 'is not an IP address' },
    { text: '010.0.0.1', problem: 'is not an IP address' }, // Go rejects leading zeros (since 1.17)
    { text: '1:2:3', problem: 'is not an IP address' },
    { text: 'fe80::1%eth0', problem: 'is not an IP address' },
    { text: '10.0.0.0/33', problem: 'invalid prefix length' },
    { text: '::/129', problem: 'invalid prefix length' },
    { text: '10.0.0.0/x', problem: 'invalid prefix length' },
  ])('rejects $text', ({ text, problem }) => {
    expect(ipRangeProblem(text)).toContain(problem);
  });
});
