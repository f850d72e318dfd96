/**
 * Starts a jokes-api instance on a loopback port with optional injected latency and failures,
 * and learns the uuid it reports, so answers through the proxy can be mapped back to `s1`, `s2`…
 */
import { HarnessError } from '../errors';
import { startChild, type Child } from './child';
import { waitForHttp } from './http-wait';
import { entryArgs, JOKES_ENTRY, type EntryPreference } from './node-entry';

/** Options of {@link startJokes}. */
export interface JokesOptions {
  readonly root: string;
  readonly name: string;
  readonly port: number;
  readonly delayMs?: number;
  readonly failRate?: number;
  readonly prefer?: EntryPreference;
}

/** A running jokes-api instance. */
export interface JokesInstance {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly child: Child;
  /** The uuid this process reports as `server.id`. */
  readonly id: string;
}

/** Starts one instance and waits for `/health`. */
export async function startJokes(o: JokesOptions): Promise<JokesInstance> {
  const entry = entryArgs(o.root, JOKES_ENTRY, o.prefer ?? 'auto');
  if (entry === undefined) throw new HarnessError('HARNESS_MISSING', `jokes-api entry not found under ${o.root}`);
  const child = startChild({
    name: `jokes ${o.name}`,
    command: process.execPath,
    args: entry.args,
    cwd: o.root,
    env: {
      PORT: String(o.port),
      HOST: '127.0.0.1',
      JOKES_DELAY_MS: String(o.delayMs ?? 0),
      JOKES_FAIL_RATE: String(o.failRate ?? 0),
      SHUTDOWN_TIMEOUT_MS: '1000',
      NODE_ENV: 'production',
    },
  });
  const url = `http://127.0.0.1:${o.port}`;
  const body = await waitForHttp(`${url}/health`, { child, timeoutMs: 20_000 });
  const id = (JSON.parse(body) as { id?: unknown }).id;
  if (typeof id !== 'string')
    throw new HarnessError('HARNESS_START_FAILED', `jokes ${o.name}: /health did not report an id: ${body}`);
  return { name: o.name, port: o.port, url, child, id };
}
