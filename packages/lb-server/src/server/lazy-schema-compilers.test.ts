/**
 * `lazySchemaCompilers` against Fastify's default compilers, on real instances over loopback HTTP:
 * the same answers (status and body) for bad and good bodies, querystrings and params, the same
 * coercion (also of a root value, which needs Ajv's `schemaEnv`), the same response
 * serialization; and, in a fresh process as `main.idle.test.ts` does, that an instance with the
 * lazy factory has loaded neither Ajv nor fast-json-stringify once ready, and has after its first
 * validated request (the same check on a default instance shows it would see them).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from './lazy-schema-compilers';

const apps: FastifyInstance[] = [];
afterAll(async () => Promise.all(apps.map((app) => app.close())));

const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 8 }, count: { type: 'integer', minimum: 1 } },
} as const;

/** The same routes on a default or a lazy instance; resolves to its base URL. */
async function serve(lazy: boolean): Promise<string> {
  const app = fastify(lazy ? { schemaController: { compilersFactory: lazySchemaCompilers() } } : {});
  apps.push(app);
  app.post('/things/:id', {
    schema: {
      body: BODY,
      params: { type: 'object', properties: { id: { type: 'integer' } } },
      querystring: { type: 'object', properties: { dry: { type: 'boolean' } } },
    },
    handler: async (request) => ({ body: request.body, params: request.params, query: request.query }),
  });
  app.post('/root', { schema: { body: { type: 'integer' } } }, async (request) => ({
    value: request.body,
    type: typeof request.body,
  }));
  app.get(
    '/shaped',
    { schema: { response: { 200: { type: 'object', properties: { kept: { type: 'string' } } } } } },
    async () => ({ kept: 1, dropped: 'x' }),
  );
  return app.listen({ host: '127.0.0.1', port: 0 });
}

const REQUESTS: readonly (readonly [method: string, path: string, body?: string])[] = [
  ['POST', '/things/7?dry=true', '{"name":"ok","count":"3","extra":1}'],
  ['POST', '/things/7', '{"name":""}'],
  ['POST', '/things/7', '{"count":2}'],
  ['POST', '/things/7', '{"name":"ok","count":0}'],
  ['POST', '/things/7', '[1]'],
  ['POST', '/things/seven', '{"name":"ok"}'],
  ['POST', '/things/7?dry=perhaps', '{"name":"ok"}'],
  ['POST', '/root', '"5"'],
  ['POST', '/root', '"five"'],
  ['GET', '/shaped'],
];

async function answers(base: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [method, path, body] of REQUESTS) {
    const response = await fetch(base + path, {
      method,
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    out.push({ request: `${method} ${path} ${body ?? ''}`, status: response.status, body: await response.json() });
  }
  return out;
}

describe('lazySchemaCompilers', () => {
  it('answers every request exactly as Fastify’s default compilers do', async () => {
    const [byDefault, byLazy] = await Promise.all([serve(false), serve(true)]);
    const expected = await answers(byDefault);
    expect(await answers(byLazy)).toEqual(expected);
    // The requests cover what they should: a coerced good body, 400s with Ajv's messages, a
    // coerced root value, a serialized response.
    expect(expected[0]).toMatchObject({ status: 200, body: { body: { name: 'ok', count: 3 }, params: { id: 7 } } });
    expect(expected[1]).toMatchObject({
      status: 400,
      body: { code: 'FST_ERR_VALIDATION', message: 'body/name must NOT have fewer than 1 characters' },
    });
    expect(expected[7]).toMatchObject({ status: 200, body: { value: 5, type: 'number' } });
    expect(expected[9]).toMatchObject({ status: 200, body: { kept: '1' } });
  });

  it('refuses a headers schema at ready(), which Fastify would treat differently', async () => {
    const app = fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
    app.get('/', { schema: { headers: { type: 'object', required: ['X-Key'] } } }, async () => 'ok');
    await expect(app.ready()).rejects.toThrow(/headers schemas need Fastify/);
  });
});

const SOURCE = fileURLToPath(new URL('./lazy-schema-compilers.ts', import.meta.url));

/** In a fresh process: which compiler packages are loaded once ready, and after one bad body. */
const SCRIPT = `
import { createRequire } from 'node:module';
import fastify from 'fastify';
const { lazySchemaCompilers } = await import(${JSON.stringify(SOURCE)});
const { request } = process.getBuiltinModule('node:http');
const lazy = process.argv.at(-1) === 'lazy';
const app = fastify(lazy ? { schemaController: { compilersFactory: lazySchemaCompilers() } } : {});
app.post('/', { schema: { body: { type: 'object', required: ['name'] } } }, async () => 'ok');
const cache = createRequire(import.meta.url).cache;
// Package entries: Fastify's error serializer alone loads fast-json-stringify/lib/serializer.js.
const loaded = () => ['@fastify/ajv-compiler/index.js', 'ajv/dist/ajv.js', 'fast-json-stringify/index.js'].filter(
  (entry) => Object.keys(cache).some((path) => path.endsWith('/node_modules/' + entry)));
await app.listen({ host: '127.0.0.1', port: 0 });
const ready = loaded();
const { port } = app.server.address();
const status = await new Promise((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json' } },
    (res) => { res.resume(); resolve(res.statusCode); });
  req.on('error', reject);
  req.end('{}');
});
console.log(JSON.stringify({ ready, status, after: loaded() }));
await app.close();
`;

async function probe(mode: 'lazy' | 'default'): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=junction-source', '--import', 'tsx', '--input-type=module', '-e', SCRIPT, mode],
    { timeout: 30_000, cwd: fileURLToPath(new URL('.', import.meta.url)) },
  );
  return JSON.parse(stdout.trim());
}

describe('an instance with lazySchemaCompilers, in a fresh process', () => {
  it('loads Ajv only when a validated request comes, and fast-json-stringify not at all', async () => {
    const [lazy, byDefault] = await Promise.all([probe('lazy'), probe('default')]);
    const all = ['@fastify/ajv-compiler/index.js', 'ajv/dist/ajv.js', 'fast-json-stringify/index.js'];
    expect(byDefault).toEqual({ ready: all, status: 400, after: all });
    expect(lazy).toEqual({ ready: [], status: 400, after: all.slice(0, 2) });
  }, 40_000);
});
