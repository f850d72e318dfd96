/**
 * The probing active health checker of one service: each server is probed on its own timer and
 * its verdict is written to a {@link HealthTarget} (Traefik v3 `ServiceHealthChecker`, with
 * HAProxy-style `rise`/`fall` thresholds).
 *
 * Scheduling: a server's next probe is armed only when its previous probe has settled, `interval`
 * (or `unhealthyInterval` while down) after that probe *started* — so probes for one server never
 * overlap, and a slow server is not probed faster than configured. Timers are `unref`ed.
 *
 * Differences from Traefik, on purpose: the first probe runs at `start()` (Traefik waits one
 * interval, routing to a dead server meanwhile); servers start up, as in Traefik.
 */
import type { Dispatcher } from 'undici';
import { getGlobalDispatcher, interceptors } from '../undici-parts';
import type { ActiveChecker, ActiveCheckerOptions, ActiveServerStatus, CheckedServer } from './active-checker';
import { HEALTH_MAX_REDIRECTS, type ActiveHealthConfig } from './active-config';
import type { HealthTarget } from './health-target';
import { probeUrl, runProbe, type ProbeResult } from './probe';

interface Entry {
  readonly id: string;
  readonly url: string;
  up: boolean;
  successes: number;
  failures: number;
  lastCheck: number | undefined;
  lastError: string | undefined;
  timer: NodeJS.Timeout | undefined;
  inFlight: { readonly abort: AbortController; readonly settled: Promise<void> } | undefined;
  removed: boolean;
}

class ServiceActiveChecker implements ActiveChecker {
  readonly #config: ActiveHealthConfig;
  readonly #target: HealthTarget;
  readonly #dispatcher: Dispatcher;
  readonly #onChange: ActiveCheckerOptions['onChange'];
  readonly #onError: (error: unknown) => void;
  readonly #now: () => number;
  #entries = new Map<string, Entry>();
  #running = false;

  constructor(options: ActiveCheckerOptions) {
    this.#config = options.config;
    this.#target = options.target;
    const base = options.dispatcher ?? getGlobalDispatcher();
    this.#dispatcher = options.config.followRedirects
      ? base.compose(interceptors.redirect({ maxRedirections: HEALTH_MAX_REDIRECTS }))
      : base;
    this.#onChange = options.onChange;
    this.#onError = options.onError ?? (() => undefined);
    this.#now = options.now ?? Date.now;
    this.update(options.servers);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const entry of this.#entries.values()) this.#arm(entry, 0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    const settling: Promise<void>[] = [];
    for (const entry of this.#entries.values()) settling.push(...this.#halt(entry));
    await Promise.all(settling);
  }

  update(servers: readonly CheckedServer[]): void {
    const next = new Map<string, Entry>();
    for (const { id, url } of servers) {
      const old = this.#entries.get(id);
      if (old !== undefined && old.url === url) {
        next.set(id, old);
        continue;
      }
      const entry: Entry = {
        id,
        url,
        up: true,
        successes: 0,
        failures: 0,
        lastCheck: undefined,
        lastError: undefined,
        timer: undefined,
        inFlight: undefined,
        removed: false,
      };
      next.set(id, entry);
      if (this.#running) this.#arm(entry, 0);
    }
    for (const [id, old] of this.#entries) {
      if (next.get(id) !== old) {
        old.removed = true;
        this.#halt(old);
      }
    }
    this.#entries = next;
  }

  status(): readonly ActiveServerStatus[] {
    return [...this.#entries.values()].map((e) => ({
      id: e.id,
      url: e.url,
      up: e.up,
      lastCheck: e.lastCheck,
      lastError: e.lastError,
      consecutive: e.lastError === undefined ? e.successes : e.failures,
    }));
  }

  /** Cancels the timer and aborts the probe in flight; returns the probe's settlement, if any. */
  #halt(entry: Entry): Promise<void>[] {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.inFlight?.abort.abort();
    return entry.inFlight === undefined ? [] : [entry.inFlight.settled];
  }

  #arm(entry: Entry, delayMs: number): void {
    if (entry.timer !== undefined || entry.inFlight !== undefined) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.#probe(entry);
    }, delayMs);
    entry.timer.unref();
  }

  #probe(entry: Entry): void {
    if (!this.#running || entry.removed || entry.inFlight !== undefined) return;
    const abort = new AbortController();
    const started = performance.now();
    const target = probeUrl(entry.url, this.#config);
    const settled = runProbe(target, this.#config, this.#dispatcher, abort.signal).then((result) => {
      entry.inFlight = undefined;
      if (!this.#running || entry.removed) return;
      // Aborted by stop() and started again meanwhile: probe afresh.
      if (abort.signal.aborted) return this.#arm(entry, 0);
      this.#record(entry, result);
      const every = entry.up ? this.#config.intervalMs : this.#config.unhealthyIntervalMs;
      this.#arm(entry, Math.max(0, every - (performance.now() - started)));
    });
    entry.inFlight = { abort, settled };
  }

  #record(entry: Entry, result: ProbeResult): void {
    entry.lastCheck = this.#now();
    const wasUp = entry.up;
    if (result.ok) {
      entry.successes += 1;
      entry.failures = 0;
      entry.lastError = undefined;
      if (!entry.up && entry.successes >= this.#config.rise) entry.up = true;
    } else {
      entry.failures += 1;
      entry.successes = 0;
      entry.lastError = result.detail;
      if (entry.up && entry.failures >= this.#config.fall) entry.up = false;
    }
    try {
      this.#target.setHealthy(entry.id, entry.up);
      if (entry.up !== wasUp) this.#onChange?.(entry.id, entry.up, result.detail, entry.url);
    } catch (error) {
      this.#onError(error);
    }
  }
}

/** The checker that probes (what {@link createActiveChecker} returns in a single process). */
export function createProbingChecker(options: ActiveCheckerOptions): ActiveChecker {
  return new ServiceActiveChecker(options);
}
