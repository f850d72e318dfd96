/**
 * The soak test's load: fixed-rate keep-alive GETs, GETs on new connections, uploads (a body the
 * upstream counts and answers) and WebSocket sessions (a few echoed messages, then a close),
 * through Junction to loopback upstreams. Bounded by `durationMs` and, per kind, by a cap on
 * requests in flight; every request by a timeout. Counts outcomes by kind.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';

/** Outcome counts of one load run. */
export interface LoadCounts {
  readonly ok: Record<string, number>;
  readonly failed: Record<string, number>;
  /** Not sent: the kind already had its cap of requests in flight (this machine stalled). */
  readonly skipped: Record<string, number>;
}

const TIMEOUT_MS = 15_000;
const MAX_IN_FLIGHT = 32;
const UPLOAD = randomBytes(256 * 1024);

function httpOnce(
  port: number,
  agent: Agent | false,
  method: 'GET' | 'POST',
  body?: Buffer,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = agent === false ? { connection: 'close' } : {};
    if (body !== undefined) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port, method, path: '/soak', agent, headers, timeout: TIMEOUT_MS });
    req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', () => resolve('mid-answer error'));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode}`);
        if (body !== undefined && (JSON.parse(text) as { bytes?: number }).bytes !== body.length)
          return resolve('upload truncated');
        resolve(undefined);
      });
    });
    req.end(body);
  });
}

/** One WebSocket session: open, `messages` echoes, close. Resolves with an error text or undefined. */
function wsSession(port: number, messages: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    let echoed = 0;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve('TIMEOUT');
    }, TIMEOUT_MS);
    const finish = (error: string | undefined): void => {
      clearTimeout(timer);
      resolve(error);
    };
    ws.on('open', () => ws.send(`m${echoed}`));
    ws.on('message', (data) => {
      if (String(data) !== `m${echoed}`) return finish('wrong echo');
      echoed++;
      if (echoed < messages) ws.send(`m${echoed}`);
      else ws.close(1000);
    });
    ws.on('close', () => finish(echoed === messages ? undefined : `closed after ${echoed} echoes`));
    ws.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}

/** Requests per second of each kind. */
export interface LoadMix {
  readonly keepAlive: number;
  readonly newConnection: number;
  readonly upload: number;
  readonly webSocket: number;
}

/** Runs the mix for `durationMs` against Junction on `port`; resolves once everything in flight ended. */
export async function runLoad(port: number, mix: LoadMix, durationMs: number): Promise<LoadCounts> {
  const ok: Record<string, number> = {};
  const failed: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const start = performance.now();
  const kinds: [string, number, () => Promise<string | undefined>][] = [
    ['keep-alive GET', mix.keepAlive, () => httpOnce(port, agent, 'GET')],
    ['new-connection GET', mix.newConnection, () => httpOnce(port, false, 'GET')],
    ['upload 256 KiB', mix.upload, () => httpOnce(port, agent, 'POST', UPLOAD)],
    ['WebSocket session', mix.webSocket, () => wsSession(port, 5)],
  ];
  await Promise.all(
    kinds.map(async ([kind, perSecond, once]) => {
      if (perSecond <= 0) return;
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; ; i++) {
        const due = (i * 1000) / perSecond;
        if (due >= durationMs) break;
        const wait = due - (performance.now() - start);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (inFlight.size >= MAX_IN_FLIGHT) {
          skipped[kind] = (skipped[kind] ?? 0) + 1;
          continue;
        }
        const p = once().then((error) => {
          if (error === undefined) ok[kind] = (ok[kind] ?? 0) + 1;
          else failed[`${kind}: ${error}`] = (failed[`${kind}: ${error}`] ?? 0) + 1;
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      await Promise.all([...inFlight]);
    }),
  );
  agent.destroy();
  return { ok, failed, skipped };
}
