/**
 * Coded errors of the jokes API and the two Express handlers that turn anything thrown or
 * unmatched into a JSON body: `{ error: { code, message }, server: { id, hostname } }`.
 * Clients (and the load balancer's passive health checks) always get JSON, never HTML.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ServerIdentity } from './identity';

/** Every error code this package can answer with. */
export type JokesErrorCode =
  | 'JOKES_NOT_FOUND'
  | 'JOKES_JOKE_NOT_FOUND'
  | 'JOKES_BAD_COUNT'
  | 'JOKES_BAD_REQUEST'
  | 'JOKES_INJECTED_FAILURE'
  | 'JOKES_INTERNAL'
  | 'JOKES_BAD_ENV';

/** An error with a stable code and the HTTP status it maps to. */
export class JokesError extends Error {
  readonly code: JokesErrorCode;
  readonly statusCode: number;

  constructor(code: JokesErrorCode, message: string, statusCode = 500) {
    super(message);
    this.name = 'JokesError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** Reads a 4xx status from errors raised by Express internals (e.g. a malformed `%` escape). */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : undefined;
}

/** Terminal handler for unmatched requests: JSON 404 naming the method and path. */
export function notFound(identity: ServerIdentity): RequestHandler {
  return (req, res) => {
    res.status(404).json({
      error: { code: 'JOKES_NOT_FOUND', message: `No route for ${req.method} ${req.path}` },
      server: identity,
    });
  };
}

/**
 * Error handler: coded errors keep their status and message; other client errors become
 * `JOKES_BAD_REQUEST`; anything else is logged and answered as an opaque `JOKES_INTERNAL` 500.
 */
export function errorHandler(identity: ServerIdentity, log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let body: { code: JokesErrorCode; message: string };
    let status: number;
    const clientStatus = clientStatusOf(err);
    if (err instanceof JokesError) {
      body = { code: err.code, message: err.message };
      status = err.statusCode;
    } else if (clientStatus !== undefined) {
      body = { code: 'JOKES_BAD_REQUEST', message: 'Bad request' };
      status = clientStatus;
    } else {
      log(`jokes-api: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      body = { code: 'JOKES_INTERNAL', message: 'Internal server error' };
      status = 500;
    }
    res.status(status).json({ error: body, server: identity });
  };
}
