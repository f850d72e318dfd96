/**
 * A tiny in-memory request counter per `session` cookie, used to demonstrate that sticky
 * sessions keep per-replica state: with stickiness the count climbs, without it it resets
 * whenever another replica answers.
 */

/** Name of the cookie that carries the demo session id. */
export const SESSION_COOKIE = 'session';

/** Session ids we accept from clients; anything else gets a fresh id. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Counts hits per session id, keeping at most `limit` sessions: the least recently used
 * one is dropped first (a Map keeps insertion order, and a hit re-inserts its key).
 */
export class SessionCounter {
  readonly #counts = new Map<string, number>();
  readonly #limit: number;

  constructor(limit = 10_000) {
    this.#limit = Math.max(1, limit);
  }

  /** Records one request for `id` and returns the new count (1 on the first request). */
  hit(id: string): number {
    const count = (this.#counts.get(id) ?? 0) + 1;
    this.#counts.delete(id);
    this.#counts.set(id, count);
    if (this.#counts.size > this.#limit) {
      const oldest = this.#counts.keys().next().value;
      if (oldest !== undefined) this.#counts.delete(oldest);
    }
    return count;
  }

  /** Number of sessions currently remembered. */
  get size(): number {
    return this.#counts.size;
  }
}

/**
 * Reads one cookie from a `Cookie` header (RFC 6265 `name=value; …`, first match wins) and
 * returns it only when it looks like a session id we issued; otherwise `undefined`.
 */
export function readSessionId(cookieHeader: string | undefined, name = SESSION_COOKIE): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return SESSION_ID.test(value) ? value : undefined;
  }
  return undefined;
}
