/**
 * `undici-parts.ts` loads undici's files one by one: each must be the very value the package's
 * index exports (same class, same function), or an undici upgrade moved it.
 */
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

  it('make working dispatchers', async () => {
    const pool = new parts.Pool('http://127.0.0.1:1');
    expect(pool).toBeInstanceOf(undici.Dispatcher);
    await pool.close();
  });
});
