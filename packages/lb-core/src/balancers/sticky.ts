/**
 * Sticky sessions as a decorator of any strategy (Traefik `loadbalancer/sticky.go`): a
 * request whose sticky cookie names a current, healthy server with weight > 0 goes there;
 * any other request is picked by the inner strategy and told to set the cookie.
 *
 * The cookie value derives from the server's stable `id` only ({@link stickyCookieValue}), never
 * its URL or address, so every process, replica and release that knows the same servers issues
 * and honours the same values: several Junctions sharing no state act as one. A value is only
 * ever looked up among the hashes of the current servers, so a client can at most choose a
 * server it could have been sent to; unknown values get a fresh pick. Draining servers keep their existing sticky
 * clients but get no new ones (the inner strategy skips them). Each server's value and full
 * `Set-Cookie` header are computed on `update`, so picks allocate nothing.
 */
import { BalancerDecorator } from './decorator';
import type { Balancer, PickContext, Server, ServerSpec } from './balancer';
import { cookieAttributes, cookieNameFor, toCookieValue, type CookieAttributes } from './cookie';
import { toServer } from './pool';
import { sipHash24, sipHashHex, utf8 } from './siphash';

const ZERO_KEY = new Uint8Array(16);

/**
 * The default sticky cookie value of server `id`: SipHash-2-4 under the all-zero 128-bit key
 * of the UTF-8 string `junction-sticky:<id>`, as 16 lower-case hex digits. It is a fixed
 * derivation (the same id gives the same value in every process and every release) and opaque
 * (no address or name can be read from it; Traefik likewise hashes its server URL). Changing it
 * would move every sticky client once, on upgrade: it is pinned by a test vector.
 */
export function stickyCookieValue(id: string): string {
  return sipHash24(ZERO_KEY, utf8(`junction-sticky:${id}`))
    .toString(16)
    .padStart(16, '0');
}

/** Options of {@link withSticky}: the cookie and how its value is computed. */
export interface StickyOptions extends CookieAttributes {
  /** The service's name; the default cookie name is derived from it. */
  readonly serviceName?: string;
  /** A custom cookie name, sanitised to RFC 6265 token characters. */
  readonly cookieName?: string;
  /**
   * Optional key of the cookie-value hash (SipHash-2-4 under `deriveKey(secret)`; 32 hex digits
   * = 128 bits are used as-is). Without it, the default, the value is {@link stickyCookieValue}:
   * computable from the id alone, so balancers that share nothing agree. With it, only those
   * given the same secret honour each other's cookies (and a new secret re-pins every client).
   */
  readonly secret?: string;
  /** Hash of a server id (`key` is `secret`, or `''`). Defaults as described under `secret`. */
  readonly hash?: (key: string, id: string) => string;
}

/** The result of a sticky pick: the server, and the `Set-Cookie` header value to send, if any. */
export interface StickyPick {
  readonly server: Server;
  /** Present when the request's cookie does not already name `server`. */
  readonly setCookie?: string;
}

/** A balancer with sticky sessions. `pick` is `pickSticky(ctx)?.server`. */
export interface StickyBalancer extends Balancer {
  /** The cookie name in use. */
  readonly cookieName: string;
  /** Picks a server, honouring the request's sticky cookie, and says whether to set it. */
  pickSticky(ctx?: PickContext): StickyPick | undefined;
  /** The `Set-Cookie` header value that pins a client to server `id`, if it is known. */
  setCookieFor(id: string): string | undefined;
}

interface StickyEntry {
  readonly server: Server;
  readonly value: string;
  /** Returned on a cookie hit: nothing to set. */
  readonly hit: StickyPick;
  /** Returned on a fresh pick: set the cookie. */
  readonly fresh: StickyPick & { readonly setCookie: string };
  healthy: boolean;
}

class StickyDecorator extends BalancerDecorator implements StickyBalancer {
  readonly cookieName: string;
  readonly #suffix: string;
  readonly #secret: string;
  readonly #hash: (key: string, id: string) => string;
  #byId = new Map<string, StickyEntry>();
  #byValue = new Map<string, StickyEntry>();

  constructor(inner: Balancer, options: StickyOptions) {
    super(inner);
    this.cookieName = cookieNameFor(options.cookieName, options.serviceName ?? '');
    this.#suffix = cookieAttributes(options);
    this.#secret = options.secret ?? '';
    this.#hash = options.hash ?? (options.secret === undefined ? (_key, id) => stickyCookieValue(id) : sipHashHex);
    const initial = inner.servers();
    this.#rebuild(initial);
    for (const status of initial) if (!status.healthy) this.#setHealth(status.id, false);
  }

  pickSticky(ctx?: PickContext): StickyPick | undefined {
    const value = ctx?.cookie?.(this.cookieName);
    if (value !== undefined) {
      const pinned = this.#byValue.get(value);
      if (pinned !== undefined && pinned.healthy && pinned.server.weight > 0) return pinned.hit;
    }
    const server = this.inner.pick(ctx);
    if (server === undefined) return undefined;
    const entry = this.#byId.get(server.id);
    if (entry === undefined) return { server };
    return entry.value === value ? entry.hit : entry.fresh;
  }

  override pick(ctx?: PickContext): Server | undefined {
    return this.pickSticky(ctx)?.server;
  }

  setCookieFor(id: string): string | undefined {
    return this.#byId.get(id)?.fresh.setCookie;
  }

  override update(servers: readonly ServerSpec[]): void {
    this.#rebuild(servers);
    this.inner.update(servers);
  }

  override setHealthy(id: string, up: boolean): void {
    this.#setHealth(id, up);
    this.inner.setHealthy(id, up);
  }

  #setHealth(id: string, up: boolean): void {
    const entry = this.#byId.get(id);
    if (entry !== undefined) entry.healthy = up;
  }

  /** Rebuilds the id and value maps, reusing entries (and their health) whose server is unchanged. */
  #rebuild(specs: readonly ServerSpec[]): void {
    const byId = new Map<string, StickyEntry>();
    const byValue = new Map<string, StickyEntry>();
    for (const spec of specs) {
      if (byId.has(spec.id)) continue;
      const server = toServer(spec);
      const old = this.#byId.get(spec.id);
      let entry: StickyEntry;
      if (old !== undefined && old.server.url === server.url && old.server.weight === server.weight) {
        entry = old;
      } else {
        const value = old?.value ?? toCookieValue(this.#hash(this.#secret, spec.id));
        const setCookie = `${this.cookieName}=${value}${this.#suffix}`;
        entry = {
          server,
          value,
          hit: Object.freeze({ server }),
          fresh: Object.freeze({ server, setCookie }),
          healthy: old?.healthy ?? true,
        };
      }
      byId.set(spec.id, entry);
      if (!byValue.has(entry.value)) byValue.set(entry.value, entry);
    }
    this.#byId = byId;
    this.#byValue = byValue;
  }
}

/**
 * Decorates `inner` with cookie-based sticky sessions. The inner balancer's current servers
 * and health are taken over; after wrapping, drive only the returned balancer. Throws
 * `LB_CONFIG_INVALID` for an invalid cookie path, domain or max age.
 */
export function withSticky(inner: Balancer, options: StickyOptions = {}): StickyBalancer {
  return new StickyDecorator(inner, options);
}

/** True when `balancer` has sticky sessions (was made by {@link withSticky}). */
export function isStickyBalancer(balancer: Balancer): balancer is StickyBalancer {
  return typeof (balancer as Partial<StickyBalancer>).pickSticky === 'function';
}
