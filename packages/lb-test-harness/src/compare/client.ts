/**
 * A simulated HTTP client: its own undici connection pool (optionally bound to its own loopback
 * source address, so consistent hashing on the client IP sees distinct clients), and a cookie
 * jar when it stands for a browser with a session. It reads who answered from jokes-api's JSON
 * (`server.id`, and `count` for `/session`) and whether the session's state survived.
 */
import { Agent, request } from 'undici';
import { CookieJar } from '../model/cookie-jar';

/** What a client needs to know. */
export interface ClientOptions {
  readonly id: number;
  /** Keeps cookies (a session). */
  readonly session: boolean;
  /** Base URL of the proxy, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** Path requested, e.g. `/session`. */
  readonly path: string;
  /** A `Host` header to send (for host rules of a running stack). */
  readonly host?: string;
  /** Source address to connect from (127.x.y.z). */
  readonly localAddress?: string;
  /** Per-request timeout, ms. Default 5000. */
  readonly timeoutMs?: number;
}

/** One answer as the client saw it. */
export interface ClientAnswer {
  readonly status: number;
  /** `server.id` from the body, when present. */
  readonly serverId?: string;
  /** The session's request count on the answering server (`/session`). */
  readonly count?: number;
  readonly latencyMs: number;
  /** The error message when nothing was answered. */
  readonly error?: string;
}

/** The source address of client `i`: 127.0.0.2 … 127.0.0.251, then 127.0.1.2 …, never 127.0.0.1. */
export function clientAddress(i: number): string {
  return `127.0.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`;
}

/** Reads `server.id` and `count` from a jokes-api body; anything else yields nothing. */
export function readAnswer(body: string): { serverId?: string; count?: number } {
  try {
    const doc = JSON.parse(body) as { server?: { id?: unknown }; count?: unknown };
    const serverId = typeof doc.server?.id === 'string' ? doc.server.id : undefined;
    const count = typeof doc.count === 'number' ? doc.count : undefined;
    return { ...(serverId === undefined ? {} : { serverId }), ...(count === undefined ? {} : { count }) };
  } catch {
    return {};
  }
}

/** A simulated client. */
export class HttpClient {
  readonly id: number;
  readonly session: boolean;
  /** Successful `/session` answers so far (what the server's count should be, minus one). */
  sessionHits = 0;
  readonly #options: ClientOptions;
  readonly #agent: Agent;
  readonly #jar = new CookieJar();

  constructor(options: ClientOptions) {
    this.id = options.id;
    this.session = options.session;
    this.#options = options;
    this.#agent = new Agent({
      connections: 1,
      keepAliveTimeout: 10_000,
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
  }

  /** Sends one request and reads the answer; never throws. */
  async send(): Promise<ClientAnswer> {
    const headers: Record<string, string> = {};
    const cookie = this.session ? this.#jar.header() : undefined;
    if (cookie !== undefined) headers.cookie = cookie;
    if (this.#options.host !== undefined) headers.host = this.#options.host;
    const started = performance.now();
    try {
      const timeout = this.#options.timeoutMs ?? 5000;
      const res = await request(new URL(this.#options.path, this.#options.baseUrl), {
        dispatcher: this.#agent,
        headers,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const body = await res.body.text();
      const latencyMs = performance.now() - started;
      if (this.session) {
        const set = res.headers['set-cookie'];
        for (const value of Array.isArray(set) ? set : set === undefined ? [] : [set]) this.#jar.set(value);
      }
      return { status: res.statusCode, latencyMs, ...readAnswer(body) };
    } catch (err) {
      return {
        status: 0,
        latencyMs: performance.now() - started,
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }

  /** Closes the client's connections. */
  async close(): Promise<void> {
    await this.#agent.close();
  }
}
