/**
 * The direct route of a proxy-only entry point: Fastify builds the entry point with this
 * `serverFactory`, whose request listener gives each request straight to the proxy engine
 * (`proxy/engine.ts`) — the same handler Fastify's catch-all route calls, without Fastify's
 * routing, request/reply objects and hook runner around it. Fastify's handler still takes:
 *
 * - every request until Fastify is ready, and from the moment it starts closing (its
 *   `return503OnClosing` answer);
 * - a request target that is not a path (`*`, absolute form): Fastify's 404, as before;
 * - everything, when a hook was added to the entry point's root instance (e.g. the dashboard's
 *   `onResponse` statistics hook in tests): hooks must see every request. Fastify has no public
 *   way to list hooks, so its hook table is looked up by its symbol's description; if that ever
 *   fails, requests keep going through Fastify (slower, never wrong).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { hasBody, type ProxyHandler } from '../proxy/engine';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Hooks that run per request; one registered at the root means requests must go through Fastify. */
const REQUEST_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort'];

/** Whether the instance has request hooks at its root, or may have (its hook table not found). */
export function hasRequestHooks(app: FastifyInstance): boolean {
  const key = Object.getOwnPropertySymbols(app).find((s) => s.description === 'fastify.hooks');
  const hooks = key === undefined ? undefined : (app as unknown as Record<symbol, Record<string, unknown> | undefined>)[key];
  if (hooks === undefined) return true;
  return REQUEST_HOOKS.some((name) => {
    const list = hooks[name];
    return !Array.isArray(list) || list.length > 0;
  });
}

/** See module comment. */
export class DirectRoute {
  #fastify: Listener | undefined;
  #engine: ProxyHandler | undefined;
  #on = false;

  /** Fastify's `serverFactory` option. */
  readonly serverFactory = (handler: Listener): Server => {
    this.#fastify = handler;
    return createServer((req, res) => this.#route(req, res));
  };

  /** Turns the direct route on once the app is ready (if no root hook wants the requests), off when it closes. */
  attach(app: FastifyInstance, engine: ProxyHandler): void {
    this.#engine = engine;
    app.addHook('onReady', (done) => {
      this.#on = !hasRequestHooks(app);
      done();
    });
    app.addHook('preClose', (done) => {
      this.#on = false;
      done();
    });
  }

  /** Whether requests bypass Fastify now. */
  get active(): boolean {
    return this.#on;
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    const engine = this.#engine;
    if (this.#on && engine !== undefined && req.url?.charCodeAt(0) === 47 /* / */) engine(req, res, hasBody(req) ? req : undefined);
    else this.#fastify?.(req, res);
  }
}
