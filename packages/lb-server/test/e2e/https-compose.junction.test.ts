/**
 * `docker/docker-compose.https.yml`'s labels, without Docker and without the Internet: the
 * services' labels through the Docker provider's own translation into routers that a real
 * Junction runs as TLS routers with the domains ACME would order; Junction's web entry point
 * redirecting to HTTPS; and, with a certificate from a throwaway CA standing in for the one Let's
 * Encrypt would issue, HTTPS on websecure reaching the static site (a Secure sticky cookie) and
 * the stripped API. The file and the proxy's command: https-compose.file.test.ts.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type JunctionApp } from '../../src/app';
import { parseStaticOptions } from '../../src/options';
import { send } from '../helpers/junction';
import { createTestCa, type TestCa } from '../helpers/test-ca';
import { httpsGet } from '../helpers/tls-client';
import { startUpstream, type Echo, type Upstream } from '../helpers/upstreams';
import { composeFile, dynamicConfig, proxyCommand } from './https-compose-file';

describe('the labels in a real Junction', () => {
  let app: JunctionApp;
  let ca: TestCa;
  let upstreams: Record<'static' | 'dynamic', Upstream>;
  let web = '';
  let websecure = 0;

  async function listen(name: string): Promise<number> {
    const entry = app.entryPoints.get(name);
    if (entry === undefined) throw new Error(`no ${name} entry point`);
    await entry.listen({ host: '127.0.0.1', port: 0 });
    return (entry.server.address() as AddressInfo).port;
  }

  beforeAll(async () => {
    ca = createTestCa();
    upstreams = { static: await startUpstream('static-1'), dynamic: await startUpstream('dynamic-1') };
    const doc = composeFile();
    app = buildApp({
      options: parseStaticOptions([...proxyCommand(doc), '--log.level=FATAL'], {}),
      serverName: 'junction-test',
    });
    const { config, errors } = validateDynamicConfig(dynamicConfig(doc, upstreams), { provider: 'docker' });
    expect(errors).toEqual([]);
    app.store.apply(mergeConfigs({ docker: config }), []);
    // What resolver le would put in the store once Let's Encrypt issued demo.res.ch.
    const issued = ca.issue(['demo.res.ch']);
    (await app.certificates()).replace('acme:le', [
      { id: 'acme:le:demo.res.ch', source: 'acme', resolver: 'le', expectedNames: ['demo.res.ch'], ...issued },
    ]);
    web = `http://127.0.0.1:${await listen('web')}`;
    websecure = await listen('websecure');
  });
  afterAll(async () => {
    await app.close();
    await Promise.all(Object.values(upstreams).map((u) => u.close()));
    ca.dispose();
  });

  it('routes the static site and the API as TLS routers on websecure only', () => {
    // The labels' routers (Junction adds its own @internal one for the redirect).
    const routers = [...app.store.current.routers.values()].filter(
      (r) => r.status === 'enabled' && r.serviceName.endsWith('@docker'),
    );
    expect(routers.map((r) => r.serviceName.replace(/@.*/, '')).sort()).toEqual(['dynamic', 'static']);
    for (const r of routers) {
      expect(r.entryPoints).toEqual(['websecure']);
      expect(r.tls).toMatchObject({ certResolver: 'le' });
    }
  });

  it('asks resolver le for DOMAIN (default demo.res.ch), one certificate per host', () => {
    const wanted = app.store.current.tlsRouters.map((t) => ({
      router: t.router.replace(/@.*/, ''),
      certResolver: t.certResolver,
      domains: t.domains,
    }));
    expect(wanted.sort((a, b) => a.router.localeCompare(b.router))).toEqual([
      { router: 'dynamic', certResolver: 'le', domains: [{ main: 'demo.res.ch', sans: [] }] },
      { router: 'static', certResolver: 'le', domains: [{ main: 'demo.res.ch', sans: [] }] },
    ]);
  });

  it("a user's DOMAIN reaches the rules", () => {
    const config = dynamicConfig(composeFile({ DOMAIN: 'demo.example.org' })) as {
      http: { routers: Record<string, { rule: string }> };
    };
    expect(
      Object.values(config.http.routers)
        .map((r) => r.rule)
        .sort(),
    ).toEqual(['Host(`demo.example.org`)', 'Host(`demo.example.org`) && PathPrefix(`/api/jokes/`)']);
  });

  it('plain HTTP on web is redirected to https://DOMAIN/ with the path kept', async () => {
    const answer = await send(`${web}/api/jokes/?n=1`, { headers: { host: 'demo.res.ch' } });
    expect(answer.status).toBe(301); // permanent (Traefik: 308 for methods other than GET/HEAD)
    expect(answer.headers.location).toBe('https://demo.res.ch/api/jokes/?n=1');
  });

  it("HTTPS on websecure serves demo.res.ch's certificate and reaches the static site with a Secure sticky cookie", async () => {
    const answer = await httpsGet(websecure, 'demo.res.ch', '/', { ca: ca.caPem });
    expect(answer.status).toBe(200);
    expect(answer.cert.cn).toBe('demo.res.ch');
    const echo = JSON.parse(answer.text) as Echo;
    expect(echo.id).toBe('static-1');
    expect(echo.headers['x-forwarded-proto']).toBe('https');
    expect(String(answer.headers['set-cookie'])).toMatch(/; Secure/i);
  });

  it('HTTPS on websecure reaches the API with /api/jokes/ stripped; plain HTTP there routes nothing', async () => {
    const answer = await httpsGet(websecure, 'demo.res.ch', '/api/jokes/42', { ca: ca.caPem });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ id: 'dynamic-1', url: '/42' });
    expect(
      (await send(`http://127.0.0.1:${websecure}/api/jokes/42`, { headers: { host: 'demo.res.ch' } })).status,
    ).toBe(404);
  });
});
