/**
 * Slow clients cannot exhaust Junction: hundreds of slowloris connections (a partial head, then one
 * header line a second) are bounded by `readTimeout` and stop by themselves while a normal client
 * keeps being answered; at a small `transport.maxConnections` new connections are closed with one
 * warning line per interval until the slow ones time out, and service resumes; at the bound the
 * connection idle the longest is shed for a new one (never one that is reading a request); and
 * `maxConnectionsPerIP` closes one address's excess while another address is served. Figures
 * (connections, answers, latencies) are printed, not asserted as speeds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoreLogger } from '../src/runtime/runtime-store';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { rawRequest } from './helpers/raw-http';
import { openConnection, type RawConnection } from './helpers/slow-socket';
import { startUpstream, type Upstream } from './helpers/upstreams';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Warning {
  readonly level: 'warn' | 'error';
  readonly at: number;
  readonly fields: Record<string, unknown>;
  readonly msg: string;
}

let upstream: Upstream;
const junctions: TestJunction[] = [];
const open: RawConnection[] = [];

async function junction(flags: string[], warnings?: Warning[]): Promise<TestJunction> {
  const record =
    (level: Warning['level']) =>
    (fields: object, msg: string): void =>
      void warnings?.push({ level, at: performance.now(), fields: fields as Record<string, unknown>, msg });
  const logger: StoreLogger = { info() {}, error: record('error'), warn: record('warn') };
  const lb = await startJunction(
    {
      http: { routers: { all: { rule: 'PathPrefix(`/`)', service: 'up' } }, services: { up: pool([upstream.url]) } },
    },
    flags.map((f) => `--entrypoints.web.transport.${f}`),
    { logger, connectionLogIntervalMs: 1000 },
  );
  junctions.push(lb);
  return lb;
}

/** Opens a slowloris connection: a partial head, then one header line every second (at most 60). */
async function slowloris(port: number, localAddress?: string): Promise<RawConnection> {
  const conn = await openConnection(port, localAddress === undefined ? {} : { localAddress });
  open.push(conn);
  conn.write('GET /slow HTTP/1.1\r\nHost: a\r\n');
  conn.trickle('X-Slow: 1\r\n', 1000, 60);
  return conn;
}

