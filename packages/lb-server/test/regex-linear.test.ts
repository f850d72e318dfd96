/**
 * Regular expressions from configuration cannot stall Junction: the real `lb-server` process, fed
 * by the file provider, with routers and middlewares whose patterns make a backtracking engine run
 * for ages (``PathRegexp(`^/(a+)+$`)`` took the whole process down on a 31-character path before
 * re2js), next to an ordinary router. Each hostile request is answered as Traefik would, the
 * ordinary route answers right after, and SIGTERM still stops the process. Junction runs as a child
 * process so that a stall fails the test (request timeout) instead of freezing the test runner.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './helpers/junction';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstream, type Echo, type Upstream } from './helpers/upstreams';

/** A stalled Junction answers nothing: give up on a request after this long. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Hostile lengths: the 31 characters that stalled the old engine, and a long request line. */
const SIZES = [31, 8_000] as const;

let dir: string;
let up: Upstream;
let lb: LbProcess;
const http = new Agent({ headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: 1000 });

/** A router; those with middlewares outrank the PathRegexp router (longer rule), as their paths may match it. */
const router = (rule: string, middlewares: readonly string[] = []): Record<string, unknown> => ({
  rule,
  service: 'app',
  middlewares,
  ...(middlewares.length > 0 ? { priority: 100 } : {}),
});

function dynamicConfig(upstream: string): unknown {
  return {
    http: {
      routers: {
        ordinary: router('Host(`ok.local`)'),
        pathRegexp: router('PathRegexp(`^/(a+)+$`)'),
        hostRegexp: router('HostRegexp(`^(a|aa)+\\.h\\.local$`)'),
        headerRegexp: router('HeaderRegexp(`X-Token`, `^(\\w+\\s?)*$`)'),
        strip: router('Host(`strip.local`)', ['strip']),
        replace: router('Host(`replace.local`)', ['replace']),
        redirect: router('Host(`redirect.local`)', ['redirect']),
      },
      middlewares: {
        strip: { stripPrefixRegex: { regex: ['^/(a|aa)+/', '^/(a+)+$'] } },
        replace: { replacePathRegex: { regex: '^/(a+)+$', replacement: '/replaced' } },
        redirect: {
          redirectRegex: { regex: '^http://redirect\\.local(:[0-9]+)?/(a+)+$', replacement: 'http://elsewhere.local/' },
        },
      },
      services: { app: { loadBalancer: { servers: [{ url: upstream }] } } },
    },
  };
}

async function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; location: unknown; echo: Echo | undefined }> {
  const res = await send(`${lb.web}${path}`, { headers, dispatcher: http });
  const echo =
    res.headers['content-type'] === 'application/json' && res.headers['x-upstream'] !== undefined
      ? res.json<Echo>()
      : undefined;
  return { status: res.status, location: res.headers.location, echo };
}

/** The ordinary router answers, served by the upstream. */
async function expectOrdinaryAnswers(): Promise<void> {
  const res = await get('/hello', { host: 'ok.local' });
  expect(res.status).toBe(200);
  expect(res.echo?.url).toBe('/hello');
}

beforeAll(async () => {
  [dir, up] = await Promise.all([mkdtemp(join(tmpdir(), 'junction-regex-')), startUpstream('app')]);
  const file = join(dir, 'dynamic.yml');
  await writeFile(file, JSON.stringify(dynamicConfig(up.url), null, 2));
  lb = await startLbProcess([`--providers.file.filename=${file}`, '--providers.providersThrottleDuration=0s']);
  await until(
    async () => ((await get('/hello', { host: 'ok.local' })).status === 200 ? true : undefined),
    "the file provider's routes",
  );
}, 60_000);

afterAll(async () => {
  lb?.kill();
  await Promise.all([
    up?.close(),
    http.close(),
    dir === undefined ? undefined : rm(dir, { recursive: true, force: true }),
  ]);
});

describe.each(SIZES)('hostile requests of %i characters', (size) => {
  const path = `/${'a'.repeat(size - 2)}!`;
  const friendly = `/${'a'.repeat(size - 1)}`;

  it('PathRegexp(`^/(a+)+$`): a hostile path gets 404, a matching one is routed', async () => {
    expect((await get(path, { host: 'nowhere.local' })).status).toBe(404);
    await expectOrdinaryAnswers();
    expect((await get(friendly, { host: 'nowhere.local' })).echo?.url).toBe(friendly);
  }, 30_000);

  it('HostRegexp(`^(a|aa)+\\.h\\.local$`): a hostile host gets 404, a matching one is routed', async () => {
    const as = 'a'.repeat(Math.min(size, 250));
    expect((await get('/', { host: `${as}!.h.local` })).status).toBe(404);
    await expectOrdinaryAnswers();
    expect((await get('/', { host: `${as}.h.local` })).status).toBe(200);
  }, 30_000);

  it('HeaderRegexp(`X-Token`, `^(\\w+\\s?)*$`): a hostile header gets 404, a matching one is routed', async () => {
    expect((await get('/', { host: 'nowhere.local', 'x-token': `${'a'.repeat(size - 1)}!` })).status).toBe(404);
    await expectOrdinaryAnswers();
    expect((await get('/', { host: 'nowhere.local', 'x-token': 'ab cd' })).status).toBe(200);
  }, 30_000);

  it('stripPrefixRegex: a hostile path goes upstream unchanged; a matching prefix is stripped', async () => {
    expect((await get(path, { host: 'strip.local' })).echo?.url).toBe(path);
    await expectOrdinaryAnswers();
    const stripped = await get('/aaa/rest', { host: 'strip.local' });
    expect(stripped.echo?.url).toBe('/rest');
    expect(stripped.echo?.headers['x-forwarded-prefix']).toBe('/aaa/');
  }, 30_000);

  it('replacePathRegex: a hostile path goes upstream unchanged; a matching one is replaced', async () => {
    expect((await get(path, { host: 'replace.local' })).echo?.url).toBe(path);
    await expectOrdinaryAnswers();
    const replaced = await get(friendly, { host: 'replace.local' });
    expect(replaced.echo?.url).toBe('/replaced');
    expect(replaced.echo?.headers['x-replaced-path']).toBe(friendly);
  }, 30_000);

  it('redirectRegex: a hostile URL is proxied, a matching one redirected (302)', async () => {
    expect((await get(path, { host: 'redirect.local' })).echo?.url).toBe(path);
    await expectOrdinaryAnswers();
    expect(await get(friendly, { host: 'redirect.local' })).toMatchObject({
      status: 302,
      location: 'http://elsewhere.local/',
    });
  }, 30_000);
});

describe('after the hostile requests', () => {
  it('SIGTERM still stops Junction cleanly', async () => {
    await expectOrdinaryAnswers();
    expect(await lb.stop()).toBe(0);
  }, 30_000);
});
