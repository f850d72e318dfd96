/**
 * Graceful stop of an entry point (`drainEntryPoint`): requests and WebSockets in flight finish
 * within the grace time while no new connection is accepted; past the grace time what is left is
 * closed. The lifecycle flag (read by `/ping`) is set when shutdown begins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { drainEntryPoint } from '../src/server/listen';
import { drainWithRequestInFlight } from './helpers/drain';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { startUpstream, type Upstream } from './helpers/upstreams';
import { startWebSocketUpstream } from './helpers/ws-upstream';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function slowJunction(delayMs: number): Promise<{ lb: TestJunction; up: Upstream }> {
  const timers = new Set<NodeJS.Timeout>();
  const up = await startUpstream('slow', (req, res) => {
    req.resume();
    timers.add(setTimeout(() => res.end('finished'), delayMs));
  });
  const lb = await startJunction({
    http: { routers: { r: { rule: 'PathPrefix(`/`)', service: 's' } }, services: { s: pool([up.url]) } },
  });
  cleanups.push(
    () => up.close(),
    () => timers.forEach(clearTimeout),
    () => lb.close(),
  );
  return { lb, up };
}

describe('graceful stop', () => {
  it('lets an in-flight request finish and refuses new connections meanwhile', async () => {
    const { lb } = await slowJunction(300);
    const http = client();
    cleanups.push(() => http.close());
    const inFlight = send(`${lb.url}/slow`, { dispatcher: http });
    await new Promise((resolve) => setTimeout(resolve, 50));
    lb.app.lifecycle.beginShutdown();
    expect(lb.app.lifecycle.shuttingDown).toBe(true);
    const draining = drainEntryPoint(lb.app.entryPoints.get('web') as never, 5_000, lb.app.lifecycle);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(send(`${lb.url}/new`, { dispatcher: client() })).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.text).toBe('finished');
    expect(await draining).toEqual({ graceful: true });
  });

  it('closes what is still open when the grace time is over', async () => {
    const { lb } = await slowJunction(5_000);
    const http = client();
    cleanups.push(() => http.close());
    expect(await drainWithRequestInFlight(lb, send(`${lb.url}/slow`, { dispatcher: http }), 50, 200)).toEqual({
      drain: { graceful: false },
      request: 'cut',
    });
  });

  it.each([
    { desc: 'lets an open WebSocket finish within the grace time', closeAfterMs: 100, graceMs: 3_000, graceful: true },
    { desc: 'closes a WebSocket still open after the grace time', closeAfterMs: 10_000, graceMs: 200, graceful: false },
  ])('$desc', async ({ closeAfterMs, graceMs, graceful }) => {
    const upstream = await startWebSocketUpstream();
    cleanups.push(() => upstream.close());
    const lb = await startJunction({
      http: {
        routers: { r: { rule: 'PathPrefix(`/`)', service: 's' } },
        services: { s: pool([upstream.url]) },
      },
    });
    cleanups.push(() => lb.close());
    const ws = new WebSocket(`ws://127.0.0.1:${lb.port}/`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    const timer = setTimeout(() => ws.close(), closeAfterMs);
    cleanups.push(() => clearTimeout(timer));
    expect(await drainEntryPoint(lb.app.entryPoints.get('web') as never, graceMs, lb.app.lifecycle)).toEqual({
      graceful,
    });
    await closed;
  });
});
