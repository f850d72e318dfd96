import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeHealthCheck, type HealthCheckInput } from './active-config';
import { createActiveChecker, type ActiveChecker, type ActiveServerStatus, type CheckedServer } from './active-checker';
import { waitFor } from '../../test/helpers/poll';

interface Origin {
  readonly url: string;
  readonly port: number;
  readonly seen: IncomingMessage[];
  readonly server: Server;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real origin on 127.0.0.1:0 answering with `handler`; every request is kept in `seen`. */
async function origin(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Origin> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${port}`, port, seen, server };
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Each verdict written to the target, with the checker's view of that server at that moment. */
interface Verdict {
  readonly up: boolean;
  readonly state: ActiveServerStatus;
}

function start(
  servers: CheckedServer[],
  input: HealthCheckInput,
): {
  checker: ActiveChecker;
  verdicts: Verdict[];
  changes: [string, boolean, string][];
  one: () => ActiveServerStatus;
} {
  const agent = new Agent();
  const verdicts: Verdict[] = [];
  const changes: [string, boolean, string][] = [];
  const one = (): ActiveServerStatus => {
    const state = checker.status()[0];
    if (state === undefined) throw new Error('no server');
    return state;
  };
  const checker = createActiveChecker({
    servers,
    config: normalizeHealthCheck({ interval: '20ms', timeout: '2s', ...input }),
    dispatcher: agent,
    target: { setHealthy: (_id, up) => verdicts.push({ up, state: one() }) },
    onChange: (id, up, reason) => changes.push([id, up, reason]),
  });
  cleanups.push(async () => {
    await checker.stop();
    await agent.close();
  });
  checker.start();
  return { checker, verdicts, changes, one };
}

describe('createActiveChecker', () => {
  it.each([
    { rise: 1, fall: 1 },
    { rise: 2, fall: 2 },
    { rise: 3, fall: 1 },
  ])('goes down after $fall failure(s) and up after $rise success(es)', async ({ rise, fall }) => {
    let status = 200;
    const o = await origin((_req, res) => res.writeHead(status).end('body'));
    const { verdicts, changes, one } = start([{ id: 'a', url: o.url }], { path: '/health', rise, fall });

    await waitFor(() => one().consecutive >= 2, 'two healthy probes');
    status = 500;
    await waitFor(() => !one().up, 'marked down');
    const down = verdicts.find((v) => !v.up);
    expect(down?.state).toMatchObject({ lastError: 'status 500', consecutive: fall });
    expect(verdicts.filter((v) => v.state.lastError !== undefined && v.up)).toHaveLength(fall - 1);

    const before = verdicts.length;
    status = 200;
    await waitFor(() => one().up, 'marked up again');
    // Up to the first verdict that brings it back: probes keep running while the test polls.
    const recovery = verdicts.slice(before).filter((v) => v.state.lastError === undefined);
    const back = recovery.findIndex((v) => v.up);
    expect(recovery.slice(0, back + 1).map((v) => v.up)).toEqual([...Array<boolean>(rise - 1).fill(false), true]);
    expect(changes).toEqual([
      ['a', false, 'status 500'],
      ['a', true, 'status 200'],
    ]);
    expect(o.seen.every((req) => req.url === '/health' && req.method === 'GET')).toBe(true);
  });

  it.each([
    { desc: 'default accepts 2xx', answer: 204, input: {}, up: true, lastError: undefined },
    {
      desc: 'default accepts 3xx when redirects are not followed',
      answer: 302,
      input: { followRedirects: false },
      up: true,
      lastError: undefined,
    },
    { desc: 'default refuses 4xx', answer: 404, input: {}, up: false, lastError: 'status 404' },
    { desc: 'expected status matches', answer: 418, input: { status: 418 }, up: true, lastError: undefined },
    {
      desc: 'expected status differs',
      answer: 200,
      input: { status: 204 },
      up: false,
      lastError: 'status 200, expected 204',
    },
  ])('status: $desc', async ({ answer, input, up, lastError }) => {
    const o = await origin((_req, res) => res.writeHead(answer, { location: '/elsewhere' }).end());
    const { one } = start([{ id: 'a', url: o.url }], input);
    await waitFor(() => one().lastCheck !== undefined, 'first probe');
    expect(one()).toMatchObject({ up, lastError });
  });

  it('follows redirects by default and judges the final answer', async () => {
    const o = await origin((req, res) =>
      req.url === '/health' ? res.writeHead(302, { location: '/moved' }).end() : res.writeHead(503).end(),
    );
    const { one } = start([{ id: 'a', url: o.url }], { path: '/health' });
    await waitFor(() => one().lastCheck !== undefined, 'first probe');
    expect(one()).toMatchObject({ up: false, lastError: 'status 503' });
    expect(o.seen.map((r) => r.url).slice(0, 2)).toEqual(['/health', '/moved']);
  });

  it('sends hostname, headers, method, path and port override to the server', async () => {
    const o = await origin((_req, res) => res.writeHead(200).end());
    const unused = await closedPort();
    const { one } = start([{ id: 'a', url: `http://127.0.0.1:${unused}/base/` }], {
      path: 'ping?deep=1',
      port: o.port,
      hostname: 'health.example',
      headers: { 'x-probe': 'junction' },
      method: 'head',
    });
    await waitFor(() => one().lastCheck !== undefined, 'first probe');
    expect(one().up).toBe(true);
    const req = o.seen[0];
    expect(req).toMatchObject({ method: 'HEAD', url: '/base/ping?deep=1' });
    expect(req?.headers).toMatchObject({ host: 'health.example', 'x-probe': 'junction' });
  });

  it('fails a probe that outlives the timeout', async () => {
    const o = await origin(() => undefined); // never answers
    const { one } = start([{ id: 'a', url: o.url }], { timeout: '50ms' });
    await waitFor(() => !one().up, 'marked down');
    expect(one().lastError).toBe('timeout after 50ms');
  });

  it('reports ECONNREFUSED for a closed port', async () => {
    const port = await closedPort();
    const { one, changes } = start([{ id: 'a', url: `http://127.0.0.1:${port}` }], {});
    await waitFor(() => !one().up, 'marked down');
    expect(one().lastError).toBe('ECONNREFUSED');
    expect(changes).toEqual([['a', false, 'ECONNREFUSED']]);
  });

  it('never overlaps probes of one server, even when it answers slower than the interval', async () => {
    let active = 0;
    let peak = 0;
    const o = await origin((_req, res) => {
      active += 1;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active -= 1;
        res.writeHead(200).end();
      }, 60);
    });
    start([{ id: 'a', url: o.url }], { interval: '5ms' });
    await waitFor(() => o.seen.length >= 4, 'four probes');
    expect(peak).toBe(1);
  });

  it('keeps the state of unchanged servers across update, resets changed ones and stops probing removed ones', async () => {
    const bad = await origin((_req, res) => res.writeHead(500).end());
    const good = await origin((_req, res) => res.writeHead(200).end());
    const other = await origin((_req, res) => res.writeHead(200).end());
    const { checker } = start(
      [
        { id: 'a', url: bad.url },
        { id: 'b', url: good.url },
      ],
      {},
    );
    const byId = (id: string): ActiveServerStatus | undefined => checker.status().find((s) => s.id === id);
    await waitFor(() => byId('a')?.up === false && byId('b')?.lastCheck !== undefined, 'a down, b checked');

    checker.update([
      { id: 'a', url: bad.url },
      { id: 'b', url: other.url },
      { id: 'c', url: good.url },
    ]);
    expect(byId('a')).toMatchObject({ up: false, lastError: 'status 500' });
    expect(byId('b')).toMatchObject({ up: true, lastCheck: undefined, consecutive: 0 });
    await waitFor(() => byId('b')?.lastCheck !== undefined && byId('c')?.lastCheck !== undefined, 'b and c probed');

    checker.update([{ id: 'c', url: good.url }]);
    const badHits = bad.seen.length;
    const goodHits = good.seen.length;
    await waitFor(() => good.seen.length >= goodHits + 3, 'c probed three more times');
    expect(bad.seen.length).toBeLessThanOrEqual(badHits + 1); // at most the probe already in flight
    expect(checker.status().map((s) => s.id)).toEqual(['c']);
  });

  it('stops probing after stop() and resumes after start()', async () => {
    const o = await origin((_req, res) => res.writeHead(200).end());
    const { checker } = start([{ id: 'a', url: o.url }], {});
    await waitFor(() => o.seen.length >= 2, 'two probes');
    await checker.stop();
    const hits = o.seen.length;
    const other = await origin((_req, res) => res.writeHead(200).end());
    const witness = start([{ id: 'w', url: other.url }], {});
    await waitFor(() => other.seen.length >= 3, 'a witness checker probed three times');
    expect(o.seen.length).toBe(hits);
    expect(witness.one().up).toBe(true);

    checker.start();
    await waitFor(() => o.seen.length > hits, 'probing resumed');
  });
});
