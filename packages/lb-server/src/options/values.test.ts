import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress, parseBoolean, parseDuration } from './values';

describe('parseDuration', () => {
  it.each([
    { input: '2s', ms: 2000 },
    { input: '500ms', ms: 500 },
    { input: '1m30s', ms: 90_000 },
    { input: '1.5s', ms: 1500 },
    { input: '2h45m', ms: 9_900_000 },
    { input: '10', ms: 10_000 },
    { input: '0', ms: 0 },
    { input: 3, ms: 3000 },
    { input: ' 1s ', ms: 1000 },
    { input: '250us', ms: 0.25 },
  ])('reads $input as $ms ms', ({ input, ms }) => {
    expect(parseDuration(input)).toEqual({ ok: true, value: ms });
  });

  it.each(['abc', '', '2x', 's', '1s2', '-1s', '1 s'])('refuses %j', (input) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('invalid duration');
  });
});

describe('parseAddress', () => {
  it.each([
    { input: ':80', host: undefined, port: 80 },
    { input: '0.0.0.0:80', host: '0.0.0.0', port: 80 },
    { input: '[::1]:8080', host: '::1', port: 8080 },
    { input: '127.0.0.1:0', host: '127.0.0.1', port: 0 },
    { input: 'localhost:3000', host: 'localhost', port: 3000 },
    { input: ':443/tcp', host: undefined, port: 443 },
  ])('reads $input', ({ input, host, port }) => {
    expect(parseAddress(input)).toEqual({ ok: true, value: { host, port } });
  });

  it.each(['80', ':', ':65536', ':http', '::1:80', '[::1:80', ':53/udp', 'a b:80', ''])('refuses %j', (input) => {
    const result = parseAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('invalid address');
  });

  it.each([{ input: ':80' }, { input: '[::1]:8080' }, { input: '127.0.0.1:0' }])('formats $input back', ({ input }) => {
    const parsed = parseAddress(input);
    expect(parsed.ok && formatAddress(parsed.value)).toBe(input);
  });
});

describe('parseBoolean', () => {
  it.each([
    { input: 'true', value: true },
    { input: 'TRUE', value: true },
    { input: '1', value: true },
    { input: 't', value: true },
    { input: 'false', value: false },
    { input: 'F', value: false },
    { input: '0', value: false },
    { input: true, value: true },
  ])('reads $input', ({ input, value }) => {
    expect(parseBoolean(input)).toEqual({ ok: true, value });
  });

  it.each(['yes', 'no', '', 'on'])('refuses %j', (input) => {
    expect(parseBoolean(input).ok).toBe(false);
  });
});
