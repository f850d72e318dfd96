import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { PUBLIC_DIR } from '../src/public-dir';
import { listen, type Listening } from './listen';

/** Every `src`/`href` value in the page. */
async function pageReferences(): Promise<string[]> {
  const html = await readFile(`${PUBLIC_DIR}/index.html`, 'utf8');
  return [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('the demo page', () => {
  let site: Listening;
  beforeAll(async () => {
    site = await listen(createApp({ nodeName: 'page' }));
  });
  afterAll(async () => {
    await site.close();
  });

  it('references only same-origin files (no CDN, no external fonts)', async () => {
    const refs = await pageReferences();
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) expect(ref).not.toMatch(/^(?:[a-z]+:)?\/\//i);
    const sheets = refs.filter((ref) => ref.endsWith('.css'));
    expect(sheets).toEqual(['styles.css', 'cards.css', 'footer.css', 'motion.css']);
    for (const sheet of sheets) {
      const css = await readFile(`${PUBLIC_DIR}/${sheet}`, 'utf8');
      expect(css, sheet).not.toMatch(/@import|url\(\s*["']?(?:https?:)?\/\//i);
    }
  });

  it('serves every file the page references', async () => {
    for (const ref of await pageReferences()) {
      const res = await fetch(new URL(ref, `${site.url}/`));
      expect(res.status, ref).toBe(200);
    }
  });

  it('serves every module app.js imports', async () => {
    const js = await readFile(`${PUBLIC_DIR}/app.js`, 'utf8');
    const imports = [...js.matchAll(/from '(\.\/[^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports).toContain('./lib.js');
    for (const path of imports) expect((await fetch(new URL(path, `${site.url}/`))).status, path).toBe(200);
  });

  it('polls the jokes API through the load balancer path and asks the site for its node', async () => {
    const js = await readFile(`${PUBLIC_DIR}/app.js`, 'utf8');
    expect(js).toContain("'/api/jokes/");
    expect(js).toContain("'/node.json'");
  });

  it('has every element app.js looks up', async () => {
    const [html, js] = await Promise.all([
      readFile(`${PUBLIC_DIR}/index.html`, 'utf8'),
      readFile(`${PUBLIC_DIR}/app.js`, 'utf8'),
    ]);
    const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    const literal = [...js.matchAll(/\$\('([\w-]+)'\)/g)].map((m) => m[1] ?? '');
    const templated = ['api', 'static'].flatMap((p) => ['swatch', 'id', 'badge'].map((s) => `${p}-${s}`));
    for (const id of [...literal, ...templated]) expect(ids.has(id), id).toBe(true);
  });
});
