/**
 * A small least-recently-used set of keys with a fixed capacity, on a `Map`'s insertion order:
 * a hit moves the key to the back, an insert past capacity drops the front.
 */
export class LruSet {
  readonly #capacity: number;
  readonly #keys = new Map<string, true>();

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Number of keys held. */
  get size(): number {
    return this.#keys.size;
  }

  /** True when `key` is held; a hit refreshes it. */
  has(key: string): boolean {
    if (!this.#keys.delete(key)) return false;
    this.#keys.set(key, true);
    return true;
  }

  /** Adds `key`, dropping the least recently used key when full. */
  add(key: string): void {
    this.#keys.delete(key);
    this.#keys.set(key, true);
    if (this.#keys.size > this.#capacity) {
      const oldest = this.#keys.keys().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
  }
}
