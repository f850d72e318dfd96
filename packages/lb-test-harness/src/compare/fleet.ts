/**
 * The jokes-api processes of one scenario, by name (`s1`, `s2`…): started on loopback ports with
 * their injected faults, killed by PID (SIGKILL, like a crash) and restarted on the same port,
 * and the map from the uuid each process reports to its name.
 */
import type { ServerPlan } from '../model/types';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { startJokes, type JokesInstance } from '../procs/jokes';

/** The backends of a scenario. */
export class BackendFleet {
  readonly #root: string;
  readonly #prefer: EntryPreference;
  readonly #plans = new Map<string, ServerPlan>();
  readonly #ports = new Map<string, number>();
  readonly #running = new Map<string, JokesInstance>();
  readonly #names = new Map<string, string>();

  constructor(root: string, plans: readonly ServerPlan[], prefer: EntryPreference = 'auto') {
    this.#root = root;
    this.#prefer = prefer;
    for (const p of plans) this.#plans.set(p.name, p);
  }

  /** The name of the server that reported uuid `id`, if it is one of ours. */
  nameOf(id: string): string | undefined {
    return this.#names.get(id);
  }

  /** Whether `name` is running. */
  isRunning(name: string): boolean {
    return this.#running.has(name);
  }

  /** The URL of `name` (its port is fixed on first start). */
  url(name: string): string | undefined {
    const port = this.#ports.get(name);
    return port === undefined ? undefined : `http://127.0.0.1:${port}`;
  }

  /** The PID of `name`, when running. */
  pid(name: string): number | undefined {
    return this.#running.get(name)?.child.pid;
  }

  /** Starts `name` (on its previous port if it ran before); no-op when running. */
  async start(name: string): Promise<void> {
    if (this.#running.has(name)) return;
    const plan = this.#plans.get(name);
    if (plan === undefined) throw new Error(`unknown server ${name}`);
    const port = this.#ports.get(name) ?? (await freePort());
    this.#ports.set(name, port);
    const instance = await startJokes({
      root: this.#root,
      name,
      port,
      delayMs: plan.delayMs,
      failRate: plan.failRate,
      prefer: this.#prefer,
    });
    this.#running.set(name, instance);
    this.#names.set(instance.id, name);
  }

  /** Kills `name` with SIGKILL (a crash: no graceful shutdown) and waits for it to be gone. */
  async kill(name: string): Promise<void> {
    const instance = this.#running.get(name);
    if (instance === undefined) return;
    this.#running.delete(name);
    await instance.child.stop('SIGKILL');
  }

  /** Stops `name` gracefully. */
  async stop(name: string): Promise<void> {
    const instance = this.#running.get(name);
    if (instance === undefined) return;
    this.#running.delete(name);
    await instance.child.stop('SIGTERM', 2000);
  }

  /** Makes exactly `names` run: starts the missing ones, stops the others. */
  async ensure(names: readonly string[]): Promise<void> {
    for (const name of [...this.#running.keys()]) if (!names.includes(name)) await this.stop(name);
    await Promise.all(names.map((n) => this.start(n)));
  }

  /** Stops every backend. */
  async stopAll(): Promise<void> {
    await this.ensure([]);
  }
}
