/**
 * The tests' bounded waits: poll a probe until it answers, failing with what was awaited after a
 * deadline. Waits are never asserted as timings; the deadline only keeps a hang from lasting.
 */

/** Polls `probe` (every 25 ms) until it answers something other than `undefined`; throws after `ms`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls `check` until it holds; throws after `ms` (default 5 s). */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 5_000): Promise<void> {
  await until(async () => ((await check()) ? true : undefined), what, ms);
}