/** One normal request on a new connection: the status, or 0 when the connection was closed unanswered. */
async function normal(port: number): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  try {
    const answer = await rawRequest(port, 'GET /normal HTTP/1.1\r\nHost: a');
    return { status: Number.isNaN(answer.status) ? 0 : answer.status, ms: performance.now() - t0 };
  } catch {
    return { status: 0, ms: performance.now() - t0 };
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

beforeAll(async () => {
  upstream = await startUpstream('up', (req, res) => {
    req.resume();
    res.end('ok');
  });
});

afterEach(() => {
  for (const conn of open.splice(0)) conn.destroy();
});

afterAll(async () => {
  await Promise.all(junctions.map((lb) => lb.close()));
  await upstream.close();
});

describe('slow clients', () => {
  it('serves a normal client while 320 slowloris connections are open; readTimeout ends them all', async () => {
    const READ = 3000;
    const lb = await junction([`respondingTimeouts.readTimeout=${READ}ms`]);
    const server = lb.app.entryPoints.get('web')?.server;
    const junctionSide = (): Promise<number> => new Promise((resolve) => server?.getConnections((_, n) => resolve(n)));
    const slow = await Promise.all(Array.from({ length: 320 }, () => slowloris(lb.port)));
    const results: { status: number; ms: number }[] = [];
    const until = performance.now() + 2000;
    while (performance.now() < until && results.length < 400) results.push(await normal(lb.port));
    const stillOpen = slow.filter((c) => !c.isClosed()).length;
    const openInJunction = await junctionSide();
    const lifetimes = await Promise.all(slow.map((c) => c.closed));
    const answered408 = slow.filter((c) => c.received().startsWith('HTTP/1.1 408 ')).length;
    const ms = results.map((r) => r.ms);
    console.log(
      `slowloris: 320 opened, ${stillOpen} still open after the normal client's 2 s (Junction counts ${openInJunction});` +
        ` normal client: ${results.filter((r) => r.status === 200).length}/${results.length} answered 200, p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms;` +
        ` slow ones closed after ${Math.round(Math.min(...lifetimes))}–${Math.round(Math.max(...lifetimes))} ms (readTimeout ${READ} ms), ${answered408} with 408`,
    );
    expect(stillOpen).toBe(320);
    expect(openInJunction).toBeGreaterThanOrEqual(320);
    expect(results.length).toBeGreaterThan(10);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(READ - 50);
    expect(Math.max(...lifetimes)).toBeLessThanOrEqual(READ + 1000);
    expect(answered408).toBe(320);
  });

  it('at a small maxConnections refuses new connections with one warning per interval, and serves again once the slow ones time out', async () => {
    const READ = 2000;
    const warnings: Warning[] = [];
    const lb = await junction([`respondingTimeouts.readTimeout=${READ}ms`, 'maxConnections=20'], warnings);
    const slow = await Promise.all(Array.from({ length: 20 }, () => slowloris(lb.port)));
    const opened = performance.now();
    await sleep(100); // until Junction has read their first bytes: before that they look idle and may be shed
    const attempts: { status: number; at: number }[] = [];
    while (performance.now() - opened < READ + 2000) {
      const { status } = await normal(lb.port);
      attempts.push({ status, at: performance.now() - opened });
      if (status === 200) break;
      await sleep(50);
    }
    await Promise.all(slow.map((c) => c.closed));
    await sleep(1100); // the trailing warning, if any
    const refused = attempts.filter((a) => a.status === 0).length;
    const firstServed = attempts.find((a) => a.status === 200)?.at ?? Number.NaN;
    const spacing = warnings.slice(1).map((w, i) => w.at - (warnings[i]?.at ?? 0));
    console.log(
      `maxConnections=20, 20 slowloris: ${refused} normal attempts refused, first answer ${Math.round(firstServed)} ms after they opened (readTimeout ${READ} ms);` +
        ` ${warnings.length} warnings, ${spacing.map((s) => Math.round(s)).join(', ')} ms apart: ${warnings[0]?.msg ?? ''}`,
    );
    expect(refused).toBeGreaterThan(5);
    expect(firstServed).toBeGreaterThanOrEqual(READ - 50);
    expect(firstServed).toBeLessThanOrEqual(READ + 1000);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.length).toBeLessThanOrEqual(Math.ceil((READ + 1000) / 1000) + 1);
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(990);
    expect(warnings.reduce((sum, w) => sum + Number(w.fields.refused), 0)).toBe(refused);
    expect(warnings[0]?.fields).toMatchObject({ entryPoint: 'web', maxConnections: 20, open: 20 });
    expect(warnings.every((w) => w.level === 'error')).toBe(true);
    expect(warnings[0]?.msg).toContain(
      'reached its connection limit: 1 new connection(s) closed at --entryPoints.web.transport.maxConnections=20',
    );
  });

  it('at the bound closes the connection idle the longest for a new one, never one reading a request', async () => {
    const warnings: Warning[] = [];
    const lb = await junction(['maxConnections=5'], warnings);
    const kept: RawConnection[] = [];
    /** Opens a keep-alive connection that has had one answer and now waits, idle. */
    const keepAlive = async (): Promise<void> => {
      const conn = await openConnection(lb.port);
      open.push(conn);
      conn.write('GET /keep HTTP/1.1\r\nHost: a\r\n\r\n');
      for (let j = 0; j < 100 && !conn.received().endsWith('ok'); j++) await sleep(5);
      kept.push(conn);
    };
    for (let i = 0; i < 5; i++) await keepAlive();
    kept[0]?.write('GET /half HTTP/1.1\r\n'); // the oldest starts a request: it is no longer idle
    await sleep(50);
    expect((await normal(lb.port)).status).toBe(200); // Connection: close, so its slot is free again
    await sleep(50);
    expect(kept.map((c) => c.isClosed())).toEqual([false, true, false, false, false]);
    await keepAlive(); // the bound again
    expect((await normal(lb.port)).status).toBe(200);
    await sleep(50);
    expect(kept.map((c) => c.isClosed())).toEqual([false, true, true, false, false, false]);
    console.log(`maxConnections=5: ${warnings.map((w) => `${w.msg} ${JSON.stringify(w.fields)}`).join(' | ')}`);
    expect(warnings[0]?.msg).toContain(
      '1 idle connection(s) closed to make room at --entryPoints.web.transport.maxConnections=5',
    );
    expect(warnings[0]?.fields).toMatchObject({ open: 5, shed: 1, refused: 0 });
    expect(warnings[0]?.level).toBe('warn');
  });

  it("maxConnectionsPerIP closes one address's excess while another address is served", async () => {
    const warnings: Warning[] = [];
    const lb = await junction(['maxConnectionsPerIP=5'], warnings);
    await Promise.all(Array.from({ length: 5 }, () => slowloris(lb.port)));
    const sixth = await openConnection(lb.port);
    open.push(sixth);
    sixth.write('GET /sixth HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(await sixth.closed).toBeLessThan(500);
    expect(sixth.bytes()).toBe(0);
    const other = await openConnection(lb.port, { localAddress: '127.0.0.2' });
    open.push(other);
    other.write('GET /other HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    await other.closed;
    expect(other.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(warnings[0]?.fields).toMatchObject({ maxConnectionsPerIP: 5, refusedPerIP: 1 });
  });
});
