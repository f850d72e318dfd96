/**
 * Test support: a client of the demo through the proxy, as a person's browser or curl would be:
 * `Host: demo.res.ch`, keep-alive connections of its own (one undici `Agent` per client), and the
 * two things the demo shows, which API server answered (`server.id` of the jokes API) and which
 * static node served the page (`X-Static-Node`). Used by the compose and `npm start` tests.
 */
import { HostClient, type HostAnswer } from '../helpers/host-client';
import { loadAround, pollUntil, type LoadOptions, type LoadResult } from '../helpers/load';

export { tally } from '../helpers/load';
export type { LoadResult } from '../helpers/load';

/** The demo's host name (the lab's). */
export const DEMO_HOST = 'demo.res.ch';

/** One answer through the proxy. */
export interface DemoAnswer {
  readonly status: number;
  /** `server.id` of a jokes API answer, or `X-Static-Node` of a static answer. */
  readonly who: string | undefined;
  /** The first `name=value` of a Set-Cookie header, if any. */
  readonly setCookie: string | undefined;
  readonly body: string;
}

/** Who answered: `X-Static-Node` of a static answer, else `server.id` of a jokes API answer. */
function demoAnswer({ status, headers, body, setCookie }: HostAnswer): DemoAnswer {
  const node = headers['x-static-node'];
  let who = typeof node === 'string' ? node : undefined;
  if (who === undefined && headers['content-type']?.toString().includes('json')) {
    who = (JSON.parse(body) as { server?: { id?: string } }).server?.id;
  }
  return { status, who, setCookie, body };
}

/** A client: its own connections, and optionally a cookie it sends back. */
export class DemoClient extends HostClient<DemoAnswer> {
  constructor(base: string, host = DEMO_HOST) {
    super(base, host, demoAnswer);
  }
}

/** Short labels for long ids (uuids), for printing. */
export function shortCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${k.slice(0, 8)}=${n}`)
    .join(' ');
}

/** Polls `probe` every 200 ms until it returns a value other than undefined; throws after `timeoutMs`. */
export function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  return pollUntil(what, probe, timeoutMs, 200);
}

/**
 * `clients` clients each send requests back to back for `durationMs`; `during` runs at
 * `atMs`. Every answer other than 200, and every network error, is a failure (kept as text).
 */
export function runLoad(base: string, path: string, options: LoadOptions): Promise<LoadResult> {
  return loadAround(() => new DemoClient(base), path, options);
}
