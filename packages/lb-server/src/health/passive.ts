/**
 * Passive health: the proxy reports what real requests saw, and a server that fails `failures`
 * times within a sliding `windowMs` is taken out for `cooldownMs` (nginx `max_fails` /
 * `fail_timeout`, undici's balanced-pool error penalty). After the cool-down it is put back
 * *half-open*: in rotation again, but its very next failure takes it out again, while a success
 * closes the circuit and normal counting resumes.
 *
 * In the closed state successes do not clear earlier failures: a server failing every other
 * request still reaches the threshold. Clock and timers are injected for deterministic tests.
 */
import type { HealthTarget } from './health-target';

/** Default failures within the window that take a server out. */
export const DEFAULT_PASSIVE_FAILURES = 3;
/** Default sliding window for counting failures (10 s). */
export const DEFAULT_PASSIVE_WINDOW_MS = 10_000;
/** Default time a tripped server stays out (10 s). */
export const DEFAULT_PASSIVE_COOLDOWN_MS = 10_000;

/** Arms a one-shot timer and returns its cancel function. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

/** Options of {@link createPassiveHealth}. */
export interface PassiveHealthOptions {
  readonly target: HealthTarget;
  readonly failures?: number;
  readonly windowMs?: number;
  readonly cooldownMs?: number;
  /** Whether {@link PassiveHealth.recordResponse} counts 5xx answers as failures (default false). */
  readonly failOnServerError?: boolean;
  /**
   * Whether `id` may be taken out now (Envoy's maximum ejection): the caller answers false when it
   * is the last server in rotation, since ejecting it steers traffic nowhere and only turns brief
   * errors (a container still starting) into a cool-down of 503s. Default: always.
   */
  readonly mayEject?: (id: string) => boolean;
  /** Called when a server is taken out (`up` false) or put back (`up` true). */
  readonly onChange?: (id: string, up: boolean, reason: string) => void;
  /** Clock in ms; defaults to `Date.now` (so `downUntil` reads as a timestamp). */
  readonly now?: () => number;
  /** Timer factory; defaults to an `unref`ed `setTimeout`. */
  readonly setTimer?: SetTimer;
}

/** The passive view of one server that has failed at least once. */
export interface PassiveServerStatus {
  readonly id: string;
  readonly up: boolean;
  /** Back in rotation after a cool-down; the next failure takes it out again. */
  readonly halfOpen: boolean;
  /** Failures counted in the current window. */
  readonly recentFailures: number;
  readonly lastError: string | undefined;
  /** When a tripped server comes back (ms, clock of `now`: epoch by default). */
  readonly downUntil: number | undefined;
}

/** Passive health of one service (or of several: ids are opaque). */
export interface PassiveHealth {
  /** A request to `id` failed: connection error, timeout… `reason` is kept for the API. */
  recordFailure(id: string, reason: string): void;
  /** A request to `id` succeeded. */
  recordSuccess(id: string): void;
  /** An upstream answered: a failure for 5xx when `failOnServerError`, else a success. */
  recordResponse(id: string, statusCode: number): void;
  /** Servers with a passive history. */
  status(): readonly PassiveServerStatus[];
  /** Drops a server that left the configuration (cancels its cool-down; the target is not told). */
  forget(id: string): void;
  /** Cancels every cool-down timer; later records are ignored. */
  close(): void;
}

interface Track {
  failures: number[];
  down: boolean;
  halfOpen: boolean;
  lastError: string | undefined;
  downUntil: number | undefined;
  cancel: (() => void) | undefined;
}

const defaultSetTimer: SetTimer = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`passive health: ${name} must be > 0, got ${value}`);
  return value;
}

class PassiveTracker implements PassiveHealth {
  readonly #target: HealthTarget;
  readonly #threshold: number;
  readonly #windowMs: number;
  readonly #cooldownMs: number;
  readonly #failOnServerError: boolean;
  readonly #onChange: PassiveHealthOptions['onChange'];
  readonly #mayEject: (id: string) => boolean;
  readonly #now: () => number;
  readonly #setTimer: SetTimer;
  readonly #tracks = new Map<string, Track>();
  #closed = false;

  constructor(options: PassiveHealthOptions) {
    this.#target = options.target;
    this.#threshold = Math.ceil(positive(options.failures, DEFAULT_PASSIVE_FAILURES, 'failures'));
    this.#windowMs = positive(options.windowMs, DEFAULT_PASSIVE_WINDOW_MS, 'windowMs');
    this.#cooldownMs = positive(options.cooldownMs, DEFAULT_PASSIVE_COOLDOWN_MS, 'cooldownMs');
    this.#failOnServerError = options.failOnServerError ?? false;
    this.#onChange = options.onChange;
    this.#mayEject = options.mayEject ?? (() => true);
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? defaultSetTimer;
  }

  recordFailure(id: string, reason: string): void {
    if (this.#closed) return;
    let track = this.#tracks.get(id);
    if (track === undefined) {
      track = {
        failures: [],
        down: false,
        halfOpen: false,
        lastError: undefined,
        downUntil: undefined,
        cancel: undefined,
      };
      this.#tracks.set(id, track);
    }
    if (track.down) return; // already out: requests still in flight when it tripped do not count
    track.lastError = reason;
    const now = this.#now();
    track.failures = track.failures.filter((at) => now - at < this.#windowMs);
    track.failures.push(now);
    if ((track.halfOpen || track.failures.length >= this.#threshold) && this.#mayEject(id))
      this.#trip(id, track, now, reason);
  }

  recordSuccess(id: string): void {
    const track = this.#tracks.get(id);
    if (track === undefined || this.#closed || track.down) return;
    track.halfOpen = false;
  }

  recordResponse(id: string, statusCode: number): void {
    if (this.#failOnServerError && statusCode >= 500) this.recordFailure(id, `status ${statusCode}`);
    else this.recordSuccess(id);
  }

  status(): readonly PassiveServerStatus[] {
    const now = this.#now();
    return [...this.#tracks].map(([id, t]) => ({
      id,
      up: !t.down,
      halfOpen: t.halfOpen,
      recentFailures: t.failures.filter((at) => now - at < this.#windowMs).length,
      lastError: t.lastError,
      downUntil: t.downUntil,
    }));
  }

  forget(id: string): void {
    this.#tracks.get(id)?.cancel?.();
    this.#tracks.delete(id);
  }

  close(): void {
    this.#closed = true;
    for (const track of this.#tracks.values()) track.cancel?.();
  }

  #trip(id: string, track: Track, now: number, reason: string): void {
    track.down = true;
    track.halfOpen = false;
    track.failures = [];
    track.downUntil = now + this.#cooldownMs;
    track.cancel = this.#setTimer(() => this.#restore(id, track), this.#cooldownMs);
    this.#tell(id, false, reason);
  }

  #restore(id: string, track: Track): void {
    if (this.#closed || this.#tracks.get(id) !== track) return;
    track.down = false;
    track.halfOpen = true;
    track.downUntil = undefined;
    track.cancel = undefined;
    this.#tell(id, true, 'cool-down over');
  }

  #tell(id: string, up: boolean, reason: string): void {
    this.#target.setHealthy(id, up);
    this.#onChange?.(id, up, reason);
  }
}

/**
 * Creates a passive health tracker writing to `target` (usually `combineHealth(...).passive`).
 *
 * @example
 * const passive = createPassiveHealth({ target: health.passive, failures: 3, windowMs: 10_000 });
 * passive.recordFailure(server.id, 'ECONNREFUSED');
 */
export function createPassiveHealth(options: PassiveHealthOptions): PassiveHealth {
  return new PassiveTracker(options);
}
