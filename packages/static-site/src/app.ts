/**
 * The static demo site as an Express application: `public/` through `express.static`
 * (serve-static) with ETags and a per-type `Cache-Control`, plus `/health` and `/node.json`.
 * Every response carries `X-Static-Node`, naming the replica that answered. `createApp`
 * never listens.
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { cacheControlFor } from './cache-policy';
import { defaultNodeName } from './node-name';
import { PUBLIC_DIR } from './public-dir';

/** Everything `createApp` can be given; every field is optional and defaulted. */
export interface AppOptions {
  /** This replica's name; default: hostname plus a short random id. */
  readonly nodeName?: string;
  /** Folder to serve; default: the package's `public/`. */
  readonly publicDir?: string;
  /** Where unexpected errors are logged; default `console.error`. */
  readonly log?: (message: string) => void;
}

/** Name of the response header that names the static node. */
export const NODE_HEADER = 'X-Static-Node';

/**
 * Same-origin-only page: scripts, styles and `fetch` may only reach this host (the jokes API
 * is on the same host behind the load balancer); the favicon may be inline.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    log(`static-site: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).set('Cache-Control', 'no-store').type('text/plain').send('Internal server error\n');
  };
}

/** Builds the static site application (see module comment). */
export function createApp(options: AppOptions = {}): Express {
  const node = options.nodeName ?? defaultNodeName();
  const app = express();
  app.disable('x-powered-by');

  app.use((_req, res, next) => {
    res.set(NODE_HEADER, node);
    res.set(SECURITY_HEADERS);
    next();
  });
  app.get('/health', noStore, (_req, res) => {
    res.json({ status: 'ok', node });
  });
  app.get('/node.json', noStore, (_req, res) => {
    res.json({ node });
  });
  app.use(
    express.static(options.publicDir ?? PUBLIC_DIR, {
      dotfiles: 'deny', // 403 from send, then fall through to the 404 below
      etag: true,
      lastModified: true,
      index: 'index.html',
      cacheControl: false, // set per file type instead
      setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path)),
    }),
  );
  app.use((_req, res) => {
    res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found\n');
  });
  app.use(errorHandler(options.log ?? console.error));
  return app;
}
