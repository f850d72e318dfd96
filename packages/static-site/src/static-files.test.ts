import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, rawGet, type Listening } from '../test/listen';
import { NODE_HEADER, createApp } from './app';

describe('path traversal is refused (real public/ folder, package.json one level up)', () => {
  let site: Listening;
  beforeAll(async () => {
    site = await listen(createApp({ nodeName: 'guard' }));
  });
  afterAll(async () => {
    await site.close();
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/css/../../package.json',
    '/../src/app.ts',
    '/%2e%2e/%2e%2e/package.json',
  ])('%s → 403/404 without leaking the file', async (path) => {
    const res = await rawGet(site.url, path);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain('@junction/static-site');
    expect(res.body).not.toContain('createApp');
    expect(res.headers[NODE_HEADER.toLowerCase()]).toBe('guard');
  });
});

describe('dotfiles are refused even when they exist', () => {
  let dir: string;
  let site: Listening;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'static-site-'));
    await writeFile(join(dir, 'index.html'), '<p>public</p>');
    await writeFile(join(dir, '.env'), 'SECRET=hunter2');
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'config'), 'SECRET=hunter2');
    site = await listen(createApp({ nodeName: 'guard', publicDir: dir }));
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('still serves ordinary files from the folder', async () => {
    const res = await rawGet(site.url, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<p>public</p>');
  });

  it.each(['/.env', '/%2eenv', '/.git/config', '/.git/', '/x/../.env'])('%s → 403/404', async (path) => {
    const res = await rawGet(site.url, path);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain('hunter2');
  });
});
