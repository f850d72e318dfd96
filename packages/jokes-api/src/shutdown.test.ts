import { afterEach, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../test/listen';
import { createApp } from './app';
import { closeGracefully, handleSignals } from './shutdown';

/** Starts an app whose joke routes wait `delayMs`, with keep-alive far longer than any test. */
async function slowServer(delayMs: number): Promise<Listening> {
  const running = await listen(createApp({ delayMs }));
  running.server.keepAliveTimeout = 60_000;
  return running;
}

/**
 * Sends GET `path` and resolves once the server has received it, with the response still
 * pending (wrapped, so the async function does not wait for it).
 */
async function inFlight(running: Listening, path: string): Promise<{ response: Promise<Response> }> {
  const received = new Promise<void>((resolve) => running.server.once('request', () => resolve()));
  const response = fetch(`${running.url}${path}`);
  response.catch(() => undefined);
  await received;
  return { response };
}

describe('closeGracefully', () => {
  let running: Listening | undefined;
  afterEach(async () => {
    if (running?.server.listening) await running.close();
    running = undefined;
  });

  it('lets an in-flight request finish, closes the idle keep-alive socket, then refuses connections', async () => {
    running = await slowServer(150);
    // Warm a keep-alive connection first so an idle socket exists when shutdown starts.
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
    const { response } = await inFlight(running, '/?count=1');
    const outcome = closeGracefully(running.server, 5_000);
    const res = await response;
    expect(res.status).toBe(200);
    expect((await res.json()) as { jokes: unknown[] }).toMatchObject({ jokes: [expect.any(Object)] });
    expect(await outcome).toBe('clean');
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });

  it('cuts requests still running at the deadline', async () => {
    running = await slowServer(1_500);
    const { response } = await inFlight(running, '/');
    expect(await closeGracefully(running.server, 30)).toBe('forced');
    await expect(response).rejects.toThrow();
  });
});

describe('handleSignals', () => {
  it('exits 0 after a clean shutdown, and 1 at once on a second signal', async () => {
    const running = await slowServer(0);
    const logs: string[] = [];
    const exits: number[] = [];
    let exited: () => void = () => undefined;
    const firstExit = new Promise<void>((resolve) => (exited = resolve));
    const dispose = handleSignals(running.server, {
      timeoutMs: 5_000,
      signals: ['SIGUSR2'],
      log: (m) => logs.push(m),
      exit: (code) => {
        exits.push(code);
        exited();
      },
    });
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      await firstExit;
      expect(exits).toEqual([0]);
      expect(running.server.listening).toBe(false);
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(exits).toEqual([0, 1]);
      expect(logs[0]).toContain('SIGUSR2');
    } finally {
      dispose();
    }
  });
});
