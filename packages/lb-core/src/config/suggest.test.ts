import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest';

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

describe('closest with a tolerance', () => {
  const labels = ['traefik.http.services.app.loadbalancer.server.port', 'traefik.enable'];
  const third = (key: string): number => Math.min(4, Math.max(1, Math.floor(key.length / 3)));
  it('counts a swap of neighbours as one edit and ignores case', () => {
    expect(closest('Traefik.http.services.app.loadbalancer.server.prot', labels, third)).toBe(labels[0]);
    expect(closest('PROT', ['port', 'path'], () => 1)).toBe('port');
  });
  it('suggests nothing beyond the tolerance', () => {
    expect(closest('traefik.enabled.now', labels, () => 2)).toBeUndefined();
    expect(closest('traefik.enabled.now', labels, () => 5)).toBe('traefik.enable');
  });
});

describe('editDistance', () => {
  it.each([
    { a: 'kitten', b: 'sitting', d: 3 },
    { a: 'prot', b: 'port', d: 1 },
    { a: 'ab', b: 'ba', d: 1 },
    { a: '', b: 'abc', d: 3 },
    { a: 'same', b: 'same', d: 0 },
    { a: 'ca', b: 'abc', d: 3 },
  ])('$a → $b is $d', ({ a, b, d }) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
  it('stops at the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(2);
    expect(editDistance('a', 'abcdef', 3)).toBe(3);
  });
});
