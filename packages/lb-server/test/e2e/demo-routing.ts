/**
 * Checks shared by the tests that run one of the demo's configurations in a real Junction (the
 * compose files, the file-provider example, the swarm stack): the jokes API behind
 * `demo.res.ch/api/jokes/`, prefix stripped and balanced round-robin; the static site behind
 * `demo.res.ch/`, sticky.
 */
import { expect } from 'vitest';
import { client, send } from '../helpers/junction';
import type { Echo, Upstream } from '../helpers/upstreams';

/**
 * Six requests to `/api/jokes/…` through `url`: each reaches an API upstream with the prefix
 * stripped and sets no cookie, the first three reach `apis` once each, the next three repeat them.
 */
export async function expectJokesRoundRobin(url: string, apis: readonly Upstream[]): Promise<void> {
  const agent = client();
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    const answer = await send(`${url}/api/jokes/${i === 0 ? '' : String(i)}`, {
      headers: { host: 'demo.res.ch' },
      dispatcher: agent,
    });
    const echo = answer.json<Echo>();
    expect(echo.url).toBe(i === 0 ? '/' : `/${i}`);
    expect(answer.headers['set-cookie']).toBeUndefined();
    seen.push(echo.id);
  }
  await agent.close();
  expect(seen.slice(0, 3).sort()).toEqual(apis.map((u) => u.id));
  expect(seen.slice(3)).toEqual(seen.slice(0, 3));
}

/**
 * A request to `/` through `url` reaches one of `statics`; ten more with the cookie it set reach
 * the same one. Returns which one (its index in `statics`) and the cookie (`name=value`).
 */
export async function expectStickySite(
  url: string,
  statics: readonly Upstream[],
): Promise<{ index: number; cookie: string }> {
  const host = { host: 'demo.res.ch' };
  const agent = client();
  const first = await send(`${url}/`, { headers: host, dispatcher: agent });
  const who = String(first.headers['x-upstream']);
  const index = statics.findIndex((u) => u.id === who);
  expect(index).toBeGreaterThanOrEqual(0);
  const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
  for (let i = 0; i < 10; i++)
    expect((await send(`${url}/`, { headers: { ...host, cookie }, dispatcher: agent })).headers['x-upstream']).toBe(
      who,
    );
  await agent.close();
  return { index, cookie };
}
