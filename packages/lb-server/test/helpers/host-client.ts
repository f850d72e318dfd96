/**
 * Test support: an HTTP client of a proxy as one browser or curl would be — keep-alive
 * connections of its own (one undici `Agent`), a fixed `Host` header, and a cookie it may send
 * back. Each end-to-end suite reads its answers its own way (which replica answered): `read`.
 */
import { Agent, request, type Dispatcher } from 'undici';

/** One answer, its body read. */
export interface HostAnswer {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData['headers'];
  readonly body: string;
  /** The first `name=value` of a Set-Cookie header, if any. */
  readonly setCookie: string | undefined;
}

/** See module comment; `get` resolves with what `read` makes of each answer. */
export class HostClient<T> {
  readonly #agent = new Agent({ keepAliveTimeout: 10_000, connections: 2 });
  readonly #base: string;
  readonly #host: string;
  readonly #read: (answer: HostAnswer) => T;
  cookie: string | undefined;

  constructor(base: string, host: string, read: (answer: HostAnswer) => T) {
    this.#base = base;
    this.#host = host;
    this.#read = read;
  }

  /** GETs `path` (10 s for headers and body); network errors reject. */
  async get(path: string): Promise<T> {
    const headers: Record<string, string> = { host: this.#host };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    const res = await request(`${this.#base}${path}`, {
      headers,
      dispatcher: this.#agent,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const body = await res.body.text();
    const raw = res.headers['set-cookie'];
    const setCookie = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0];
    return this.#read({ status: res.statusCode, headers: res.headers, body, setCookie });
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
