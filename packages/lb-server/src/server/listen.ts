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
 * Graceful stop (Traefik's `transport.lifeCycle`, as Go's `http.Server.Shutdown`): stop accepting
 * connections; answer requests still arriving on open connections, with `Connection: close`;
 * after a second (a request may still be on its way over a connection accepted just before),
 * close idle connections — again and again, since a connection whose last request just finished
 * becomes idle — and let requests in flight finish within `graceTimeOut`; then close what is
 * left and the Fastify instance. Upgraded connections (WebSockets) get the same grace. On an
 * entry point that also speaks TLS, its TLS servers get the same treatment (their HTTP/1
 * connections as the plain ones; HTTP/2 sessions a GOAWAY at once, so their streams finish).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import net, { type AddressInfo, type ListenOptions } from 'node:net';
import type { FastifyInstance, FastifyListenOptions } from 'fastify';
import type { EntryPointOptions } from '../options/types';
import { secureEntryOf } from '../tls/entry-point-tls';
import type { LifecycleController } from './lifecycle';

/** How often idle connections are closed while draining. */
const DRAIN_POLL_MS = 50;
/**
 * How long a drain leaves idle connections open before closing them: time for a request already
 * on its way over a connection accepted a moment ago (Go's `Shutdown` waits 5 s for those); a
 * request arriving meanwhile on a kept-alive connection is answered, with `Connection: close`.
 */
const FRESH_CONNECTION_MS = 1_000;

/** Listens on the entry point's address; resolves with the bound address. */
export async function listenEntryPoint(app: FastifyInstance, options: EntryPointOptions): Promise<AddressInfo> {
  const { host, port } = options.address;
  // Fastify hands its listen options to Node's `server.listen` as they are; its types do not
  // know Node's `reusePort` (Node ≥ 22.12) yet.
  const listen = (h: string): Promise<string> =>
    app.listen(withReusePort({ host: h, port }, options.reusePort === true));
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
export async function drainEntryPoint(
  app: FastifyInstance,
  graceMs: number,
  lifecycle?: LifecycleController,
): Promise<DrainResult> {
  const server = app.server;
  // Stop accepting, without Node's HTTP `close()`: that also closes every connection with no
  // request in progress at once, a just-accepted one whose request is still on its way included.
  const connectionsClosed = new Promise<void>((resolve) => {
    net.Server.prototype.close.call(server, () => resolve());
  });
  // Requests still arriving on open connections are served (not refused with a 503, as Fastify
  // does once closing), and their connection closes after the answer.
  const noKeepAlive = (_req: IncomingMessage, res: ServerResponse): void => {
    res.shouldKeepAlive = false;
  };
  server.prependListener('request', noKeepAlive);
  const secure = secureEntryOf(app);
  const secureServers = secure?.servers() ?? [];
  for (const s of secureServers) s.prependListener('request', noKeepAlive);
  secure?.beginDrain();
  const closeIdle = (): void => {
    server.closeIdleConnections();
    secure?.closeIdle();
  };
  let poll: NodeJS.Timeout | undefined;
  const firstPoll = setTimeout(
    () => {
      closeIdle();
      poll = setInterval(closeIdle, DRAIN_POLL_MS);
      poll.unref();
    },
    Math.min(FRESH_CONNECTION_MS, graceMs),
  );
  firstPoll.unref();
  let timer: NodeJS.Timeout | undefined;
  // Upgraded sockets (WebSockets) keep the server open too, so they share the same grace.
  const finished = Promise.all([connectionsClosed, lifecycle?.waitForUpgrades(graceMs)]).then(([, upgradesDone]) =>
    upgradesDone === false ? ('expired' as const) : ('finished' as const),
  );
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  try {
    const graceful = (await Promise.race([finished, expired])) === 'finished';
    if (!graceful) {
      server.closeAllConnections();
      secure?.closeAll();
      lifecycle?.closeUpgrades();
      await connectionsClosed;
    }
    await app.close();
    return { graceful };
  } finally {
    clearTimeout(timer);
    clearTimeout(firstPoll);
    clearInterval(poll);
    server.off('request', noKeepAlive);
    for (const s of secureServers) s.off('request', noKeepAlive);
  }
}
