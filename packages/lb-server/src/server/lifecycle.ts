/**
 * Graceful shutdown state shared by every entry point (Traefik's `transport.lifeCycle`): a
 * `shuttingDown` flag (the API answers `/ping` with 503 while it is set), and the set of
 * upgraded connections (WebSockets), which an HTTP server's `close()` does not wait for, so
 * shutdown can let them finish within the grace time and then close what is left.
 */
import type { Duplex } from 'node:stream';

/** Read side, for the API plugin. */
export interface Lifecycle {
  /** True from the moment shutdown begins. */
  readonly shuttingDown: boolean;
  /** Calls `listener` once when shutdown begins; returns the unsubscribe function. */
  onShutdown(listener: () => void): () => void;
}

/** The lifecycle of one Junction process (see module comment). */
export class LifecycleController implements Lifecycle {
  #shuttingDown = false;
  readonly #listeners = new Set<() => void>();
  readonly #upgrades = new Set<Duplex>();
  readonly #idle = new Set<() => void>();

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  onShutdown(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets the flag and tells listeners (once). */
  beginShutdown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // a listener's failure must not stop the shutdown
      }
    }
  }

  /** Tracks an upgraded connection until it closes. */
  trackUpgrade(socket: Duplex): void {
    this.#upgrades.add(socket);
    socket.once('close', () => {
      this.#upgrades.delete(socket);
      if (this.#upgrades.size === 0) for (const resolve of this.#idle) resolve();
    });
  }

  /** Upgraded connections still open. */
  get openUpgrades(): number {
    return this.#upgrades.size;
  }

  /** Resolves when no upgraded connection is open, or after `timeoutMs` (`false` then). */
  waitForUpgrades(timeoutMs: number): Promise<boolean> {
    if (this.#upgrades.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        clearTimeout(timer);
        this.#idle.delete(onIdle);
        resolve(value);
      };
      const onIdle = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idle.add(onIdle);
    });
  }

  /** Destroys every upgraded connection still open. */
  closeUpgrades(): void {
    for (const socket of this.#upgrades) socket.destroy();
  }
}
