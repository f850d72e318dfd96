/**
 * Test support: a client of the demo through the proxy, as a person's browser or curl would be:
 * `Host: demo.res.ch`, keep-alive connections of its own (one undici `Agent` per client), and the
 * two things the demo shows, which API server answered (`server.id` of the jokes API) and which
 * static node served the page (`X-Static-Node`). Used by the compose and `npm start` tests.
 */
import { Agent, request } from 'undici';
import { loadAround, pollUntil, type LoadOptions, type LoadResult } from '../helpers/load';

export { tally } from '../helpers/load';
export type { LoadResult } from '../helpers/load';

/** The demo's host name (the lab's). */
export const DEMO_HOST = 'demo.res.ch';

/** One answer through the proxy. */
export interface DemoAnswer {
  readonly status: number;
  /** `server.id` of a jokes API answer, or `X-Static-Node` of a static answer. */
  readonly who: string | undefined;
  /** The first `name=value` of a Set-Cookie header, if any. */
  readonly setCookie: string | undefined;
  readonly body: string;
}

/** A client: its own connections, and optionally a cookie it sends back. */
export class DemoClient {
  readonly #agent = new Agent({ keepAliveTimeout: 10_000, connections: 2 });
  readonly #base: string;
  readonly #host: string;
  cookie: string | undefined;

  constructor(base: string, host = DEMO_HOST) {
    this.#base = base;
    this.#host = host;
  }

  /** GETs `path` through the proxy; network errors reject. */
  async get(path: string): Promise<DemoAnswer> {
    const headers: Record<string, string> = { host: this.#host };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    const res = await request(`${this.#base}${path}`, { headers, dispatcher: this.#agent, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const body = await res.body.text();
    const raw = res.headers['set-cookie'];
    const setCookie = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0];
    const node = res.headers['x-static-node'];
    let who = typeof node === 'string' ? node : undefined;
    if (who === undefined && res.headers['content-type']?.toString().includes('json')) {
      who = (JSON.parse(body) as { server?: { id?: string } }).server?.id;
    }
    return { status: res.statusCode, who, setCookie, body };
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}


/** Short labels for long ids (uuids), for printing. */
export function shortCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, n]) => `${k.slice(0, 8)}=${n}`).join(' ');
}

/** Polls `probe` every 200 ms until it returns a value other than undefined; throws after `timeoutMs`. */
export function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  return pollUntil(what, probe, timeoutMs, 200);
}

/**
 * `clients` clients each send requests back to back for `durationMs`; `during` runs at
 * `atMs`. Every answer other than 200, and every network error, is a failure (kept as text).
 */
export function runLoad(base: string, path: string, options: LoadOptions): Promise<LoadResult> {
  return loadAround(() => new DemoClient(base), path, options);
}
