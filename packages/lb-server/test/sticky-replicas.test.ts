/**
 * Sticky cookies across Junctions that share nothing: two Junction apps (as two replicas of a
 * swarm service, each with its own providers) and a restarted one honour the cookie any of them
 * issued, because its value derives from the server's id alone. The second replica lists the
 * servers in another order under another strategy, and one server (same id) at another address,
 * as a recreated container would be: the cookie follows the id, not the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, send, startJunction, type TestJunction } from './helpers/junction';
import { startUpstreams, type Echo, type Upstream } from './helpers/upstreams';

const COOKIE = 'pin';
let ups: Upstream[];
let moved: Upstream[];
const junctions: TestJunction[] = [];
const http = client();

/** The dynamic configuration of one replica: servers `app/1..3` at `urls`, in that order. */
function config(servers: readonly { id: string; url: string }[], strategy: string): unknown {
  return {
    http: {
      routers: { app: { rule: 'Host(`app.local`)', service: 'app' } },
      services: { app: { loadBalancer: { strategy, servers, sticky: { cookie: { name: COOKIE } } } } },
    },
  };
}

const ids = ['app/1', 'app/2', 'app/3'];

beforeAll(async () => {
  ups = await startUpstreams(3);
  moved = await startUpstreams(1);
});

afterAll(async () => {
  await Promise.all(junctions.map((j) => j.close()));
  await Promise.all([...ups, ...moved].map((u) => u.close()));
  await http.close();
});

async function start(servers: readonly { id: string; url: string }[], strategy: string): Promise<TestJunction> {
  const junction = await startJunction(config(servers, strategy));
  junctions.push(junction);
  return junction;
}

async function get(
  junction: TestJunction,
  cookie?: string,
): Promise<{ upstream: string; setCookie: string | undefined }> {
  const res = await send(`${junction.url}/`, {
    headers: { host: 'app.local', ...(cookie === undefined ? {} : { cookie }) },
    dispatcher: http,
  });
  expect(res.status).toBe(200);
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : ([] as string[]).concat(raw);
  return { upstream: res.json<Echo>().id, setCookie: list.find((c) => c.startsWith(`${COOKIE}=`))?.split(';')[0] };
}

describe('sticky cookies across replicas and restarts', () => {
  it('a cookie issued by one replica pins on another and after a restart', async () => {
    const servers = ids.map((id, i) => ({ id, url: ups[i]!.url }));
    const first = await start(servers, 'wrr');
    // Replica two: other order, other strategy, and app/3 (same id) recreated at another address.
    const second = await start(
      [...servers].reverse().map((s) => (s.id === 'app/3' ? { ...s, url: moved[0]!.url } : s)),
      'p2c',
    );

    const issued = new Map<string, string>(); // upstream answering on `first` → its cookie
    for (let i = 0; i < 6; i++) {
      const { upstream, setCookie } = await get(first);
      expect(setCookie).toMatch(new RegExp(`^${COOKIE}=[0-9a-f]{16}$`));
      expect(setCookie).not.toContain('127.0.0.1');
      issued.set(upstream, setCookie!);
    }
    expect([...issued.keys()].sort()).toEqual(ups.map((u) => u.id).sort());

    const tally = { same: 0, moved: 0 };
    const byId = (upstream: string): string => ids[ups.findIndex((u) => u.id === upstream)]!;
    for (const [upstream, cookie] of issued) {
      // On the second replica the cookie names the same server id (app/3 now answers from `moved`).
      const expected = byId(upstream) === 'app/3' ? moved[0]!.id : upstream;
      for (let i = 0; i < 5; i++) {
        const answer = await get(second, cookie);
        tally[answer.upstream === expected ? 'same' : 'moved'] += 1;
        expect(answer.setCookie).toBeUndefined();
      }
    }
    console.log(`[sticky-replicas] cookies from replica 1 on replica 2: ${JSON.stringify(tally)}`);
    expect(tally.moved).toBe(0);

    await first.close();
    junctions.splice(junctions.indexOf(first), 1);
    const restarted = await start(servers, 'wrr');
    for (const [upstream, cookie] of issued) {
      for (let i = 0; i < 3; i++) expect((await get(restarted, cookie)).upstream).toBe(upstream);
    }
  });
});
