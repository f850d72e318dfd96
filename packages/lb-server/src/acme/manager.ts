/**
 * The ACME manager: keeps every resolver's certificates in the certificate store. At start it
 * reads each resolver's `acme.json` and serves the stored certificates at once (no order); then,
 * on every runtime swap, it orders what the TLS routers need and no held certificate covers.
 * Every held certificate (used or not, as Traefik) is checked at start and every
 * `checkIntervalMs` (1 h) and renewed when `notAfter - now < renewBefore`.
 *
 * Each certificate is its own order in a queue of limited concurrency, so one domain's failure
 * never blocks another's; a failed order is retried with exponential backoff (logged with the
 * CA's problem detail) while the previous certificate, if any, keeps serving. Domains waiting for
 * a first certificate, and failed renewals, are reported through `setPending` (state and last
 * error) for the API and the dashboard. `stop()` clears the timers and aborts the orders.
 */
import type { AcmeResolverOptions } from '../options/types';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { CertificateError, CertificateStore } from '../tls/types';
import { acmeAgent } from './ca-trust';
import { challengeHandlers, type HttpChallengeTokenMap } from './challenges';
import {
  allNames,
  backoffDelay,
  domainsKey,
  dueForRenewal,
  effectiveRenewBefore,
  renewDurations,
  wantedCertificates,
} from './domains';
import { type Entry, readNotAfter } from './entries';
import { assignWanted, loadStored, newResolverState, publishState, type ResolverState } from './resolver-state';
import { type AcmeLogger, type AcmeTiming, DEFAULT_TIMING } from './settings';
import type { AcmeStorage } from './storage';

export type { AcmeLogger, AcmeTiming } from './settings';

/** Options of {@link AcmeManager}. */
export interface AcmeManagerOptions {
  readonly resolvers: readonly AcmeResolverOptions[];
  /** Resolvers whose configuration cannot work (see `resolverProblem`): their domains are listed in error. */
  readonly problems?: ReadonlyMap<string, CertificateError>;
  readonly certificates: CertificateStore;
  readonly tokens: HttpChallengeTokenMap;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: AcmeLogger;
  readonly timing?: Partial<AcmeTiming>;
  readonly now?: () => number;
}

/** See module comment. */
export class AcmeManager {
  readonly #o: AcmeManagerOptions;
  readonly #timing: AcmeTiming;
  readonly #now: () => number;
  readonly #states = new Map<string, ResolverState>();
  readonly #queue: { state: ResolverState; entry: Entry }[] = [];
  readonly #abort = new AbortController();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  readonly #warnedUnknown = new Set<string>();
  #active = 0;
  #unsubscribe: (() => void) | undefined;
  #agent: ReturnType<typeof acmeAgent> | undefined;

