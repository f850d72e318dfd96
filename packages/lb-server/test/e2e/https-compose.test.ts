/**
 * `docker/docker-compose.https.yml`, the lab's stack on 80 and 443 with an ACME resolver, checked
 * without Docker and without the Internet: the file as compose interpolates it (its `${VAR:-default}`
 * variables, with the defaults and with a user's DOMAIN and production CA; compared with
 * `docker-compose config` when that is installed); the proxy's command through Junction's own
 * option parser (entry points 80 and 443, the web → websecure redirect, the `le` resolver on
 * Let's Encrypt's staging directory with acme.json on the volume); the services' labels through
 * the Docker provider's own translation into routers that a real Junction runs as TLS routers
 * with the domains ACME would order; Junction's web entry point redirecting to HTTPS; and, with
 * a certificate from a throwaway CA standing in for the one Let's Encrypt would issue, HTTPS on
 * websecure reaching the static site (a Secure sticky cookie) and the stripped API.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp, type JunctionApp } from '../../src/app';
import { parseStaticOptions } from '../../src/options';
import { containersToConfig } from '../../src/providers/docker/containers-to-config';
import type { DockerContainer } from '../../src/providers/docker/container';
import { send } from '../helpers/junction';
import { createTestCa, type TestCa } from '../helpers/test-ca';
import { httpsGet } from '../helpers/tls-client';
import { startUpstream, type Echo, type Upstream } from '../helpers/upstreams';
import { labelRecord, readCompose } from './compose-interpolate';
import { composeAvailable, ROOT } from './compose-stack';

const FILE = join(ROOT, 'docker/docker-compose.https.yml');
const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';
const PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

interface Service {
  command?: string[];
  ports?: string[];
  volumes?: string[];
  labels?: string[] | Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** The file as compose reads it with `env` set. */
function composeFile(env: Readonly<Record<string, string>> = {}): Compose {
  return readCompose<Compose>(FILE, env);
}

function labelsOf(service: Service): Record<string, string> {
  return labelRecord(service.labels);
}

/**
 * The services' containers as compose starts them (one replica each, on the project network);
 * with `published`, a service's port is published on that local upstream (`useBindPortIP`).
 */
function containers(doc: Compose, published: Readonly<Record<string, Upstream>> = {}): DockerContainer[] {
  const exposed: Record<string, number> = { static: 8080, dynamic: 3000 };
  const port = (service: string): DockerContainer['ports'] => {
    const privatePort = exposed[service];
    if (privatePort === undefined) return [];
    const up = published[service];
    return [
      up === undefined
        ? { privatePort, type: 'tcp' as const }
        : { privatePort, type: 'tcp' as const, hostIp: '127.0.0.1', hostPort: up.port },
    ];
  };
  return Object.entries(doc.services).map(([service, spec], i) => ({
    id: service.padEnd(64, '0'),
    name: `docker_${service}_1`,
    labels: {
      ...labelsOf(spec),
      'com.docker.compose.project': 'docker',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
    },
    state: 'running',
    health: 'healthy',
    created: 1_700_000_000 + i,
    networkMode: 'docker_default',
    networks: [{ name: 'docker_default', ip: `172.30.0.${i + 2}` }],
    ports: port(service),
  }));
}

function dynamicConfig(doc: Compose, published: Readonly<Record<string, Upstream>> = {}): unknown {
  const useBindPortIP = Object.keys(published).length > 0;
  const { config, errors } = containersToConfig(containers(doc, published), {
    exposedByDefault: true,
    useBindPortIP,
    defaultRule: 'Host(`{{ normalize .Name }}`)',
  });
  expect(errors).toEqual([]);
  return config;
}

const proxyCommand = (doc: Compose): string[] => doc.services.traefik?.command ?? [];

describe('docker-compose.https.yml as compose reads it', () => {
  it('publishes 80 and 443, the dashboard on loopback only, and keeps acme.json on the named volume', () => {
    const doc = composeFile();
    expect(doc.services.traefik?.ports).toEqual(['80:80', '443:443', '127.0.0.1:2205:8080']);
    expect(doc.services.traefik?.volumes).toContain('junction-state:/data');
    expect(Object.keys(doc.volumes ?? {})).toEqual(['junction-state']);
    expect(proxyCommand(doc)).toContain('--certificatesresolvers.le.acme.storage=/data/acme.json');
  });

  it.runIf(composeAvailable())('matches `docker-compose config` (variables, labels, command)', () => {
    const env = { DOMAIN: 'demo.example.org', ACME_EMAIL: 'ops@example.org' };
    const run = spawnSync('docker-compose', ['-f', FILE, 'config'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);
    const theirs = parse(run.stdout) as Compose;
    const ours = composeFile(env);
    for (const name of ['traefik', 'static', 'dynamic']) {
      expect(labelsOf(theirs.services[name] ?? {})).toEqual(labelsOf(ours.services[name] ?? {}));
    }
    expect(proxyCommand(theirs)).toEqual(proxyCommand(ours));
  });
});

describe("the proxy command through Junction's option parser", () => {
  it('has web on :80 redirecting to websecure on :443, whose routers get certificates from le', () => {
    const options = parseStaticOptions(proxyCommand(composeFile()), {});
    const { web, websecure } = options.entryPoints;
    expect(web?.address.port).toBe(80);
    expect(web?.http?.redirections?.entryPoint).toMatchObject({ to: 'websecure', scheme: 'https', permanent: true });
    expect(websecure?.address.port).toBe(443);
    expect(websecure?.http?.tls?.certResolver).toBe('le');
    expect(options.api).toBeDefined();
  });

  it("defines resolver le on Let's Encrypt staging, HTTP-01 on web, storage on the volume", () => {
    const le = parseStaticOptions(proxyCommand(composeFile()), {}).certificatesResolvers.le;
    expect(le).toMatchObject({
      name: 'le',
      caServer: STAGING,
      storage: '/data/acme.json',
      httpChallenge: { entryPoint: 'web' },
    });
  });

  it("switches to production and to the user's email by variables alone", () => {
    const doc = composeFile({ ACME_CA_SERVER: PRODUCTION, ACME_EMAIL: 'ops@example.org' });
    const le = parseStaticOptions(proxyCommand(doc), {}).certificatesResolvers.le;
    expect(le).toMatchObject({ caServer: PRODUCTION, email: 'ops@example.org' });
  });
});

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
