import { describe, expect, it } from 'vitest';
import { serve } from '../../test/helpers/http-client';
import { pingPlugin } from './ping-plugin';

describe('pingPlugin', () => {
  it('answers 200 OK, then 503 Service Unavailable once shutting down', async () => {
    let shuttingDown = false;
    const server = await serve(pingPlugin, { shuttingDown: () => shuttingDown });
    try {
      const up = await server.fetch('/ping');
      expect([up.status, up.text, up.headers.get('content-type')]).toEqual([200, 'OK', 'text/plain; charset=utf-8']);
      shuttingDown = true;
      const down = await server.fetch('/ping');
      expect([down.status, down.text]).toEqual([503, 'Service Unavailable']);
    } finally {
      await server.close();
    }
  });

  it.each([
    { desc: 'HEAD while running', method: 'HEAD', shuttingDown: false, code: undefined, status: 200, body: '' },
    { desc: 'HEAD while shutting down', method: 'HEAD', shuttingDown: true, code: undefined, status: 503, body: '' },
    {
      desc: 'a custom terminating status code',
      method: 'GET',
      shuttingDown: true,
      code: 500,
      status: 500,
      body: 'Internal Server Error',
    },
    { desc: 'a custom code before shutdown', method: 'GET', shuttingDown: false, code: 500, status: 200, body: 'OK' },
  ])('answers $status for $desc', async ({ method, shuttingDown, code, status, body }) => {
    const server = await serve(pingPlugin, { shuttingDown: () => shuttingDown, terminatingStatusCode: code });
    try {
      const res = await server.fetch('/ping', { method });
      expect(res.status).toBe(status);
      expect(res.text).toBe(body);
    } finally {
      await server.close();
    }
  });

  it('serves another path when asked to', async () => {
    const server = await serve(pingPlugin, { shuttingDown: () => false, path: '/healthz' });
    try {
      expect((await server.fetch('/healthz')).text).toBe('OK');
      expect((await server.fetch('/ping')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
