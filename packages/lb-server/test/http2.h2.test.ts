/**
 * HTTP/2 clients end to end on a TLS entry point (loopback, the generated default certificate):
 * curl `--http2` and Node's `http2` client negotiating `h2` by ALPN (the default list) — the same
 * router, sticky cookie, forwarded headers, request body streaming (`Expect: 100-continue`
 * included) and error answers as HTTP/1.1, an HTTP/1.1 upstream's trailers relayed, a client's
 * RST_STREAM aborting the upstream request (logged 499). The lab: `helpers/http2-lab.ts`; HTTP/1.1
 * on the same listener: `http2.http1.test.ts`; the h2c upstream side: `h2c-upstream.test.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { h2request } from './helpers/h2';
import { lb, logged, session, slow, slowAborted, useHttp2Lab } from './helpers/http2-lab';
import type { Echo } from './helpers/upstreams';

const run = promisify(execFile);

useHttp2Lab();

describe('HTTP/2 on a TLS entry point', () => {
  it('curl --http2 negotiates h2 and reaches the router on :authority', async () => {
    const { stdout } = await run('curl', [
      '-sk',
      '--http2',
      '--resolve',
      `app.local:${lb.port}:127.0.0.1`,
      '-w',
      '\n%{http_version} %{http_code}',
      `https://app.local:${lb.port}/x?y=1`,
    ]);
    const [body, status] = stdout.split('\n');
    expect(status).toBe('2 200');
    const echo = JSON.parse(body ?? '') as Echo;
    expect(echo.url).toBe('/x?y=1');
    expect(echo.headers.host).toBe(`app.local:${lb.port}`);
    expect(echo.headers['x-forwarded-host']).toBe(`app.local:${lb.port}`);
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(Object.keys(echo.headers).filter((name) => name.startsWith(':'))).toEqual([]);
  });

  it("announces Traefik's default of 250 concurrent streams per connection", async () => {
    const client = session();
    try {
      const settings = await new Promise<http2.Settings>((resolve) => client.once('remoteSettings', resolve));
      expect(settings.maxConcurrentStreams).toBe(250);
    } finally {
      client.close();
    }
  });

  it('curl --http2 uploads a large body with Expect: 100-continue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-h2-'));
    try {
      const file = join(dir, 'body.bin');
      writeFileSync(file, Buffer.alloc(3 << 20, 7));
      const { stdout } = await run('curl', [
        '-sk',
        '--http2',
        '-H',
        'Expect: 100-continue',
        '-H',
        'content-type: application/octet-stream',
        '--data-binary',
        `@${file}`,
        '--resolve',
        `app.local:${lb.port}:127.0.0.1`,
        '-w',
        '\n%{http_version} %{http_code}',
        `https://app.local:${lb.port}/upload`,
      ]);
      const [body, status] = stdout.split('\n');
      expect(status).toBe('2 200');
      const echo = JSON.parse(body ?? '') as Echo & { bytes: number };
      expect(echo.bytes).toBe(3 << 20);
      expect(echo.headers.expect).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers its own errors over h2 (no route: 404)', async () => {
    const s = session();
    try {
      const answer = await h2request(s, { ':path': '/', ':authority': 'nobody.local' });
      expect(answer.headers[':status']).toBe(404);
      expect(answer.headers['content-type']).toMatch(/json/);
      expect(answer.text).toContain('LB_NO_ROUTE');
    } finally {
      s.close();
    }
  });

  it('relays a chunked HTTP/1.1 answer and its trailers to an h2 client', async () => {
    const s = session();
    try {
      const answer = await h2request(s, { ':path': '/chunked', ':authority': 'app.local' });
      expect(answer.headers[':status']).toBe(200);
      expect(answer.text).toBe('part1part2');
      expect(answer.trailers?.['x-checksum']).toBe('abc');
      expect(
        Object.keys(answer.trailers ?? {}).filter((name) => ['keep-alive', 'proxy-connection'].includes(name)),
      ).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("drops a middleware's connection-specific response header for h2 clients", async () => {
    const s = session();
    try {
      const answer = await h2request(s, { ':path': '/', ':authority': 'hop.local' });
      expect(answer.headers[':status']).toBe(200);
      expect(answer.headers['x-kept']).toBe('yes');
      expect(answer.headers['keep-alive']).toBeUndefined();
    } finally {
      s.close();
    }
  });

  it('serves concurrent streams of one session, bodies streamed upstream', async () => {
    const s = session();
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h2request(
            s,
            {
              ':method': 'POST',
              ':path': `/n/${i}`,
              ':authority': 'app.local',
            },
            'x'.repeat(1000 * (i + 1)),
          ),
        ),
      );
      answers.forEach((answer, i) => {
        expect(answer.headers[':status']).toBe(200);
        const echo = JSON.parse(answer.text) as Echo & { bytes: number };
        expect(echo.url).toBe(`/n/${i}`);
        expect(echo.bytes).toBe(1000 * (i + 1));
        expect(echo.headers.host).toBe('app.local');
      });
      expect(answers[0]?.headers.connection).toBeUndefined();
    } finally {
      s.close();
    }
  });

  it('sets the sticky cookie on an h2 answer and pins later streams', async () => {
    const s = session();
    try {
      const first = await h2request(s, { ':path': '/', ':authority': 'sticky.local' });
      const cookie = ([] as string[])
        .concat(first.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('lb_pin='))
        ?.split(';')[0];
      expect(cookie).toMatch(/^lb_pin=/);
      const id = (JSON.parse(first.text) as Echo).id;
      for (let i = 0; i < 4; i++) {
        const next = await h2request(s, { ':path': '/', ':authority': 'sticky.local', cookie: cookie ?? '' });
        expect((JSON.parse(next.text) as Echo).id).toBe(id);
      }
    } finally {
      s.close();
    }
  });

  it('a client RST_STREAM aborts the upstream request', async () => {
    const s = session();
    try {
      const stream = s.request({ ':path': '/hang', ':authority': 'slow.local' });
      stream.on('error', () => undefined);
      await expect.poll(() => slow.hits(), { timeout: 5000 }).toBe(1);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await expect.poll(() => slowAborted, { timeout: 5000 }).toBe(1);
      await expect.poll(() => logged('slow.local').map((e) => e.DownstreamStatus), { timeout: 5000 }).toEqual([499]);
    } finally {
      s.close();
    }
  });
});
