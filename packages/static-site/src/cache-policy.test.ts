import { describe, expect, it } from 'vitest';
import { ASSET_MAX_AGE_S, cacheControlFor } from './cache-policy';

describe('cacheControlFor', () => {
  it.each([
    { path: '/srv/public/index.html', expected: 'no-cache' },
    { path: '/srv/public/about.HTM', expected: 'no-cache' },
    { path: '/srv/public/styles.css', expected: `public, max-age=${ASSET_MAX_AGE_S}` },
    { path: '/srv/public/app.js', expected: `public, max-age=${ASSET_MAX_AGE_S}` },
    { path: '/srv/public/favicon.svg', expected: `public, max-age=${ASSET_MAX_AGE_S}` },
    { path: '/srv/public/html/readme.txt', expected: `public, max-age=${ASSET_MAX_AGE_S}` },
  ])('$path → $expected', ({ path, expected }) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});
