/**
 * A minimal cookie jar for simulated clients: it remembers `name=value` from `Set-Cookie`
 * headers and renders a `Cookie` header. Attributes (path, expiry, domain) are ignored because
 * every simulated client talks to one origin for a few seconds; `Max-Age<=0` deletes.
 */

/** Cookies of one client, by name. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Stores the cookie of one `Set-Cookie` header value. */
  set(header: string): void {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*(-\d+|0)\s*$/i.test(a));
    if (expired) this.#cookies.delete(name);
    else this.#cookies.set(name, pair.slice(eq + 1).trim());
  }

  /** The value of cookie `name`, if held. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The `Cookie` request header, or `undefined` when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}
