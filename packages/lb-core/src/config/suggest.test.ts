import { describe, expect, it } from 'vitest';
import { closest } from './suggest';

describe('closest (did you mean …?)', () => {
  const known = ['servers', 'strategy', 'sticky', 'healthCheck', 'passHostHeader', 'url', 'id'];
  it.each([
    { key: 'serverz', expected: 'servers' },
    { key: 'severs', expected: 'servers' },
    { key: 'healthchek', expected: 'healthCheck' },
    { key: 'passhostheaders', expected: 'passHostHeader' },
    { key: 'urll', expected: 'url' },
    { key: 'stickyy', expected: 'sticky' },
    { key: 'ip', expected: 'id' },
    { key: 'colour', expected: undefined },
    { key: 'x', expected: undefined },
    { key: 'loadBalancer', expected: undefined },
  ])('$key → $expected', ({ key, expected }) => {
    expect(closest(key.toLowerCase(), known)).toBe(expected);
  });
});
