/**
 * Starting and stopping the entry points' listeners.
 *
 * Listening: an address without a host (`:80`, as Traefik writes it) listens on every interface,
 * IPv6 and IPv4 (`::`), falling back to `0.0.0.0` where IPv6 is unavailable. With `reusePort`
 * (Traefik's `entryPoints.<name>.reusePort`) the socket gets SO_REUSEPORT, so a new Junction can
 * listen on the same address and port before this one stops: the kernel spreads new connections
 * over both, and once this one closes its listener they all go to the new one. Connections
 * already in this listener's accept queue at that moment are reset by Linux unless
 * `net.ipv4.tcp_migrate_req=1` (Linux ≥ 5.14), which moves them to the other listener.
 *
 * Graceful stop (Traefik's `transport.lifeCycle`): stop accepting connections, close idle
 * keep-alive connections — again and again, since a connection whose last request just finished
 * becomes idle — and let requests in flight finish within `graceTimeOut`; then close what is
 * left. Upgraded connections (WebSockets) get the same grace.
 */
import type { AddressInfo, ListenOptions } from 'node:net';
import type { FastifyInstance, FastifyListenOptions } from 'fastify';
import type { EntryPointOptions } from '../options/types';
import type { LifecycleController } from './lifecycle';

/** How often idle connections are closed while draining. */
const DRAIN_POLL_MS = 50;

/** Listens on the entry point's address; resolves with the bound address. */
export async function listenEntryPoint(app: FastifyInstance, options: EntryPointOptions): Promise<AddressInfo> {
  const { host, port } = options.address;
  // Fastify hands its listen options to Node's `server.listen` as they are; its types do not
  // know Node's `reusePort` (Node ≥ 22.12) yet.
  const listen = (h: string): Promise<string> => app.listen(withReusePort({ host: h, port }, options.reusePort === true));
  if (host !== undefined && host !== '') {
    await listen(host);
  } else {
    try {
      await listen('::');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
      await listen('0.0.0.0');
    }
  }
  return app.server.address() as AddressInfo;
}

function withReusePort(listenOptions: FastifyListenOptions, reusePort: boolean): FastifyListenOptions {
  const withOption: FastifyListenOptions & Pick<ListenOptions, 'reusePort'> = { ...listenOptions, reusePort };
  return withOption;
}

/** Outcome of {@link drainEntryPoint}. */
export interface DrainResult {
  /** Everything finished within the grace time. */
  readonly graceful: boolean;
}

/**
 * Stops one entry point gracefully (see module comment). Resolves once its server is closed;
 * connections still open after `graceMs` are destroyed.
 */
export async function drainEntryPoint(app: FastifyInstance, graceMs: number, lifecycle?: LifecycleController): Promise<DrainResult> {
  const server = app.server;
  const poll = setInterval(() => server.closeIdleConnections(), DRAIN_POLL_MS);
  poll.unref();
  let timer: NodeJS.Timeout | undefined;
  const closing = app.close();
  // An HTTP server's close waits for upgraded sockets too, so they share the same grace.
  const finished = Promise.all([closing, lifecycle?.waitForUpgrades(graceMs)])
    .then(([, upgradesDone]) => (upgradesDone === false ? ('expired' as const) : ('finished' as const)));
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  try {
    if ((await Promise.race([finished, expired])) === 'finished') return { graceful: true };
    server.closeAllConnections();
    lifecycle?.closeUpgrades();
    await closing;
    return { graceful: false };
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
  }
}
