/**
 * Waiting for a child to answer over HTTP, failing fast with its output when it exits first.
 */
import { HarnessError } from '../errors';
import type { Child } from './child';

/** Options of {@link waitForHttp}. */
export interface WaitOptions {
  /** Give up after this long. Default 20 s. */
  readonly timeoutMs?: number;
  /** Fail early, with its output, if this process exits. */
  readonly child?: Child;
  /** Which status means ready. Default: any 2xx. */
  readonly accept?: (status: number) => boolean;
}

/** Polls `url` until it answers an accepted status; returns the response body as text. */
export async function waitForHttp(url: string, options: WaitOptions = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const accept = options.accept ?? ((s: number) => s >= 200 && s < 300);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (options.child?.done === true) {
      throw new HarnessError(
        'HARNESS_START_FAILED',
        `${options.child.name} exited before ${url} answered:\n${options.child.output()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      const body = await res.text();
      if (accept(res.status)) return body;
      last = `status ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const output = options.child === undefined ? '' : `\n${options.child.output()}`;
  throw new HarnessError('HARNESS_START_FAILED', `${url} did not become ready (${last})${output}`);
}
