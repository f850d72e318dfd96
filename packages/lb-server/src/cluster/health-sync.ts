/**
 * Active health checks run once in a cluster: worker 0 probes (its checkers are the usual
 * probing ones, wrapped to broadcast every verdict with the server's status), and every other
 * worker gets a {@link RemoteChecker} per service that applies those verdicts to its balancers
 * and reports the same status to the API. A worker started later gets the latest verdicts from
 * the primary's replay. Passive health stays per worker: it judges that worker's own exchanges.
 */
import {
  setActiveCheckerFactory,
  type ActiveChecker,
  type ActiveCheckerOptions,
  type ActiveServerStatus,
  type CheckedServer,
} from '../health/active-checker';
import type { HealthTarget } from '../health/health-target';
import type { BroadcastChannel } from './member';

/** One published verdict: the server's status after a probe. */
interface Verdict {
  readonly service: string;
  readonly status: ActiveServerStatus;
}

const keyOf = (service: string, id: string): string => `${service}\u0000${id}`;

/** A checker that does not probe: it applies the verdicts worker 0 publishes. */
class RemoteChecker implements ActiveChecker {
  readonly #service: string;
  readonly #target: HealthTarget;
  readonly #verdicts: ReadonlyMap<string, ActiveServerStatus>;
  readonly #onStop: (checker: RemoteChecker) => void;
  #servers: readonly CheckedServer[];
  #running = false;

  constructor(
    options: ActiveCheckerOptions,
    verdicts: ReadonlyMap<string, ActiveServerStatus>,
    onStop: (checker: RemoteChecker) => void,
  ) {
    this.#service = options.service ?? '';
    this.#onStop = onStop;
    this.#target = options.target;
    this.#verdicts = verdicts;
    this.#servers = options.servers;
  }

  start(): void {
    this.#running = true;
    for (const server of this.#servers) this.apply(server.id);
  }

  stop(): Promise<void> {
    this.#running = false;
    this.#onStop(this);
    return Promise.resolve();
  }

  update(servers: readonly CheckedServer[]): void {
    this.#servers = servers;
    if (this.#running) for (const server of servers) this.apply(server.id);
  }

  status(): readonly ActiveServerStatus[] {
    return this.#servers.map(
      (s) =>
        this.#known(s) ?? {
          id: s.id,
          url: s.url,
          up: true,
          lastCheck: undefined,
          lastError: undefined,
          consecutive: 0,
        },
    );
  }

  /** Writes the latest verdict on server `id` (if it is checked here and the verdict is for its URL). */
  apply(id: string): void {
    if (!this.#running) return;
    const server = this.#servers.find((s) => s.id === id);
    const known = server === undefined ? undefined : this.#known(server);
    if (known !== undefined) this.#target.setHealthy(id, known.up);
  }

  #known(server: CheckedServer): ActiveServerStatus | undefined {
    const verdict = this.#verdicts.get(keyOf(this.#service, server.id));
    return verdict?.url === server.url ? verdict : undefined;
  }
}

/** Installs this worker's checker factory (see module comment). */
export function syncHealth(member: BroadcastChannel): void {
  if (member.index === 0) {
    setActiveCheckerFactory((options, probing) => {
      const service = options.service;
      if (service === undefined) return probing(options);
      // Verdicts come from probes, which start after `probing` has returned.
      const checker: ActiveChecker = probing({
        ...options,
        target: {
          setHealthy(id, up) {
            options.target.setHealthy(id, up);
            const status = checker.status().find((s) => s.id === id);
            if (status !== undefined)
              member.broadcast('health', keyOf(service, id), { service, status } satisfies Verdict);
          },
        },
      });
      // A server no longer checked: the primary forgets its verdict (`null`), so churn does not pile up there.
      const forget = (ids: Iterable<string>): void => {
        for (const id of ids) member.broadcast('health', keyOf(service, id), null);
      };
      return {
        start: () => checker.start(),
        status: () => checker.status(),
        update(servers) {
          const kept = new Set(servers.map((s) => s.id));
          forget(
            checker
              .status()
              .filter((s) => !kept.has(s.id))
              .map((s) => s.id),
          );
          checker.update(servers);
        },
        stop() {
          forget(checker.status().map((s) => s.id));
          return checker.stop();
        },
      };
    });
    return;
  }
  const verdicts = new Map<string, ActiveServerStatus>();
  const checkers = new Map<string, Set<RemoteChecker>>();
  setActiveCheckerFactory((options) => {
    const service = options.service ?? '';
    const set = checkers.get(service) ?? new Set<RemoteChecker>();
    checkers.set(service, set);
    const checker = new RemoteChecker(options, verdicts, (stopped) => {
      set.delete(stopped);
      if (set.size === 0) checkers.delete(service);
    });
    set.add(checker);
    return checker;
  });
  member.on('health', (key, data) => {
    if (data === null) {
      verdicts.delete(key);
      return;
    }
    const { service, status } = data as Verdict;
    verdicts.set(keyOf(service, status.id), status);
    for (const checker of checkers.get(service) ?? []) checker.apply(status.id);
  });
}
