/**
 * Test helpers shared by the end-to-end suites that drive traffic through a running Junction:
 * a bounded load with an action in the middle (stop or kill a server), counting, and polling.
 * Every loop is bounded in time (and optionally in requests) and stops by itself.
 */

/** One answer as a load client reports it: status, body (for failure text) and who answered. */
export interface LoadAnswer {
  readonly status: number;
  readonly body: string;
  readonly who: string | undefined;
}

/** A client the load opens once per worker and closes at the end. */
export interface LoadClient {
  get(path: string): Promise<LoadAnswer>;
  close(): Promise<void>;
}

/** Result of {@link loadAround}. */
export interface LoadResult {
  readonly ok: number;
  readonly failures: readonly string[];
  /** Answers per `who` of requests sent before / after `during` resolved. */
  readonly before: Record<string, number>;
  readonly after: Record<string, number>;
}

/** Options of {@link loadAround}. */
export interface LoadOptions {
  readonly clients: number;
  readonly durationMs: number;
  /** Requests in all, across clients; default unbounded (the duration still bounds it). */
  readonly maxRequests?: number;
  /** When `during` starts, in ms after the load starts. */
  readonly atMs: number;
  readonly during: () => Promise<void>;
}

/**
 * `clients` clients send `path` back to back until `durationMs` has passed (or `maxRequests` were
 * sent in all); `during` runs at `atMs`. Any answer but 200, and any network error, is a failure.
 */
export async function loadAround(open: () => LoadClient, path: string, options: LoadOptions): Promise<LoadResult> {
  const start = Date.now();
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const failures: string[] = [];
  const before: (string | undefined)[] = [];
  const after: (string | undefined)[] = [];
  let splitAt = Number.POSITIVE_INFINITY;
  let sent = 0;
  let ok = 0;
  const worker = async (): Promise<void> => {
    const client = open();
    try {
      while (Date.now() - start < options.durationMs && sent < maxRequests) {
        sent++;
        const sentAt = Date.now();
        try {
          const answer = await client.get(path);
          if (answer.status === 200) ok++;
          else failures.push(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
          (sentAt < splitAt ? before : after).push(answer.who);
        } catch (error) {
          failures.push(`network error: ${String(error)}`);
        }
      }
    } finally {
      await client.close();
    }
  };
  const trigger = (async () => {
    await sleep(options.atMs);
    await options.during();
    splitAt = Date.now();
  })();
  await Promise.all([...Array.from({ length: options.clients }, worker), trigger]);
  return { ok, failures, before: tally(before), after: tally(after) };
}

/** Counts of each value, sorted by key. */
export function tally(values: readonly (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v ?? '(none)'] = (counts[v ?? '(none)'] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Calls `probe` every `everyMs` until it returns a value; throws after `timeoutMs` (errors count as "not yet"). */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 10,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
