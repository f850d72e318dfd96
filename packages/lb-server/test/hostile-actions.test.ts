/**
 * Action authentication, enumerated: every state-changing route the dashboard plugin registers
 * (read from Fastify's own route table, so an action added later is covered without editing this
 * file) refuses a request without credentials, with wrong ones, and cross-site or form-encoded
 * ones with good credentials — before its body is even validated — and audits the refusal. With
 * viewing protected, every read route needs credentials too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startDashboard, TOKEN, type TestDashboard } from './support/dashboard/dashboard-app';

/**
 * `[method, path]` of every route for `methods`, URL parameters filled with `x`. Fastify prints
 * a route below another as a child line holding only the rest of the path, one indent deeper.
 */
function routes(d: TestDashboard, methods: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const method of methods) {
    const stack: string[] = [];
    for (const line of d.app.printRoutes({ method: method as 'GET', commonPrefix: false }).split('\n')) {
      const m = /^([\s│├└─]*?)(\/\S*) \(([A-Z, ]+)\)/.exec(line);
      if (m === null) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      const path = (stack.at(-1) ?? '') + m[2]!;
      stack.push(path);
      if (m[3]!.split(', ').includes(method)) out.push([method, path.replace(/:\w+/g, 'x')]);
    }
  }
  return out;
}

describe('every action refuses what it must', () => {
  let d: TestDashboard;
  let actions: [string, string][];
  beforeAll(async () => {
    d = await startDashboard();
    actions = routes(d, ['POST', 'PUT', 'PATCH', 'DELETE']);
  });
  afterAll(async () => d.close());

  it('finds the actions to probe', () => {
    expect(actions.length).toBeGreaterThanOrEqual(10);
    expect(actions).toContainEqual(['POST', '/api/junction/servers/drain']);
    expect(actions).toContainEqual(['DELETE', '/api/junction/containers/x']);
  });

  const attempts = [
    { desc: 'no credentials', headers: { 'content-type': 'application/json' }, status: 401 },
    {
      desc: 'a wrong token',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-0123456789' },
      status: 401,
    },
    {
      desc: 'a wrong password',
      headers: { 'content-type': 'application/json', authorization: basic('admin', 'guess') },
      status: 401,
    },
    {
      desc: 'malformed Basic',
      headers: { 'content-type': 'application/json', authorization: 'Basic %%%' },
      status: 401,
    },
    {
      desc: 'a good token from another site',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' },
      status: 403,
    },
    {
      desc: 'a good token in a form post',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TOKEN}` },
      status: 415,
    },
  ];

  for (const { desc, headers, status } of attempts) {
    it(`refuses ${desc} on every action, and audits it`, async () => {
      const answers: string[] = [];
      for (const [method, path] of actions) {
        const before = d.logger.lines.length;
        const res = await fetch(`${d.base}${path}`, { method, headers, body: '{"service":"app@file","server":"x"}' });
        answers.push(`${method} ${path} ${res.status}`);
        const refusal = d.logger.lines.slice(before).find((l) => l.obj['outcome'] === 'refused');
        if (refusal === undefined) answers.push(`${method} ${path} not audited`);
      }
      expect(answers).toEqual(actions.map(([method, path]) => `${method} ${path} ${status}`));
    });
  }
});

describe('protected viewing', () => {
  let d: TestDashboard;
  beforeAll(async () => {
    d = await startDashboard({ insecure: false });
  });
  afterAll(async () => d.close());

  it('every read route needs credentials', async () => {
    const reads = routes(d, ['GET']).filter(([, path]) => path !== '/');
    expect(reads).toContainEqual(['GET', '/api/junction/containers/x/logs']);
    const statuses = await Promise.all(
      reads.map(async ([, path]) => {
        const res = await fetch(`${d.base}${path}`);
        await res.body?.cancel();
        return `${path} ${res.status}`;
      }),
    );
    expect(statuses).toEqual(reads.map(([, path]) => `${path} 401`));
  });
});
