/**
 * The swarm suite's traffic: a bounded load loop against Junction's host-mode published port on
 * 127.0.0.1 — the only address the host ever sends to (never a task's or a VIP's overlay address,
 * which would leave the machine) — and a printed tally: requests, ok, failed by status or error,
 * and per backend (the task's container hostname, or the static site's node name).
 *
 * Clients send GETs at a fixed rate, half on keep-alive connections and half on a new connection
 * each. As HTTP lets clients (RFC 9112 §9.3.1; Go's Transport and browsers do the same), a GET
 * that failed on a reused keep-alive connection before any byte of an answer came back is sent
 * again, up to 3 attempts; a failure on a new connection is final. The loop stops by itself after
 * `maxRequests` or `maxMs`, whichever comes first, and every request has a timeout.
 */
import { Agent, request } from 'node:http';

/** Options of {@link startLoad}. */
export interface LoadOptions {
  /** Junction's published port on 127.0.0.1. */
  readonly port: number;
  readonly host: string;
  readonly clients?: number;
  readonly perClientPerSecond?: number;
  readonly maxRequests: number;
  readonly maxMs: number;
  readonly path?: string;
}

/** One request's outcome. */
export interface Outcome {
  readonly status?: number;
  readonly error?: string;
  readonly backend?: string;
  readonly setCookie?: string;
  readonly retried: boolean;
  /** When the answer (or the error) came (`Date.now()`, comparable with the engine's event times). */
  readonly at: number;
}

/** What a load did. */
export interface Tally {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly retried: number;
  /** `200`, `HTTP 502`, `ECONNRESET`, … → count. */
  readonly byOutcome: ReadonlyMap<string, number>;
  /** Backend hostname → ok answers. */
  readonly perBackend: ReadonlyMap<string, number>;
  readonly ms: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const ATTEMPTS = 3;

/** One GET through Junction on 127.0.0.1:`port`. */
export function getOnce(
  port: number,
  host: string,
  options: { agent?: Agent | false; cookie?: string; path?: string } = {},
): Promise<Omit<Outcome, 'retried' | 'at'> & { reused: boolean; responded: boolean }> {
  return new Promise((resolve) => {
    let responded = false;
    let settled = false;
    const headers: Record<string, string> = { host };
    if (options.cookie !== undefined) headers.cookie = options.cookie;
    if (options.agent === false) headers.connection = 'close';
    const req = request({ host: '127.0.0.1', port, path: options.path ?? '/', agent: options.agent ?? false, headers });
    const done = (o: Omit<Outcome, 'retried' | 'at'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, reused: req.reusedSocket, responded });
    };
    const timer = setTimeout(() => {
      done({ error: 'TIMEOUT' });
      req.destroy();
    }, REQUEST_TIMEOUT_MS);
    req.on('response', (res) => {
      responded = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        let backend: string | undefined;
        try {
          // The test app's `hostname`, the jokes API's `server.hostname`, the static site's `node`.
          const parsed = JSON.parse(body) as { hostname?: string; server?: { hostname?: string }; node?: string };
          backend = parsed.hostname ?? parsed.server?.hostname ?? parsed.node;
        } catch {
          backend = undefined;
        }
        const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
        done({
          status: res.statusCode ?? 0,
          ...(backend === undefined ? {} : { backend }),
          ...(setCookie === undefined ? {} : { setCookie }),
        });
      });
      res.on('error', (error: NodeJS.ErrnoException) => done({ error: `${error.code ?? error.message} (mid-answer)` }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    req.end();
  });
}

/** A running load. */
export interface Load {
  /** Stops early (it also stops by itself); resolves with the tally once every request has ended. */
  stop(): Promise<Tally>;
  /** Requests ended so far. */
  count(): number;
  /** Every outcome so far. */
  outcomes(): readonly Outcome[];
}

/** Starts the load (see module comment). */
export function startLoad(options: LoadOptions): Load {
  const started = performance.now();
  const outcomes: Outcome[] = [];
  let sent = 0;
  let stopping = false;
  const clients = options.clients ?? 4;
  const interval = 1000 / (options.perClientPerSecond ?? 20);
  const client = async (i: number): Promise<void> => {
    const agent = i % 2 === 0 ? new Agent({ keepAlive: true, maxSockets: 1 }) : false;
    for (let n = 0; ; n++) {
      if (stopping || sent >= options.maxRequests || performance.now() - started > options.maxMs) break;
      sent++;
      let answer = await getOnce(options.port, options.host, {
        agent,
        ...(options.path === undefined ? {} : { path: options.path }),
      });
      let retried = false;
      for (
        let attempt = 1;
        attempt < ATTEMPTS && answer.error !== undefined && !answer.responded && answer.reused;
        attempt++
      ) {
        retried = true;
        answer = await getOnce(options.port, options.host, {
          agent,
          ...(options.path === undefined ? {} : { path: options.path }),
        });
      }
      const { reused: _reused, responded: _responded, ...outcome } = answer;
      outcomes.push({ ...outcome, retried, at: Date.now() });
      const wait = started + (n + 1) * interval - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, interval)));
    }
    if (agent !== false) agent.destroy();
  };
  const running = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return {
    count: () => outcomes.length,
    outcomes: () => outcomes,
    async stop() {
      stopping = true;
      await running;
      return tallyOf(outcomes, performance.now() - started);
    },
  };
}

/** Sums outcomes into a {@link Tally}. */
export function tallyOf(outcomes: readonly Outcome[], ms: number): Tally {
  const byOutcome = new Map<string, number>();
  const perBackend = new Map<string, number>();
  let ok = 0;
  for (const o of outcomes) {
    const key = o.error ?? (o.status === 200 ? '200' : `HTTP ${o.status}`);
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
    if (o.status === 200) {
      ok++;
      const backend = o.backend ?? '?';
      perBackend.set(backend, (perBackend.get(backend) ?? 0) + 1);
    }
  }
  return {
    requests: outcomes.length,
    ok,
    failed: outcomes.length - ok,
    retried: outcomes.filter((o) => o.retried).length,
    byOutcome,
    perBackend,
    ms,
  };
}

/** The tally as printed lines. */
export function formatTally(label: string, tally: Tally): string[] {
  const list = (map: ReadonlyMap<string, number>): string =>
    [...map]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k}×${n}`)
      .join(', ');
  return [
    `[swarm] ${label}: ${tally.requests} requests in ${(tally.ms / 1000).toFixed(1)} s, ${tally.ok} ok, ${tally.failed} failed, ${tally.retried} retried on a reused connection`,
    `[swarm]   by outcome: ${list(tally.byOutcome)}`,
    `[swarm]   per backend (${tally.perBackend.size}): ${list(tally.perBackend)}`,
  ];
}
