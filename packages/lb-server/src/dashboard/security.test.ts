import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, PASSWORD, startDashboard, TOKEN, type TestDashboard } from '../../test/support/dashboard/dashboard-app';

const C = 'http://127.0.0.1:3';
const JSON_TYPE = { 'content-type': 'application/json' };
const drainBody = JSON.stringify({ service: 'app@file', server: C });

function drained(d: TestDashboard): boolean {
  const s = d.store.current.services.get('app@file');
  return s?.kind === 'loadBalancer' && s.balancer.servers().some((x) => x.id === C && x.draining);
}

describe('actions: authentication and cross-site protection', () => {
  let d: TestDashboard;
  beforeAll(async () => {
    d = await startDashboard();
  });
  afterAll(async () => d.close());

  const post = (headers: Record<string, string>, body = drainBody) =>
    fetch(`${d.base}/api/junction/servers/drain`, { method: 'POST', headers, body });

  it.each([
    { desc: 'no credentials', headers: JSON_TYPE, status: 401, code: 'DASH_UNAUTHORIZED' },
    {
      desc: 'a wrong password',
      headers: { ...JSON_TYPE, authorization: basic('admin', 'nope') },
      status: 401,
      code: 'DASH_UNAUTHORIZED',
    },
    {
      desc: 'an unknown user',
      headers: { ...JSON_TYPE, authorization: basic('mallory', PASSWORD) },
      status: 401,
      code: 'DASH_UNAUTHORIZED',
    },
    {
      desc: 'a wrong token',
      headers: { ...JSON_TYPE, authorization: 'Bearer not-the-token-at-all' },
      status: 401,
      code: 'DASH_UNAUTHORIZED',
    },
    {
      desc: 'a form content type',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic() },
      status: 415,
      code: 'DASH_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      desc: 'text/plain (a "simple" cross-site request)',
      headers: { 'content-type': 'text/plain', authorization: basic() },
      status: 415,
      code: 'DASH_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      desc: 'another Origin',
      headers: { ...JSON_TYPE, authorization: basic(), origin: 'http://evil.example' },
      status: 403,
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'a null Origin',
      headers: { ...JSON_TYPE, authorization: basic(), origin: 'null' },
      status: 403,
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'Sec-Fetch-Site: cross-site',
      headers: { ...JSON_TYPE, authorization: basic(), 'sec-fetch-site': 'cross-site' },
      status: 403,
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'Sec-Fetch-Site: same-site (a sibling subdomain)',
      headers: { ...JSON_TYPE, authorization: basic(), 'sec-fetch-site': 'same-site' },
      status: 403,
      code: 'DASH_CROSS_SITE',
    },
  ])('refuses $desc, changes nothing and audits it', async ({ headers, status, code }) => {
    const before = d.logger.lines.length;
    const res = await post(headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
    if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="junction"');
    expect(drained(d)).toBe(false);
    expect(d.logger.lines.slice(before)).toEqual([
      expect.objectContaining({
        level: 'warn',
        obj: expect.objectContaining({ audit: true, action: 'server.drain', outcome: 'refused', code }),
      }),
    ]);
  });

  it.each([
    { desc: 'a bcrypt user', authorization: basic('admin'), user: 'admin', origin: undefined },
    { desc: 'a SHA1 user, from the same origin', authorization: basic('viewer'), user: 'viewer', origin: 'same' },
    { desc: 'the bearer token', authorization: `Bearer ${TOKEN}`, user: 'token', origin: undefined },
  ])('accepts $desc and audits who did what', async ({ authorization, user, origin }) => {
    const headers: Record<string, string> = { ...JSON_TYPE, authorization };
    if (origin === 'same') Object.assign(headers, { origin: d.base, 'sec-fetch-site': 'same-origin' });
    const before = d.logger.lines.length;
    const res = await post(headers);
    expect(res.status).toBe(200);
    expect(drained(d)).toBe(true);
    expect(d.logger.lines.slice(before)).toEqual([
      {
        level: 'info',
        msg: 'dashboard action server.drain',
        obj: expect.objectContaining({
          audit: true,
          user,
          action: 'server.drain',
          target: { service: 'app@file', server: C },
          outcome: 'ok',
          ip: '127.0.0.1',
        }),
      },
    ]);
    const undo = await fetch(`${d.base}/api/junction/servers/undrain`, {
      method: 'POST',
      headers: { ...JSON_TYPE, authorization },
      body: drainBody,
    });
    expect(undo.status).toBe(200);
    expect(drained(d)).toBe(false);
  });

  it('answers the session check only with credentials', async () => {
    expect((await fetch(`${d.base}/api/junction/session`)).status).toBe(401);
    const res = await fetch(`${d.base}/api/junction/session`, { headers: { authorization: basic() } });
    expect(await res.json()).toEqual({ user: 'admin', method: 'basic' });
  });

  it('lets anyone view when insecure', async () => {
    expect((await fetch(`${d.base}/api/junction/state`)).status).toBe(200);
    expect((await fetch(`${d.base}/dashboard/`)).status).toBe(200);
  });
});

describe('viewing when not insecure', () => {
  let d: TestDashboard;
  beforeAll(async () => {
    d = await startDashboard({ insecure: false });
  });
  afterAll(async () => d.close());

  it.each(['/dashboard/', '/api/junction/state', '/api/junction/overrides'])(
    '%s needs credentials, with a Basic challenge',
    async (path) => {
      const res = await fetch(`${d.base}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="junction", charset="UTF-8"');
      expect((await fetch(`${d.base}${path}`, { headers: { authorization: basic() } })).status).toBe(200);
    },
  );
});

describe('without any credential configured', () => {
  let d: TestDashboard;
  beforeAll(async () => {
    d = await startDashboard({ credentials: false });
  });
  afterAll(async () => d.close());

  it('refuses every action, whatever is sent', async () => {
    const res = await fetch(`${d.base}/api/junction/servers/drain`, {
      method: 'POST',
      headers: { ...JSON_TYPE, authorization: basic() },
      body: drainBody,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'DASH_ACTIONS_DISABLED' });
    expect(drained(d)).toBe(false);
  });

  it('says so in the streamed state', async () => {
    const state = (await (await fetch(`${d.base}/api/junction/state`)).json()) as { access: unknown };
    expect(state.access).toEqual({ viewOpen: true, actions: false, methods: [], docker: false });
  });
});
