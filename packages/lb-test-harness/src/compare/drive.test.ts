import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioEvent } from '../model/types';
import { clientAddress, HttpClient, readAnswer } from './client';
import { driveLoad, toRecord } from './drive';
import { makeClients } from './run-real';

describe('client helpers', () => {
  it.each([
    { i: 0, expected: '127.0.0.2' },
    { i: 249, expected: '127.0.0.251' },
    { i: 250, expected: '127.0.1.2' },
  ])('client $i connects from $expected', ({ i, expected }) => {
    expect(clientAddress(i)).toBe(expected);
  });
  it.each([
    { body: '{"server":{"id":"u-1"},"count":3}', expected: { serverId: 'u-1', count: 3 } },
    { body: '{"server":{"id":"u-1"},"jokes":[]}', expected: { serverId: 'u-1' } },
    { body: '{"error":{"code":"LB_NO_AVAILABLE_SERVER"}}', expected: {} },
    { body: '<html>Bad Gateway</html>', expected: {} },
  ])('reads $body', ({ body, expected }) => {
    expect(readAnswer(body)).toEqual(expected);
  });
  it('records lost state when the count is not the session’s request count', () => {
    const client = { id: 4, session: true, sessionHits: 0 };
    const names = (id: string): string => ({ u1: 's1', u2: 's2' })[id] ?? id;
    const answers = [
      { serverId: 'u1', count: 1 },
      { serverId: 'u2', count: 1 },
      { serverId: 'u1', count: 2 },
    ];
    const records = answers.map((a, i) => toRecord(client, i, { status: 200, latencyMs: 1, ...a }, names));
    expect(records.map((r) => [r.server, r.stateLost])).toEqual([
      ['s1', false],
      ['s2', true],
      ['s1', true],
    ]);
    expect(toRecord(client, 9, { status: 502, latencyMs: 1 }, names)).toEqual({
      t: 9,
      client: 4,
      session: true,
      ok: false,
      latencyMs: 1,
    });
  });
});

describe('driveLoad against a loopback server', () => {
  // A stand-in for jokes-api behind a proxy: two "servers" alternate, each counting sessions.
  let server: Server;
  let baseUrl = '';
  const peers = new Set<string>();
  beforeAll(async () => {
    const counts = [new Map<string, number>(), new Map<string, number>()];
    let turn = 0;
    server = createServer((req, res) => {
      peers.add(req.socket.remoteAddress ?? '');
      const which = turn++ % 2;
      const session = /session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? `n${turn}`;
      const count = (counts[which]?.get(session) ?? 0) + 1;
      counts[which]?.set(session, count);
      res.setHeader('set-cookie', `session=${session}; Path=/`);
      res.end(JSON.stringify({ server: { id: `u${which}` }, count }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('stops at the request budget, fires events in order, and sees the alternation', async () => {
    // Three clients, two with sessions: an odd number, so a client that is re-dispatched in a
    // fixed cycle still alternates between the two servers (four clients can lock each client onto
    // one server, and then no session ever loses its state).
    const clients = makeClients({ clients: 3, distinctIps: true }, baseUrl, 2 / 3);
    const events: ScenarioEvent[] = [
      { at: 0.2, kind: 'kill', server: 's2' },
      { at: 0.5, kind: 'restart', server: 's2' },
    ];
    const seen: string[] = [];
    const result = await driveLoad({
      clients,
      maxRequests: 60,
      maxMs: 20_000,
      nameOf: (id) => (id === 'u0' ? 's1' : 's2'),
      events,
      onEvent: async (e) => void seen.push(`${e.kind} ${e.server}`),
    });
    await Promise.all(clients.map((c) => c.close()));
    expect(result.records).toHaveLength(60);
    expect(seen).toEqual(['kill s2', 'restart s2']);
    expect(result.fired.map((f) => f.event.kind)).toEqual(['kill', 'restart']);
    expect(result.records.filter((r) => r.server === 's1')).toHaveLength(30);
    expect(result.records.filter((r) => r.session).some((r) => r.stateLost === true)).toBe(true);
    expect(result.records.filter((r) => !r.session).every((r) => r.stateLost === undefined)).toBe(true);
    expect([...peers].filter((p) => p.includes('127.0.0.')).length).toBeGreaterThanOrEqual(2);
  });

  it('records a connection failure as a failed request without a server', async () => {
    const client = new HttpClient({ id: 0, session: false, baseUrl: 'http://127.0.0.1:1', path: '/' });
    const answer = await client.send();
    await client.close();
    expect(answer.status).toBe(0);
    expect(answer.error).toBeDefined();
  });
});
