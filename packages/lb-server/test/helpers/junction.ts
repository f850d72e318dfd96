/**
 * Test support: a real Junction on 127.0.0.1 (port 0) built with `buildApp`, its `web` entry
 * point listening, fed dynamic configuration the way the file provider does (lb-core validation
 * under provider `file`, then merge), and an undici client that can set any Host header.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import type { AddressInfo } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { expect } from 'vitest';
import { buildApp, type AppOptions, type JunctionApp } from '../../src/app';
import { parseStaticOptions } from '../../src/options';
import type { Runtime } from '../../src/runtime/runtime';

/** A running Junction. */
export interface TestJunction {
  readonly app: JunctionApp;
  /** `http://127.0.0.1:<port>` of the `web` entry point. */
  readonly url: string;
  readonly port: number;
  /** Validates `raw` as the file provider would and publishes it. */
  apply(raw: unknown): Runtime;
  close(): Promise<void>;
}

/** Starts Junction with extra static flags (e.g. `--entrypoints.web.forwardedHeaders.trustedIPs=…`). */
export async function startJunction(
  raw: unknown,
  flags: readonly string[] = [],
  extra: Partial<AppOptions> = {},
): Promise<TestJunction> {
  const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=FATAL', ...flags], {});
  const app = buildApp({ options, serverName: 'junction-test', ...extra });
  const apply = (input: unknown): Runtime => {
    const { config, errors } = validateDynamicConfig(input, { provider: 'file' });
    return app.store.apply(
      mergeConfigs({ file: config }),
      errors.map((e) => ({ ...e, provider: 'file' })),
    );
  };
  apply(raw);
  const web = app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  await web.listen({ host: '127.0.0.1', port: 0 });
  const { port } = web.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, port, apply, close: () => app.close() };
}

/** A client with its own connection pool. */
export function client(): Agent {
  return new Agent({ keepAliveTimeout: 1000 });
}

/** The answer of one request. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = unknown>(): T;
}

/** Sends one request and reads the whole answer. */
export async function send(
  url: string,
  options: {
    method?: Dispatcher.HttpMethod;
    headers?: Record<string, string>;
    body?: string;
    dispatcher?: Dispatcher;
  } = {},
): Promise<Answer> {
  const res = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** Sends `n` GETs to `url` over one pool, each expected to answer 200; their `x-upstream` ids in order. */
export async function upstreamIds(url: string, n: number): Promise<string[]> {
  const http = client();
  const ids: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const res = await send(url, { dispatcher: http });
      expect(res.status).toBe(200);
      ids.push(String(res.headers['x-upstream']));
    }
  } finally {
    await http.close();
  }
  return ids;
}

/** A `loadBalancer` service over `urls`. */
export function pool(urls: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { loadBalancer: { servers: urls.map((url) => ({ url })), ...extra } };
}
