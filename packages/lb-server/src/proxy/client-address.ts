/**
 * Who is on the other end of a connection: the peer's IP (IPv4-mapped IPv6 shown as IPv4) and
 * whether the entry point trusts its `X-Forwarded-*` headers (`forwardedHeaders.trustedIPs` or
 * `insecure`, as in Traefik). Worked out once per connection and cached, since every request on a
 * keep-alive connection comes from the same peer.
 */
import type { BlockList, Socket } from 'node:net';
import { buildRangeSet, inRangeSet, parseIp } from '../middlewares/ip';

/** What the proxy knows about a connection's peer. */
export interface Peer {
  readonly ip: string;
  /** Its `X-Forwarded-*` and `X-Real-Ip` headers are kept (and `X-Forwarded-For` appended to). */
  readonly trusted: boolean;
}

/** An entry point's `forwardedHeaders` options. */
export interface ForwardedHeadersOptions {
  readonly trustedIPs: readonly string[];
  readonly insecure: boolean;
}

const UNKNOWN: Peer = Object.freeze({ ip: '', trusted: false });

/** Resolves and caches {@link Peer}s for one entry point. */
export class PeerResolver {
  readonly #trusted: BlockList | undefined;
  readonly #insecure: boolean;
  readonly #cache = new WeakMap<Socket, Peer>();

  /** Throws a `MiddlewareConfigError` for an entry in `trustedIPs` that is not an IP or CIDR. */
  constructor(options: ForwardedHeadersOptions) {
    this.#insecure = options.insecure;
    this.#trusted =
      options.trustedIPs.length === 0
        ? undefined
        : buildRangeSet(options.trustedIPs, (i) => `forwardedHeaders.trustedIPs[${i}]`);
  }

  /** The peer of `socket` (cached per socket). */
  of(socket: Socket | null | undefined): Peer {
    if (socket === null || socket === undefined) return UNKNOWN;
    let peer = this.#cache.get(socket);
    if (peer === undefined) {
      peer = this.#resolve(socket.remoteAddress);
      this.#cache.set(socket, peer);
    }
    return peer;
  }

  #resolve(address: string | undefined): Peer {
    const parsed = address === undefined ? undefined : parseIp(address);
    if (parsed === undefined) return { ip: address ?? '', trusted: this.#insecure };
    const trusted = this.#insecure || (this.#trusted !== undefined && inRangeSet(this.#trusted, parsed));
    return Object.freeze({ ip: parsed.address, trusted });
  }
}
