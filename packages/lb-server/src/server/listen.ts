/**
 * Starting and stopping the entry points' listeners.
 *
 * Listening: an address without a host (`:80`, as Traefik writes it) listens on every interface,
 * IPv6 and IPv4 (`::`), falling back to `0.0.0.0` where IPv6 is unavailable.
 *
 * Graceful stop (Traefik's `transport.lifeCycle`): stop accepting connections, close idle
 * keep-alive connections — again and again, since a connection whose last request just finished
 * becomes idle — and let requests in flight finish within `graceTimeOut`; then close what is
 * left. Upgraded connections (WebSockets) get the same grace.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { EntryPointOptions } from '../options/types';
import type { LifecycleController } from './lifecycle';

/** How often idle connections are closed while draining. */
const DRAIN_POLL_MS = 50;

/** Listens on the entry point's address; resolves with the bound address. */
export async function listenEntryPoint(app: FastifyInstance, options: EntryPointOptions): Promise<AddressInfo> {
  const { host, port } = options.address;
  if (host !== undefined && host !== '') {
    await app.listen({ host, port });
  } else {
    try {
      await app.listen({ host: '::', port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
      await app.listen({ host: '0.0.0.0', port });
    }
  }
  return app.server.address() as AddressInfo;
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
