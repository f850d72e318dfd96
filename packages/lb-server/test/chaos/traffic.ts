/**
 * The chaos suite's traffic: fixed-rate clients of several kinds sending through Junction, each
 * request recorded with its start time, the phase it started in, its outcome and latency.
 *
 * Clients use `node:http` as an application would. A client retries a request only when HTTP
 * lets it (RFC 9112 §9.3.1; Go's `net/http` Transport and browsers do the same): the
 * request went out on a reused keep-alive connection, the connection failed before any byte of
 * an answer came back (the server closed it as idle while the request was on its way), and the
 * request is idempotent — a GET, or a POST carrying an `Idempotency-Key` header, as Go's
 * `isReplayable` allows — again while that holds, up to 5 attempts. Requests on new connections
 * are never retried: a reset there is a failure. Every loop is bounded by `stop()` and by `maxMs`, and every request by a timeout.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** What kind of client sent a request. */
export type ClientKind =
  'get-keepalive' | 'get-new-conn' | 'post-keepalive' | 'post-new-conn' | 'sticky' | 'file-route';

/** One request as recorded. */
export interface Shot {
  readonly client: string;
  readonly kind: ClientKind;
  /** ms since the load started. */
  readonly at: number;
  readonly phase: string;
  readonly latencyMs: number;
  readonly status?: number;
  /** Network error code (`ECONNRESET`, `TIMEOUT`, …) when no whole answer came back. */
  readonly error?: string;
  /** Retried after a reset on a reused connection (see module comment). */
  readonly retried: boolean;
  /** The replica that answered (the test app's `instance`), if any. */
  readonly who?: string;
  /** The answer set a sticky cookie. */
  readonly setCookie?: boolean;
}

/** A client of the load: its kind, host header and rate. */
export interface ClientSpec {
  readonly name: string;
  readonly kind: ClientKind;
  readonly host: string;
  readonly perSecond: number;
  /** Waits for each answer before the next request (sticky clients always do). */
  readonly closedLoop?: boolean;
  /** Stops at this time (ms since the load started) rather than at `stop()`. */
  readonly untilMs?: number;
}

/** Options of {@link startTraffic}. */
export interface TrafficOptions {
  readonly port: number;
  readonly clients: readonly ClientSpec[];
  /** Hard bound on the load's duration. */
  readonly maxMs: number;
  /** Query string for every request (e.g. `?delay=10`, so requests are in flight when things break). */
  readonly query?: string;
  /** Body size of POSTs. */
  readonly bodyBytes?: number;
}

/** A running load. */
export interface Traffic {
  /** Starts another client now (a burst); `stop()` waits for it too. */
  add(spec: ClientSpec): void;
  /** Starts a new phase: requests started from now on are counted in it. */
  phase(name: string): void;
  /** ms since the load started. */
  elapsed(): number;
  /** Stops sending; resolves with every request once all in flight have ended. */
  stop(): Promise<Shot[]>;
}

const REQUEST_TIMEOUT_MS = 15_000;
/** Attempts of one request on reused connections (a keep-alive pool holds at most 4). */
const MAX_ATTEMPTS = 5;

interface Answer {
  readonly status?: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  readonly error?: string;
  readonly responded: boolean;
  readonly reused: boolean;
}

