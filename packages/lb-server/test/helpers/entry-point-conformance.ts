/**
 * Set-up shared by the entry point's Traefik conformance tests (`conformance-entry-point.*.test.ts`):
 * upstreams that answer with what they saw of the request (JSON), two Junctions over the same
 * routers — the default entry point, and one with `http.sanitizePath=false` and
 * `http.encodeQuerySemicolons=true` — and one raw request sent to either.
 */
import { afterAll, beforeAll } from 'vitest';
import { pool, startJunction, type TestJunction } from './junction';
import { rawExchange } from './raw-exchange';
import { startUpstream, type Upstream } from './upstreams';

/** What an upstream saw, as it answers it (JSON body). */
export interface View {
  readonly name: string;
  readonly url: string;
  readonly host: string | undefined;
  readonly rawHeaders: readonly string[];
}

/** The two Junctions of the conformance tests and their upstreams. */
export interface ConformanceJunctions {
  readonly lb: TestJunction;
  readonly unsanitized: TestJunction;
  close(): Promise<void>;
}

/** Starts the recording upstreams and both Junctions (see module comment). */
export async function startConformanceJunctions(): Promise<ConformanceJunctions> {
  const upstreams: Upstream[] = [];
  async function recorder(name: string): Promise<Upstream> {
    const upstream = await startUpstream(name, (req, res) => {
      const view: View = { name, url: req.url ?? '', host: req.headers.host, rawHeaders: req.rawHeaders };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(view));
    });
    upstreams.push(upstream);
    return upstream;
  }
  const [rec, admin, xhost] = [await recorder('rec'), await recorder('admin'), await recorder('xhost')];
  const config = {
    http: {
      routers: {
        all: { rule: 'PathPrefix(`/`)', service: 'rec' },
        admin: { rule: 'PathPrefix(`/admin`)', service: 'admin' },
        spaced: { rule: 'Path(`/foo bar`)', service: 'admin' },
        multi: { rule: 'Header(`X-Multi`, `two`)', service: 'admin', priority: 1000 },
        xhost: { rule: 'Host(`x.example`)', service: 'xhost', priority: 500 },
        strip: { rule: 'PathPrefix(`/strip`)', service: 'rec', middlewares: ['strip'] },
        replace: { rule: 'PathPrefix(`/replace`)', service: 'rec', middlewares: ['replace'] },
      },
      middlewares: { strip: { stripPrefix: { prefixes: ['/strip'] } }, replace: { replacePath: { path: '/new' } } },
      services: { rec: pool([rec.url]), admin: pool([admin.url]), xhost: pool([xhost.url]) },
    },
  };
  const lb = await startJunction(config);
  const unsanitized = await startJunction(config, [
    '--entrypoints.web.http.sanitizePath=false',
    '--entrypoints.web.http.encodeQuerySemicolons=true',
  ]);
  return {
    lb,
    unsanitized,
    async close() {
      await lb.close();
      await unsanitized.close();
      for (const upstream of upstreams) await upstream.close();
    },
  };
}

/** Sends one raw request; returns the status and, when an upstream answered, what it saw. */
export async function exchange(
  port: number,
  head: string,
): Promise<{ status: number | undefined; view: View | undefined }> {
  const reply = await rawExchange(port, head, 800);
  const body = reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4);
  const status = reply.statuses[0];
  return { status, view: status === 200 ? (JSON.parse(body) as View) : undefined };
}

/** A GET of `target` on a connection closed after it; `extra` adds header lines. */
export const get = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: a.example\r\n${extra}Connection: close\r\n\r\n`;

/**
 * For a test file: starts both Junctions before its tests and closes them after; the Junctions
 * are read from the returned object once started.
 */
export function useConformanceJunctions(): Pick<ConformanceJunctions, 'lb' | 'unsanitized'> {
  let junctions: ConformanceJunctions | undefined;
  beforeAll(async () => {
    junctions = await startConformanceJunctions();
  });
  afterAll(async () => {
    await junctions?.close();
  });
  const started = (): ConformanceJunctions => {
    if (junctions === undefined) throw new Error('the conformance Junctions are not started yet');
    return junctions;
  };
  return {
    get lb() {
      return started().lb;
    },
    get unsanitized() {
      return started().unsanitized;
    },
  };
}
