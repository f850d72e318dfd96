/**
 * `undici-parts.ts` loads undici's files one by one: each must be the very value the package's
 * index exports (same class, same function), or an undici upgrade moved it; and, loaded alone in a
 * fresh process, it must give dispatchers their request API without loading Node's own undici.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import * as parts from './undici-parts';

describe('undici parts', () => {
  it('are the values the undici index exports', () => {
    expect(parts.Agent).toBe(undici.Agent);
    expect(parts.Pool).toBe(undici.Pool);
    expect(parts.Client).toBe(undici.Client);
    expect(parts.DispatcherBase).toBe(undici.Dispatcher);
    expect(parts.buildConnector).toBe(undici.buildConnector);
    expect(parts.errors).toBe(undici.errors);
    expect(parts.getGlobalDispatcher).toBe(undici.getGlobalDispatcher);
    expect(parts.interceptors.redirect).toBe(undici.interceptors.redirect);
  });

  it('alone, in a fresh process: dispatchers can request, and Node keeps its undici unloaded', () => {
    const script = [
      `const parts = await import(${JSON.stringify(fileURLToPath(new URL('./undici-parts.ts', import.meta.url)))});`,
      "const pool = new parts.Pool('http://127.0.0.1:1');",
      "const nodeUndici = process.moduleLoadList.some((m) => m.includes('deps/undici'));",
      'console.log(JSON.stringify({ request: typeof pool.request, stream: typeof pool.stream, nodeUndici }));',
      'await pool.close();',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(JSON.parse(out.trim())).toEqual({ request: 'function', stream: 'function', nodeUndici: false });
  });
});