function send(
  port: number,
  agent: Agent | false,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
): Promise<Answer> {
  return new Promise((resolve) => {
    let responded = false;
    let settled = false;
    const req = request({
      host: '127.0.0.1',
      port,
      method,
      path,
      agent,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(body.length) },
    });
    const done = (answer: Omit<Answer, 'reused' | 'responded'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, responded, reused: req.reusedSocket });
    };
    const timer = setTimeout(() => {
      done({ body: '', headers: {}, error: 'TIMEOUT' });
      req.destroy();
    }, REQUEST_TIMEOUT_MS);
    req.on('response', (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        done({ body: '', headers: res.headers, error: `${error.code ?? error.message} (mid-answer)` }),
      );
      res.on('aborted', () => done({ body: '', headers: res.headers, error: 'ABORTED (mid-answer)' }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ body: '', headers: {}, error: error.code ?? error.message }),
    );
    req.end(body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the clients (see module comment). */
export function startTraffic(options: TrafficOptions): Traffic {
  const t0 = performance.now();
  const elapsed = (): number => performance.now() - t0;
  const shots: Shot[] = [];
  const inFlight = new Set<Promise<void>>();
  let phase = 'start';
  let stopping = false;
  const body = randomBytes(options.bodyBytes ?? 32 * 1024);
  const query = options.query ?? '';

  const runClient = async (spec: ClientSpec): Promise<void> => {
    const keepAlive = spec.kind !== 'get-new-conn' && spec.kind !== 'post-new-conn';
    const agent = keepAlive ? new Agent({ keepAlive: true, maxSockets: 4 }) : false;
    const post = spec.kind === 'post-keepalive' || spec.kind === 'post-new-conn';
    let cookie: string | undefined;
    let seq = 0;
    const once = async (): Promise<void> => {
      const at = elapsed();
      const started = phase;
      const headers: Record<string, string> = { host: spec.host };
      if (!keepAlive) headers.connection = 'close';
      if (post) headers['content-type'] = 'application/octet-stream';
      if (spec.kind === 'post-keepalive') headers['idempotency-key'] = `${spec.name}-${seq++}`;
      if (cookie !== undefined) headers.cookie = cookie;
      const method = post ? 'POST' : 'GET';
      let answer = await send(options.port, agent, method, `/${query}`, headers, post ? body : undefined);
      let retried = false;
      // As Go's Transport: again while the failed connection was a reused one (several idle
      // connections of a draining server may fail in turn); a new connection's failure is final.
      for (
        let attempt = 1;
        attempt < MAX_ATTEMPTS &&
        answer.error !== undefined &&
        !answer.responded &&
        answer.reused &&
        (!post || headers['idempotency-key'] !== undefined);
        attempt++
      ) {
        retried = true;
        answer = await send(options.port, agent, method, `/${query}`, headers, post ? body : undefined);
      }
      const raw = answer.headers['set-cookie'];
      const setCookie = raw?.[0]?.split(';')[0];
      if (spec.kind === 'sticky' && setCookie !== undefined) cookie = setCookie;
      let who: string | undefined;
      if (answer.status === 200) {
        try {
          // The test app answers its `instance`; the file route's upstreams their `id`.
          const parsed = JSON.parse(answer.body) as { instance?: string; id?: string };
          who = parsed.instance ?? parsed.id;
        } catch {
          who = undefined;
        }
      }
      shots.push({
        client: spec.name,
        kind: spec.kind,
        at,
        phase: started,
        latencyMs: elapsed() - at,
        retried,
        ...(answer.status === undefined ? {} : { status: answer.status }),
        ...(answer.error === undefined ? {} : { error: answer.error }),
        ...(who === undefined ? {} : { who }),
        ...(setCookie === undefined ? {} : { setCookie: true }),
      });
    };
    const interval = 1000 / spec.perSecond;
    // Stagger the clients so their ticks do not all land at once.
    const offset = elapsed() + Math.random() * interval;
    const until = Math.min(options.maxMs, spec.untilMs ?? Number.POSITIVE_INFINITY);
    for (let i = 0; !stopping && elapsed() < until; i++) {
      const due = offset + i * interval;
      const wait = due - elapsed();
      if (wait > 0) await sleep(wait);
      if (stopping) break;
      if (spec.kind === 'sticky' || spec.closedLoop === true) {
        await once(); // a sticky client reads its cookie before its next request
      } else {
        const p = once().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }
    await Promise.all([...inFlight]);
    if (agent !== false) agent.destroy();
  };

  const running = [...options.clients.map(runClient)];
  return {
    add(spec) {
      running.push(runClient(spec));
    },
    phase(name) {
      phase = name;
    },
    elapsed,
    async stop() {
      stopping = true;
      await Promise.all(running);
      return shots.sort((a, b) => a.at - b.at);
    },
  };
}
