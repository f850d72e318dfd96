import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, seeded, type Listening } from '../test/listen';
import { createApp } from './app';
import { JOKES, type Joke } from './jokes';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface JokesBody {
  server: { id: string; hostname: string };
  jokes: Joke[];
}
interface ErrorBody {
  error: { code: string; message: string };
  server: { id: string };
}

async function getJson<T>(url: string, init?: RequestInit): Promise<{ res: Response; body: T }> {
  const res = await fetch(url, init);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { res, body: (await res.json()) as T };
}

describe('jokes-api over HTTP', () => {
  let a: Listening;
  let b: Listening;
  beforeAll(async () => {
    a = await listen(createApp({ random: seeded(1) }));
    b = await listen(createApp({ random: seeded(2) }));
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('GET / returns 1–3 jokes and the answering server', async () => {
    const { res, body } = await getJson<JokesBody>(`${a.url}/`);
    expect(res.status).toBe(200);
    expect(body.server).toEqual({ id: expect.stringMatching(UUID_V4), hostname: hostname() });
    expect(body.jokes.length).toBeGreaterThanOrEqual(1);
    expect(body.jokes.length).toBeLessThanOrEqual(3);
    for (const joke of body.jokes) expect(JOKES).toContainEqual(joke);
    expect(res.headers.get('x-server-id')).toBe(body.server.id);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.each([1, 2, 5, 10])('GET /?count=%i returns that many distinct jokes', async (count) => {
    const { res, body } = await getJson<JokesBody>(`${a.url}/?count=${count}`);
    expect(res.status).toBe(200);
    expect(new Set(body.jokes.map((j) => j.id)).size).toBe(count);
  });

  it.each(['0', '11', '-1', '2.5', 'many', '1&count=2'])('GET /?count=%s is a JSON 400', async (count) => {
    const { res, body } = await getJson<ErrorBody>(`${a.url}/?count=${count}`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('JOKES_BAD_COUNT');
  });

  it.each([1, 42, JOKES.length])('GET /%i returns that joke', async (id) => {
    const { res, body } = await getJson<{ joke: Joke; server: { id: string } }>(`${a.url}/${id}`);
    expect(res.status).toBe(200);
    expect(body.joke).toEqual(JOKES[id - 1]);
    expect(body.server.id).toBe(res.headers.get('x-server-id'));
  });

  it.each([
    { path: '/0', code: 'JOKES_JOKE_NOT_FOUND' },
    { path: `/${JOKES.length + 1}`, code: 'JOKES_JOKE_NOT_FOUND' },
    { path: '/abc', code: 'JOKES_NOT_FOUND' },
    { path: '/1/extra', code: 'JOKES_NOT_FOUND' },
    { path: '/api/jokes/', code: 'JOKES_NOT_FOUND' },
  ])('GET $path is a JSON 404 ($code) with the server id', async ({ path, code }) => {
    const { res, body } = await getJson<ErrorBody>(`${a.url}${path}`);
    expect(res.status).toBe(404);
    expect(body.error.code).toBe(code);
    expect(body.server.id).toBe(res.headers.get('x-server-id'));
  });

  it('answers other methods with a JSON 404', async () => {
    const { res, body } = await getJson<ErrorBody>(`${a.url}/`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(body.error.code).toBe('JOKES_NOT_FOUND');
  });

  it('answers a malformed escape with a JSON 400', async () => {
    const { res, body } = await getJson<ErrorBody>(`${a.url}/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('JOKES_BAD_REQUEST');
  });

  it('GET /health reports ok and the id', async () => {
    const { res, body } = await getJson<{ status: string; id: string }>(`${a.url}/health`);
    expect(res.status).toBe(200);
    expect(body).toEqual({ status: 'ok', id: res.headers.get('x-server-id') });
  });

  it('keeps one id per app and differs between apps', async () => {
    const idsA = await Promise.all([1, 2, 3].map(async () => (await getJson<JokesBody>(`${a.url}/`)).body.server.id));
    const { body: healthA } = await getJson<{ id: string }>(`${a.url}/health`);
    const { body: healthB } = await getJson<{ id: string }>(`${b.url}/health`);
    expect(new Set([...idsA, healthA.id])).toEqual(new Set([healthA.id]));
    expect(healthB.id).toMatch(UUID_V4);
    expect(healthB.id).not.toBe(healthA.id);
  });

  it('GET /session issues a cookie and counts requests per session and per instance', async () => {
    const first = await getJson<{ session: string; count: number }>(`${a.url}/session`);
    const setCookie = first.res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(first.body.count).toBe(1);
    const cookie = setCookie.split(';')[0] ?? '';
    const second = await getJson<{ session: string; count: number }>(`${a.url}/session`, { headers: { cookie } });
    const third = await getJson<{ session: string; count: number }>(`${a.url}/session`, { headers: { cookie } });
    expect([second.body.count, third.body.count]).toEqual([2, 3]);
    expect(third.body.session).toBe(first.body.session);
    expect(second.res.headers.get('set-cookie')).toBeNull();
    const elsewhere = await getJson<{ count: number }>(`${b.url}/session`, { headers: { cookie } });
    expect(elsewhere.body.count).toBe(1);
  });

  it('GET /session replaces an invalid session cookie', async () => {
    const { res, body } = await getJson<{ session: string; count: number }>(`${a.url}/session`, {
      headers: { cookie: 'session=not%20valid' },
    });
    expect(body.count).toBe(1);
    expect(body.session).not.toBe('not%20valid');
    expect(res.headers.get('set-cookie')).toContain(`session=${body.session}`);
  });
});

describe('jokes-api failures', () => {
  it.each(['/', '/1', '/session'])('JOKES_FAIL_RATE=1 fails %s with a JSON 500, health stays up', async (path) => {
    const server = await listen(createApp({ failRate: 1 }));
    try {
      const { res, body } = await getJson<ErrorBody>(`${server.url}${path}`);
      expect(res.status).toBe(500);
      expect(body.error.code).toBe('JOKES_INJECTED_FAILURE');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('fails in proportion to the random draw', async () => {
    const draws = [0.1, 0.9, 0.4, 0.6];
    let i = 0;
    const server = await listen(createApp({ failRate: 0.5, random: () => draws[i++ % draws.length] ?? 0 }));
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 4; n += 1) statuses.push((await fetch(`${server.url}/1`)).status);
      expect(statuses).toEqual([500, 200, 500, 200]);
    } finally {
      await server.close();
    }
  });

  it('answers a delayed request normally', async () => {
    const server = await listen(createApp({ delayMs: 20 }));
    try {
      expect((await fetch(`${server.url}/?count=2`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('turns an unexpected error into an opaque JSON 500 and logs it', async () => {
    const logged: string[] = [];
    const broken = (): number => {
      throw new Error('secret detail');
    };
    const server = await listen(createApp({ random: broken, log: (m) => logged.push(m) }));
    try {
      const { res, body } = await getJson<ErrorBody>(`${server.url}/`);
      expect(res.status).toBe(500);
      expect(body.error).toEqual({ code: 'JOKES_INTERNAL', message: 'Internal server error' });
      expect(logged.join('\n')).toContain('secret detail');
    } finally {
      await server.close();
    }
  });
});
