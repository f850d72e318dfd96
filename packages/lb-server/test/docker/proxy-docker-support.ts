/**
 * Support for the proxy-through-Docker end-to-end test: a real Junction process (TypeScript
 * sources through tsx, as `test/main.test.ts` runs it) with its listening ports read from its JSON
 * log, a keep-alive HTTP client that sends a `Host` header and optionally a cookie, and a bounded
 * load loop. Every loop here is bounded in count and time.
 */
import { HostClient, type HostAnswer } from '../helpers/host-client';
import type { DockerRun } from '../support/docker-fixtures';
import { spawnLbServer } from '../helpers/lb-process';
import { loadAround, sleep, type LoadOptions, type LoadResult } from '../helpers/load';

export { pollUntil, sleep, tally } from '../helpers/load';
export type { LoadResult } from '../helpers/load';

/** A running Junction process. */
export interface Junction {
  readonly web: string;
  readonly api: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  readonly stop: (graceMs?: number) => Promise<void>;
}

/** The Docker provider, watching only `run`'s containers (its network, its label `runLabel`). */
export function dockerProviderFlags(run: DockerRun, runLabel: string): string[] {
  return [
    '--providers.docker',
    `--providers.docker.network=${run.network}`,
    `--providers.docker.constraints=Label(\`${runLabel}\`, \`${run.id}\`)`,
  ];
}

/** What these tests read: the API on a loopback `traefik` entry point, prompt provider updates, JSON logs and access log. */
export const OBSERVED_FLAGS: readonly string[] = [
  '--entrypoints.traefik.address=127.0.0.1:0',
  '--api.insecure',
  '--providers.providersThrottleDuration=200ms',
  '--log.level=INFO',
  '--accesslog',
  '--accesslog.format=json',
];

/** Starts Junction with `args`; rejects (after killing it) when its entry points do not listen within `timeoutMs`. */
export async function startJunction(args: readonly string[], timeoutMs = 20_000): Promise<Junction> {
  const { child, output, exit: exited } = spawnLbServer(args);
  const stop = async (graceMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const portOf = (entryPoint: string): number | undefined => {
    const line = output()
      .split('\n')
      .find((l) => l.includes('"entry point listening"') && l.includes(`"entryPoint":"${entryPoint}"`));
    return line === undefined ? undefined : (JSON.parse(line) as { port: number }).port;
  };
  const deadline = Date.now() + timeoutMs;
  while (portOf('web') === undefined || portOf('traefik') === undefined) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop(0);
      throw new Error(`Junction did not listen within ${timeoutMs} ms; output:\n${output().slice(-3000)}`);
    }
    await sleep(20);
  }
  return { web: `http://127.0.0.1:${portOf('web')}`, api: `http://127.0.0.1:${portOf('traefik')}`, output, stop };
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

/** Reads the test app's JSON (its hostname and `INSTANCE`) from an answer. */
function appAnswer({ status, headers, body, setCookie }: HostAnswer): AppAnswer {
  let parsed: { hostname?: string; instance?: string } = {};
  if (status === 200 && headers['content-type']?.toString().includes('json'))
    parsed = JSON.parse(body) as typeof parsed;
  return { status, hostname: parsed.hostname, instance: parsed.instance, setCookie, body };
}

/** A client with its own keep-alive connections, a `Host` header and an optional cookie. */
export class ProxyClient extends HostClient<AppAnswer> {
  constructor(base: string, host: string) {
    super(base, host, appAnswer);
  }

  /** GETs `path` (default `/`); network errors reject. */
  override get(path = '/'): Promise<AppAnswer> {
    return super.get(path);
  }
}

/**
 * `clients` clients send `path` back to back until `durationMs` has passed or `maxRequests` were
 * sent in all; `during` runs at `atMs`. Answers are counted per instance.
 */
export function boundedLoad(
  base: string,
  host: string,
  path: string,
  options: LoadOptions & { maxRequests: number },
): Promise<LoadResult> {
  return loadAround(
    () => {
      const client = new ProxyClient(base, host);
      return {
        get: async (p) => {
          const answer = await client.get(p);
          return { status: answer.status, body: answer.body, who: answer.instance };
        },
        close: () => client.close(),
      };
    },
    path,
    options,
  );
}

/** The lines of `output` that are JSON objects (log and access-log lines), each with its parsed entry. */
export function jsonLogLines(output: string): { line: string; entry: Record<string, unknown> }[] {
  const parsed: { line: string; entry: Record<string, unknown> }[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      parsed.push({ line, entry: JSON.parse(line) as Record<string, unknown> });
    } catch {
      // a line cut by the end of the output so far, or not JSON after all: not a log entry
    }
  }
  return parsed;
}

/**
 * For a failure report: the access-log entries (JSON lines) for `host` that did not answer 200 or
 * took over 1 s, and the provider's and health checker's log lines, in order.
 */
export function slowOrFailed(output: string, host: string): string[] {
  const lines: string[] = [];
  for (const { line, entry } of jsonLogLines(output)) {
    if (entry.RequestHost === host) {
      const durationMs = Number(entry.Duration) / 1e6;
      if (entry.DownstreamStatus !== 200 || durationMs > 1_000) {
        lines.push(
          `${String(entry.StartUTC)} ${durationMs.toFixed(0)} ms → ${String(entry.DownstreamStatus)} (origin ${String(entry.OriginStatus)}) via ${String(entry.ServiceURL)} after ${String(entry.RetryAttempts)} retries`,
        );
      }
    } else if (entry.msg !== undefined && entry.msg !== 'request completed') {
      lines.push(line.slice(0, 400));
    }
  }
  return lines;
}
