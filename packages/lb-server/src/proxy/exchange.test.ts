import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CLIENT_GONE, Exchange, readCookie } from './exchange';

describe('readCookie', () => {
  it.each([
    { header: undefined, name: 'a', want: undefined },
    { header: 'a=1', name: 'a', want: '1' },
    { header: 'x=0; a=1; b=2', name: 'a', want: '1' },
    { header: 'ab=1; a=2', name: 'a', want: '2' },
    { header: ' a = "quoted" ', name: 'a', want: 'quoted' },
    { header: 'flag; a=', name: 'a', want: '' },
    { header: 'b=1', name: 'a', want: undefined },
  ])('$header → $name = $want', ({ header, name, want }) => {
    expect(readCookie(header, name)).toBe(want);
  });
});

describe('Exchange', () => {
  const make = (): Exchange =>
    new Exchange(
      { method: 'GET', headers: { host: 'a', cookie: 'k=v' } } as unknown as IncomingMessage,
      'web',
      '10.0.0.1',
      'http',
      '/',
      '',
    );

  it('makes its header-change objects only when asked, and keeps what is written to them', () => {
    const ex = make();
    expect(ex.upstreamChanges).toBeUndefined();
    expect(ex.responseChanges).toBeUndefined();
    ex.upstreamHeaders['x-a'] = '1';
    ex.responseHeaders.connection = 'close';
    expect(ex.upstreamChanges).toEqual({ 'x-a': '1' });
    expect(ex.responseChanges).toEqual({ connection: 'close' });
    expect(ex.upstreamHeaders).toBe(ex.upstreamChanges);
    expect(ex.responseHeaders).toBe(ex.responseChanges);
  });

  it('runs onEnd callbacks exactly once, even when one throws', () => {
    const ex = make();
    const calls: string[] = [];
    ex.onEnd(() => calls.push('a'));
    ex.onEnd(() => {
      throw new Error('boom');
    });
    ex.onEnd(() => calls.push('c'));
    expect(ex.finish()).toBe(true);
    expect(ex.finish()).toBe(false);
    ex.onEnd(() => calls.push('late'));
    expect(calls).toEqual(['a', 'c', 'late']);
  });

  it('aborts its upstream request once when the client leaves', () => {
    const ex = make();
    const reasons: Error[] = [];
    ex.upstream = { abort: (reason) => void reasons.push(reason) };
    ex.abort();
    ex.abort();
    expect(reasons).toEqual([CLIENT_GONE]);
    expect(ex.aborted).toBe(true);
    expect(ex.upstream).toBeUndefined();
  });

  it('serves cookies and headers to balancers', () => {
    const ex = make();
    ex.upstreamHeaders['x-set'] = 'by middleware';
    expect(ex.cookie('k')).toBe('v');
    expect(ex.header('x-set')).toBe('by middleware');
    expect(ex.header('host')).toBe('a');
  });
});
