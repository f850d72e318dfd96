/**
 * The discrete-event simulation's agenda: a binary min-heap of timed actions. Ties run in the
 * order they were scheduled, so a simulation is deterministic.
 */

interface Item<T> {
  readonly time: number;
  readonly seq: number;
  readonly value: T;
}

/** A priority queue of values by time (then insertion order). */
export class EventQueue<T> {
  readonly #heap: Item<T>[] = [];
  #seq = 0;

  /** Number of pending items. */
  get size(): number {
    return this.#heap.length;
  }

  /** Schedules `value` at `time`. */
  push(time: number, value: T): void {
    this.#heap.push({ time, seq: this.#seq++, value });
    this.#up(this.#heap.length - 1);
  }

  /** The earliest time pending, or `undefined` when empty. */
  peekTime(): number | undefined {
    return this.#heap[0]?.time;
  }

  /** Removes and returns the earliest item, or `undefined` when empty. */
  pop(): { time: number; value: T } | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
    return { time: top.time, value: top.value };
  }

  #less(i: number, j: number): boolean {
    const a = this.#heap[i] as Item<T>;
    const b = this.#heap[j] as Item<T>;
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    const a = this.#heap[i] as Item<T>;
    this.#heap[i] = this.#heap[j] as Item<T>;
    this.#heap[j] = a;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.#heap.length && this.#less(l, m)) m = l;
      if (r < this.#heap.length && this.#less(r, m)) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }
}
