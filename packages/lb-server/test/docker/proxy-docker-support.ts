/**
 * Support for the proxy-through-Docker end-to-end test: a real Junction process (TypeScript
 * sources through tsx, as `test/main.test.ts` runs it) with its listening ports read from its JSON
 * log, a keep-alive HTTP client that sends a `Host` header and optionally a cookie, and a bounded
 * load loop. Every loop here is bounded in count and time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const NODE_ARGS = ['--conditions=junction-source', '--import', 'tsx', 'src/main.ts'];

/** A running Junction process. */
export interface Junction {
  readonly web: string;
  readonly api: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  readonly stop: (graceMs?: number) => Promise<void>;
}

/** Starts Junction with `args`; rejects (after killing it) when its entry points do not listen within `timeoutMs`. */
export async function startJunction(args: readonly string[], timeoutMs = 20_000): Promise<Junction> {
  const child: ChildProcess = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const portOf = (entryPoint: string): number | undefined => {
    const line = out.split('\n').find((l) => l.includes('"entry point listening"') && l.includes(`"entryPoint":"${entryPoint}"`));
    return line === undefined ? undefined : (JSON.parse(line) as { port: number }).port;
  };
  const deadline = Date.now() + timeoutMs;
  while (portOf('web') === undefined || portOf('traefik') === undefined) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop(0);
      throw new Error(`Junction did not listen within ${timeoutMs} ms; output:\n${out.slice(-3000)}`);
    }
    await sleep(20);
  }
  return { web: `http://127.0.0.1:${portOf('web')}`, api: `http://127.0.0.1:${portOf('traefik')}`, output: () => out, stop };
}

/** One answer of the test app through the proxy. */
export interface AppAnswer {
  readonly status: number;
  readonly hostname: string | undefined;
  readonly instance: string | undefined;
  /** The first `name=value` of a Set-Cookie header, if any. */
  readonly setCookie: string | undefined;
  readonly body: string;
}

/** A client with its own keep-alive connections, a `Host` header and an optional cookie. */
export class ProxyClient {
  readonly #agent = new Agent({ keepAliveTimeout: 10_000, connections: 2 });
  readonly #base: string;
  readonly #host: string;
  cookie: string | undefined;

  constructor(base: string, host: string) {
    this.#base = base;
    this.#host = host;
  }

  /** GETs `path`; network errors reject. */
  async get(path = '/'): Promise<AppAnswer> {
    const headers: Record<string, string> = { host: this.#host };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    const res = await request(`${this.#base}${path}`, { headers, dispatcher: this.#agent, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const body = await res.body.text();
    const raw = res.headers['set-cookie'];
    const setCookie = (Array.isArray(raw) ? raw[0] : raw)?.split(';')[0];
    let parsed: { hostname?: string; instance?: string } = {};
    if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) parsed = JSON.parse(body) as typeof parsed;
    return { status: res.statusCode, hostname: parsed.hostname, instance: parsed.instance, setCookie, body };
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** Result of {@link boundedLoad}. */
export interface LoadResult {
  readonly ok: number;
  readonly failures: readonly string[];
  /** Answers per instance of requests sent before / after `during` resolved. */
  readonly before: Record<string, number>;
  readonly after: Record<string, number>;
}

/**
 * `clients` clients send `path` back to back until `durationMs` has passed or `maxRequests` were
 * sent in all; `during` runs at `atMs`. Any answer but 200, and any network error, is a failure.
 */
export async function boundedLoad(
  base: string,
  host: string,
  path: string,
  options: { clients: number; durationMs: number; maxRequests: number; atMs: number; during: () => Promise<void> },
): Promise<LoadResult> {
  const start = Date.now();
  const failures: string[] = [];
  const before: (string | undefined)[] = [];
  const after: (string | undefined)[] = [];
  let splitAt = Number.POSITIVE_INFINITY;
  let sent = 0;
  let ok = 0;
  const worker = async (): Promise<void> => {
    const client = new ProxyClient(base, host);
    try {
      while (Date.now() - start < options.durationMs && sent < options.maxRequests) {
        sent++;
        const sentAt = Date.now();
        try {
          const answer = await client.get(path);
          if (answer.status === 200) ok++;
          else failures.push(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
          (sentAt < splitAt ? before : after).push(answer.instance);
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
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
