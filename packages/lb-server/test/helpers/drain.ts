/**
 * Test support for graceful stops: drains the `web` entry point of a test Junction while a request
 * is in flight, and tells what the drain reported and what became of the request.
 */
import { drainEntryPoint } from '../../src/server/listen';
import type { TestJunction } from './junction';

/** What a drain reported, and whether the request in flight got an answer or was cut. */
export interface DrainOutcome {
  readonly drain: { graceful: boolean };
  readonly request: 'answered' | 'cut';
}

/**
 * Lets `request` (already sent) be in flight for `settleMs`, then drains `web` with `graceMs` of
 * grace time; resolves once both the drain and the request have settled.
 */
export async function drainWithRequestInFlight(
  junction: TestJunction,
  request: Promise<unknown>,
  settleMs: number,
  graceMs: number,
): Promise<DrainOutcome> {
  const settled = request.then(
    () => 'answered' as const,
    () => 'cut' as const,
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const drain = await drainEntryPoint(junction.app.entryPoints.get('web') as never, graceMs, junction.app.lifecycle);
  return { drain, request: await settled };
}
