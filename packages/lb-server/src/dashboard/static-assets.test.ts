import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAssets, lookupAsset } from './static-assets';

const dir = mkdtempSync(join(tmpdir(), 'junction-assets-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html>');
writeFileSync(join(dir, 'assets', 'a-1.js'), 'x');
writeFileSync(join(dir, 'assets', 'a-1.css'), 'y');
writeFileSync(join(dir, 'assets', 'font.bin'), 'z');
const assets = loadAssets(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadAssets', () => {
  it('reads every file with its content type, ETag and cache policy', () => {
    expect([...assets.keys()].sort()).toEqual(['assets/a-1.css', 'assets/a-1.js', 'assets/font.bin', 'index.html']);
    expect(assets.get('index.html')).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
    });
    expect(assets.get('assets/a-1.css')).toMatchObject({
      contentType: 'text/css; charset=utf-8',
      cacheControl: expect.stringContaining('immutable'),
    });
    expect(assets.get('assets/font.bin')?.contentType).toBe('application/octet-stream');
    expect(assets.get('assets/a-1.js')?.etag).not.toBe(assets.get('assets/a-1.css')?.etag);
  });

  it('gives an empty map for a missing folder', () => {
    expect(loadAssets(join(dir, 'nope')).size).toBe(0);
  });
});

describe('lookupAsset', () => {
  it.each([
    { rest: '', kind: 'asset', path: 'index.html' },
    { rest: 'index.html', kind: 'asset', path: 'index.html' },
    { rest: 'assets/a-1.js', kind: 'asset', path: 'assets/a-1.js' },
    { rest: 'assets%2Fa-1.js', kind: 'asset', path: 'assets/a-1.js' },
    { rest: 'assets/', kind: 'missing' },
    { rest: 'nope.js', kind: 'missing' },
    { rest: '../package.json', kind: 'bad' },
    { rest: 'assets/../index.html', kind: 'bad' },
    { rest: '%2e%2e/x', kind: 'bad' },
    { rest: './index.html', kind: 'bad' },
    { rest: 'a%5cb', kind: 'bad' },
    { rest: 'a%00b', kind: 'bad' },
    { rest: '%E0%A4%A', kind: 'bad' },
  ])('$rest → $kind', ({ rest, kind, path }) => {
    const found = lookupAsset(assets, rest);
    expect(found.kind).toBe(kind);
    if (path !== undefined && found.kind === 'asset') expect(found.path).toBe(path);
  });
});