  constructor(options: AcmeManagerOptions) {
    this.#o = options;
    // Checked as often as the most demanding resolver needs (Traefik's interval for its certificatesDuration).
    const intervals = options.resolvers.map((r) => renewDurations(r.certificatesDuration).checkInterval);
    this.#timing = {
      ...DEFAULT_TIMING,
      checkIntervalMs: Math.min(DEFAULT_TIMING.checkIntervalMs, ...intervals),
      ...options.timing,
    };
    this.#now = options.now ?? Date.now;
  }

  /** Loads the stored certificates, then follows `runtime`'s TLS routers. Never throws: problems are reported per resolver. */
  async start(runtime: RuntimeStore): Promise<void> {
    const storages = new Map<string, AcmeStorage>();
    let trustError: CertificateError | undefined;
    try {
      this.#agent = acmeAgent(this.#o.env);
    } catch (error) {
      trustError = {
        code: (error as { code?: string }).code ?? 'LB_ACME_CA_CERTIFICATES',
        message: (error as Error).message,
      };
      this.#o.logger.error({ err: trustError }, 'ACME: cannot read the CA certificates; no resolver will order');
    }
    const handlers = challengeHandlers(this.#o.tokens, this.#o.certificates);
    for (const options of this.#o.resolvers) {
      const broken = this.#o.problems?.get(options.name) ?? trustError;
      const state = newResolverState(options, storages, { handlers, agent: this.#agent }, this.#timing, broken);
      this.#states.set(options.name, state);
      await loadStored(state, this.#o.logger);
      this.#publish(state);
    }
    if (this.#abort.signal.aborted) return;
    this.#unsubscribe = runtime.subscribe((current) => this.sync(current.tlsRouters, current.tls.stores));
    this.sync(runtime.current.tlsRouters, runtime.current.tls.stores);
    const timer = setInterval(() => this.#checkRenewals(), this.#timing.checkIntervalMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Orders what `routers` need and no held certificate covers (called on every runtime swap). */
  sync(routers: Parameters<typeof wantedCertificates>[0], stores?: Parameters<typeof wantedCertificates>[2]): void {
    if (this.#abort.signal.aborted) return;
    const { byResolver, defaults, unknown } = wantedCertificates(routers, new Set(this.#states.keys()), stores);
    for (const { router, resolver } of unknown) {
      if (this.#warnedUnknown.has(`${router}\0${resolver}`)) continue;
      this.#warnedUnknown.add(`${router}\0${resolver}`);
      this.#o.logger.error(
        { router, resolver, code: 'LB_ACME_UNKNOWN_RESOLVER' },
        `router ${router}: certificate resolver ${resolver} is not configured`,
      );
    }
    for (const [name, state] of this.#states) {
      assignWanted(state, byResolver.get(name) ?? new Map(), defaults.get(name), (entry) =>
        this.#enqueue(state, entry),
      );
      this.#publish(state);
    }
    this.#checkRenewals();
  }

  /** Stops timers, the runtime subscription and every order; resolves when they have settled (at most ~1 s). */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#unsubscribe?.();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#queue.length = 0;
    const settled = Promise.allSettled([...this.#running]);
    await Promise.race([settled, new Promise((r) => setTimeout(r, 1000).unref())]);
    this.#agent?.destroy();
  }

  #checkRenewals(): void {
    const now = this.#now();
    for (const state of this.#states.values()) {
      for (const entry of state.entries.values()) {
        if (entry.stored === undefined || entry.state !== 'idle') continue;
        if (
          entry.notAfter === undefined ||
          dueForRenewal(entry.notAfter, now, effectiveRenewBefore(state.resolver.options))
        )
          this.#enqueue(state, entry);
      }
    }
  }

  #enqueue(state: ResolverState, entry: Entry): void {
    if (entry.state !== 'idle' || state.broken !== undefined || this.#abort.signal.aborted) {
      if (state.broken !== undefined && entry.error !== state.broken) {
        entry.error = state.broken; // a held certificate due for renewal shows it too
        this.#publish(state);
      }
      return;
    }
    if (entry.retryAt > this.#now()) return;
    entry.state = 'queued';
    this.#queue.push({ state, entry });
    this.#pump();
  }

  #pump(): void {
    while (this.#active < this.#timing.concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift() as { state: ResolverState; entry: Entry };
      this.#active++;
      const run = this.#order(job.state, job.entry).finally(() => {
        this.#active--;
        this.#running.delete(run);
        this.#pump();
      });
      this.#running.add(run);
    }
  }

  async #order(state: ResolverState, entry: Entry): Promise<void> {
    const name = state.resolver.name;
    entry.state = 'running';
    this.#publish(state);
    const log = { resolver: name, domains: allNames(entry.domains) };
    this.#o.logger.info({ ...log, renewal: entry.stored !== undefined }, 'ACME: ordering a certificate');
    try {
      const { stored, saveError } = await state.resolver.obtain(entry.domains, this.#abort.signal);
      if (saveError !== undefined) {
        this.#o.logger.error(
          { ...log, code: (saveError as { code?: string }).code, err: saveError.message },
          'ACME: the certificate is served but could not be saved; it will be ordered again at the next start',
        );
      }
      entry.stored = stored;
      const notAfter = readNotAfter(stored);
      if (notAfter !== undefined) entry.notAfter = notAfter;
      entry.failures = 0;
      entry.retryAt = 0;
      delete entry.error;
      this.#o.logger.info(
        { ...log, notAfter: entry.notAfter === undefined ? undefined : new Date(entry.notAfter).toISOString() },
        'ACME: certificate obtained',
      );
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      entry.failures++;
      const delay = backoffDelay(entry.failures, this.#timing.backoffInitialMs, this.#timing.backoffMaxMs);
      entry.retryAt = this.#now() + delay;
      entry.error = { code: 'LB_ACME_ORDER_FAILED', message: (error as Error).message };
      this.#o.logger.error(
        { ...log, err: entry.error, failures: entry.failures, retryInMs: delay },
        'ACME: order failed',
      );
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        const wanted = [...state.wanted.keys()].includes(domainsKey(entry.domains));
        if (entry.stored !== undefined || wanted) this.#enqueue(state, entry);
      }, delay);
      timer.unref();
      this.#timers.add(timer);
    } finally {
      entry.state = 'idle';
      if (!this.#abort.signal.aborted) this.#publish(state);
    }
  }

  /** Puts the resolver's certificates into the store and reports its pending and failed domains (when changed). */
  #publish(state: ResolverState): void {
    publishState(state, this.#o.certificates);
  }
}
