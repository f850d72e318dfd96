/**
 * Checks shared by the tests that run one of the demo's configurations in a real Junction (the
 * compose files, the file-provider example, the swarm stack): the jokes API behind
 * `demo.res.ch/api/jokes/`, prefix stripped and balanced round-robin.
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
