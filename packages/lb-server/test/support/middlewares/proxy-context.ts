/**
 * Test support (used only by `*.test.ts`): a real {@link ProxyContext} over a plain request
 * object, whose `end()` fires the `onEnd` callbacks as the proxy does when an exchange ends.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Middleware, MiddlewareResult, ProxyContext } from '../../../src/middlewares/middleware';

/** What a test may set on a context; everything has a sensible default. */
export interface ContextInit {
  readonly method?: string;
  readonly host?: string;
  readonly clientIp?: string;
  readonly scheme?: 'http' | 'https';
  readonly path?: string;
  readonly query?: string;
  readonly headers?: IncomingHttpHeaders;
}

/** A context plus a way to end its exchange. */
export interface TestContext extends ProxyContext {
  /** Runs the `onEnd` callbacks (once). */
  end(): void;
}

/** Builds a {@link TestContext}; header names in `init.headers` must be lower-case, as Node gives them. */
export function makeContext(init: ContextInit = {}): TestContext {
  const callbacks: Array<() => void> = [];
  let ended = false;
  const host = init.host ?? 'example.com';
  return {
    req: { headers: { host, ...init.headers } },
    method: init.method ?? 'GET',
    host,
    clientIp: init.clientIp ?? '10.0.0.1',
    scheme: init.scheme ?? 'http',
    entryPoint: 'web',
    path: init.path ?? '/',
    query: init.query ?? '',
    upstreamHeaders: {},
    responseHeaders: {},
    onEnd(fn) {
      callbacks.push(fn);
    },
    end() {
      if (ended) return;
      ended = true;
      for (const fn of callbacks) fn();
    },
  };
}

/** Runs `mw` on a fresh context built from `init`; returns the result and the context. */
export async function run(
  mw: Middleware,
  init: ContextInit = {},
): Promise<{ result: MiddlewareResult; ctx: TestContext }> {
  const ctx = makeContext(init);
  const result = await mw.handle(ctx);
  return { result, ctx };
}

/** Runs `mw` on `ctx` and requires a synchronous answer (the fast path). */
export function handleSync(mw: Middleware, ctx: ProxyContext): MiddlewareResult {
  const result = mw.handle(ctx);
  if (result instanceof Promise) throw new Error(`${mw.name} answered asynchronously`);
  return result;
}
