/**
 * The registry of {@link LiveService}s, keyed by qualified service name, owned by the runtime
 * store. A build marks the services it uses (`begin` → `acquire`…); once the new runtime is live,
 * `commit` starts the health checkers of new services and stops the state of services that left,
 * so checkers never run for a configuration that was not published.
 */
import { LiveService, type LiveServiceHooks } from './live-service';

/** Live services across runtimes (see module comment). */
export class LiveServiceRegistry {
  readonly #hooks: LiveServiceHooks;
  readonly #states = new Map<string, LiveService>();
  #used = new Set<string>();

  constructor(hooks: LiveServiceHooks = {}) {
    this.#hooks = hooks;
  }

  /** Starts marking the services a new build uses. */
  begin(): void {
    this.#used = new Set();
  }

  /** The state of service `name` (created on first use), marked as used by the current build. */
  acquire(name: string): LiveService {
    this.#used.add(name);
    let state = this.#states.get(name);
    if (state === undefined) {
      state = new LiveService(name, this.#hooks);
      this.#states.set(name, state);
    }
    return state;
  }

  /** The state of a service, if it has one. */
  get(name: string): LiveService | undefined {
    return this.#states.get(name);
  }

  /** After the runtime built since `begin` went live: starts checkers, drops services not used. */
  async commit(): Promise<void> {
    const stopping: Promise<void>[] = [];
    for (const [name, state] of this.#states) {
      if (this.#used.has(name)) {
        state.start();
        continue;
      }
      this.#states.delete(name);
      stopping.push(state.stop());
    }
    await Promise.all(stopping);
  }

  /** Stops every service's checks (shutdown). */
  async close(): Promise<void> {
    const states = [...this.#states.values()];
    this.#states.clear();
    await Promise.all(states.map((s) => s.stop()));
  }
}
