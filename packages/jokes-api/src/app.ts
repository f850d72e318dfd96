/**
 * The jokes API as an Express application. `createApp` wires the routes and never listens,
 * so tests (and `server.ts`) decide where it runs.
 *
 * Routes (mounted at `/`; the load balancer strips `/api/jokes/` before requests get here):
 * - `GET /`         random jokes (`?count=1..10`, default 1–3) and the answering server
 * - `GET /health`   `{ status: 'ok', id }`, never delayed or failed by fault injection
 * - `GET /session`  per-`session`-cookie request counter (sticky-session demo)
 * - `GET /:id`      one joke by numeric id, JSON 404 when unknown
 */
import express, { type Express } from 'express';
import { v4 as uuidv4 } from 'uuid';
import { resolveCount } from './count';
import { JokesError, errorHandler, notFound } from './errors';
import { injectFaults } from './faults';
import { createIdentity, type ServerIdentity } from './identity';
import { JOKES, findJoke, pickJokes, type Joke, type RandomSource } from './jokes';
import { SESSION_COOKIE, SessionCounter, readSessionId } from './session';

/** Everything `createApp` can be given; every field is optional and defaulted. */
export interface AppOptions {
  /** Who answers; default: a fresh uuid v4 and `os.hostname()`. */
  readonly identity?: ServerIdentity;
  /** Random source for joke picks, counts and failures; default `Math.random`. */
  readonly random?: RandomSource;
  /** Delay before each joke/session response, in ms (default 0). */
  readonly delayMs?: number;
  /** Probability in [0, 1] that a joke/session request answers 500 (default 0). */
  readonly failRate?: number;
  /** The joke book; default the bundled 100+ jokes. */
  readonly jokes?: readonly Joke[];
  /** Where unexpected errors are logged; default `console.error`. */
  readonly log?: (message: string) => void;
  /** How many sessions `/session` remembers (LRU), default 10 000. */
  readonly sessionLimit?: number;
}

/** Name of the response header that carries the answering server's id. */
export const SERVER_ID_HEADER = 'X-Server-Id';

/** Builds the jokes API application (see module comment for routes). */
export function createApp(options: AppOptions = {}): Express {
  const identity = options.identity ?? createIdentity();
  const random = options.random ?? Math.random;
  const book = options.jokes ?? JOKES;
  const sessions = new SessionCounter(options.sessionLimit);
  const faults = injectFaults({ delayMs: options.delayMs ?? 0, failRate: options.failRate ?? 0, random });

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.locals['identity'] = identity;

  app.use((_req, res, next) => {
    res.set(SERVER_ID_HEADER, identity.id);
    res.set('Cache-Control', 'no-store');
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', id: identity.id });
  });

  app.get('/session', faults, (req, res) => {
    let session = readSessionId(req.get('cookie'));
    if (session === undefined) {
      session = uuidv4();
      res.cookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax' });
    }
    res.json({ server: identity, session, count: sessions.hit(session) });
  });

  app.get('/', faults, (req, res) => {
    const count = resolveCount(req.query['count'], random);
    res.json({ server: identity, jokes: pickJokes(count, random, book) });
  });

  app.get(
    '/:id',
    // Non-numeric segments are unknown paths: skip this route, the generic 404 answers.
    (req, _res, next) => next(/^\d{1,9}$/.test(String(req.params['id'])) ? undefined : 'route'),
    faults,
    (req, res) => {
      const id = String(req.params['id']);
      const joke = findJoke(Number(id), book);
      if (!joke) throw new JokesError('JOKES_JOKE_NOT_FOUND', `No joke with id ${id}`, 404);
      res.json({ server: identity, joke });
    },
  );

  app.use(notFound(identity));
  app.use(errorHandler(identity, options.log ?? console.error));
  return app;
}
