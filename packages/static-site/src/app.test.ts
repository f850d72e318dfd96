import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, rawGet, type Listening } from '../test/listen';
import { NODE_HEADER, createApp } from './app';
import { PUBLIC_DIR } from './public-dir';

describe('static-site over HTTP', () => {
  let site: Listening;
  beforeAll(async () => {
    site = await listen(createApp({ nodeName: 'static-test-1' }));
  });
  afterAll(async () => {
    await site.close();
  });

  it('serves index.html at / with an ETag, no-cache and the node header', async () => {
    const res = await fetch(`${site.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('etag')).toMatch(/^(W\/)?"[^"]+"$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get(NODE_HEADER)).toBe('static-test-1');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toBe(await readFile(`${PUBLIC_DIR}/index.html`, 'utf8'));
    expect(html).toContain('Junction demo');
  });

  it.each(['/', '/styles.css'])(
    'answers 304 to a matching If-None-Match on %s, still naming the node',
    async (path) => {
      const first = await fetch(`${site.url}${path}`);
      const etag = first.headers.get('etag') ?? '';
      const res = await rawGet(site.url, path, { 'if-none-match': etag });
      expect(res.status).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers['etag']).toBe(etag);
      expect(res.headers['cache-control']).toBe(first.headers.get('cache-control'));
      expect(res.headers[NODE_HEADER.toLowerCase()]).toBe('static-test-1');
    },
  );

  it.each<{ desc: string; headers: Record<string, string> }>([
    { desc: 'a stale ETag', headers: { 'if-none-match': 'W/"stale"' } },
    { desc: 'a forced reload', headers: { 'if-none-match': '*', 'cache-control': 'no-cache' } },
  ])('answers 200 to $desc', async ({ headers }) => {
    const res = await rawGet(site.url, '/', headers);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Junction demo');
  });

  it.each([
    { path: '/index.html', type: /^text\/html/, cache: 'no-cache' },
    { path: '/styles.css', type: /^text\/css/, cache: 'public, max-age=300' },
    { path: '/app.js', type: /^(text|application)\/javascript/, cache: 'public, max-age=300' },
    { path: '/lib.js', type: /^(text|application)\/javascript/, cache: 'public, max-age=300' },
    { path: '/favicon.svg', type: /^image\/svg\+xml/, cache: 'public, max-age=300' },
  ])('serves $path as $type with "$cache"', async ({ path, type, cache }) => {
    const res = await fetch(`${site.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.headers.get(NODE_HEADER)).toBe('static-test-1');
  });

  it.each([
    { path: '/health', body: { status: 'ok', node: 'static-test-1' } },
    { path: '/node.json', body: { node: 'static-test-1' } },
  ])('GET $path answers JSON, never cached', async ({ path, body }) => {
    const res = await fetch(`${site.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get(NODE_HEADER)).toBe('static-test-1');
    expect(await res.json()).toEqual(body);
  });

  it.each(['/missing.html', '/api/jokes/', '/src/app.ts'])('answers %s with a 404 naming the node', async (path) => {
    const res = await fetch(`${site.url}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get(NODE_HEADER)).toBe('static-test-1');
  });
});

describe('default node name', () => {
  it('is the hostname plus a short random id, different per app', async () => {
    const names: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const site = await listen(createApp());
      try {
        names.push((await fetch(`${site.url}/node.json`)).headers.get(NODE_HEADER) ?? '');
      } finally {
        await site.close();
      }
    }
    for (const name of names)
      expect(name).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{4}$`));
    expect(names[0]).not.toBe(names[1]);
  });
});
