/**
 * Graceful shutdown for a Node HTTP server: stop accepting, let in-flight requests finish,
 * close idle keep-alive sockets, and cut whatever is left after a deadline.
 *
 * Twin of static-site/src/shutdown.ts, kept identical on purpose: each demo app is a
 * standalone image and imports nothing internal (lint enforces it), so a fix goes into both.
 * This package's shutdown.test.ts covers the logic of both copies.
 */
import type { Server } from 'node:http';

/** How a shutdown ended: every request finished (`clean`) or stragglers were cut (`forced`). */
export type ShutdownOutcome = 'clean' | 'forced';

/** How often idle keep-alive sockets are swept while a shutdown waits. */
const IDLE_SWEEP_MS = 50;

/**
 * Closes `server` gracefully. `server.close()` stops accepting and waits for open
 * connections, but a keep-alive socket busy at that moment only turns idle when its
 * response ends, and Node would then keep it until its keep-alive timeout: so idle sockets
 * are swept every few ms until the server is closed. After `timeoutMs` the remaining sockets
 * are destroyed and the outcome is `forced`.
 */
export function closeGracefully(server: Server, timeoutMs: number): Promise<ShutdownOutcome> {
  return new Promise((resolve) => {
    let forced = false;
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    sweep.unref();
    deadline.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(forced ? 'forced' : 'clean');
    });
    server.closeIdleConnections();
  });
}

/** Hooks for `handleSignals`; injectable so the wiring is testable without killing the runner. */
export interface SignalOptions {
  readonly timeoutMs: number;
  readonly log: (message: string) => void;
  readonly exit: (code: number) => void;
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * On the first SIGTERM/SIGINT, shuts `server` down gracefully and exits 0 (1 if requests
 * had to be cut at the deadline). A second signal exits 1 immediately. Returns a function
 * that removes the listeners.
 */
export function handleSignals(
  server: Server,
  { timeoutMs, log, exit, signals = ['SIGTERM', 'SIGINT'] }: SignalOptions,
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log(`${signal}: finishing in-flight requests (up to ${timeoutMs} ms)`);
    void closeGracefully(server, timeoutMs).then((outcome) => {
      log(outcome === 'clean' ? 'stopped cleanly' : 'stopped: in-flight requests were cut at the deadline');
      exit(outcome === 'clean' ? 0 : 1);
    });
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
