/**
 * `docker/docker-compose.https.yml`, the lab's stack on 80 and 443 with an ACME resolver, checked
 * without Docker and without the Internet: the file as compose interpolates it (its `${VAR:-default}`
 * variables, with the defaults and with a user's DOMAIN and production CA; compared with
 * `docker-compose config` when that is installed); the proxy's command through Junction's own
 * option parser (entry points 80 and 443, the web → websecure redirect, the `le` resolver on
 * Let's Encrypt's staging directory with acme.json on the volume); the services' labels through
 * the Docker provider's own translation into routers that a real Junction runs as TLS routers
 * with the domains ACME would order; and that Junction's web entry point redirects to HTTPS.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** Compose's variable substitution: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$$`. */
function interpolate(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (all, name: string | undefined, op: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '$';
    const value = env[name];
    if (op === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
    if (op === '-') return value ?? fallback ?? '';
    return value ?? '';
  });
}

/** The file as compose reads it with `env` set. */
function composeFile(env: Readonly<Record<string, string>> = {}): Compose {
  return parse(interpolate(readFileSync(FILE, 'utf8'), env)) as Compose;
}

function labelsOf(service: Service): Record<string, string> {
  const labels = service.labels ?? [];
  if (!Array.isArray(labels)) return { ...labels };
  return Object.fromEntries(labels.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** The app services' containers as compose starts them (one replica each, on the project network). */
function containers(doc: Compose): DockerContainer[] {
  const exposed: Record<string, number> = { static: 8080, dynamic: 3000 };
  return Object.entries(doc.services).map(([service, spec], i) => ({
    id: service.padEnd(64, '0'),
    name: `docker_${service}_1`,
    labels: { ...labelsOf(spec), 'com.docker.compose.project': 'docker', 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
    state: 'running',
    health: 'healthy',
    created: 1_700_000_000 + i,
    networkMode: 'docker_default',
    networks: [{ name: 'docker_default', ip: `172.30.0.${i + 2}` }],
    ports: exposed[service] === undefined ? [] : [{ privatePort: exposed[service], type: 'tcp' as const }],
  }));
}

function dynamicConfig(doc: Compose): unknown {
  const { config, errors } = containersToConfig(containers(doc), { exposedByDefault: true, useBindPortIP: false, defaultRule: 'Host(`{{ normalize .Name }}`)' });
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
    const run = spawnSync('docker-compose', ['-f', FILE, 'config'], { encoding: 'utf8', env: { ...process.env, ...env } });
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

describe('the proxy command through Junction\'s option parser', () => {
  it('has web on :80 redirecting to websecure on :443, whose routers get certificates from le', () => {
    const options = parseStaticOptions(proxyCommand(composeFile()), {});
    const { web, websecure } = options.entryPoints;
    expect(web?.address.port).toBe(80);
    expect(web?.http?.redirections?.entryPoint).toMatchObject({ to: 'websecure', scheme: 'https', permanent: true });
    expect(websecure?.address.port).toBe(443);
    expect(websecure?.http?.tls?.certResolver).toBe('le');
    expect(options.api).toBeDefined();
  });

  it('defines resolver le on Let\'s Encrypt staging, HTTP-01 on web, storage on the volume', () => {
    const le = parseStaticOptions(proxyCommand(composeFile()), {}).certificatesResolvers.le;
    expect(le).toMatchObject({ name: 'le', caServer: STAGING, storage: '/data/acme.json', httpChallenge: { entryPoint: 'web' } });
  });

  it('switches to production and to the user\'s email by variables alone', () => {
    const doc = composeFile({ ACME_CA_SERVER: PRODUCTION, ACME_EMAIL: 'ops@example.org' });
    const le = parseStaticOptions(proxyCommand(doc), {}).certificatesResolvers.le;
    expect(le).toMatchObject({ caServer: PRODUCTION, email: 'ops@example.org' });
  });
});

describe('the labels in a real Junction', () => {
  let app: JunctionApp;
  let web = '';

  beforeAll(async () => {
    const doc = composeFile();
    app = buildApp({ options: parseStaticOptions([...proxyCommand(doc), '--log.level=FATAL'], {}), serverName: 'junction-test' });
    const { config, errors } = validateDynamicConfig(dynamicConfig(doc), { provider: 'docker' });
    expect(errors).toEqual([]);
    app.store.apply(mergeConfigs({ docker: config }), []);
    const entry = app.entryPoints.get('web');
    if (entry === undefined) throw new Error('no web entry point');
    await entry.listen({ host: '127.0.0.1', port: 0 });
    web = `http://127.0.0.1:${(entry.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it('routes the static site and the API as TLS routers on websecure only', () => {
    // The labels' routers (Junction adds its own @internal one for the redirect).
    const routers = [...app.store.current.routers.values()].filter((r) => r.status === 'enabled' && r.serviceName.endsWith('@docker'));
    expect(routers.map((r) => r.serviceName.replace(/@.*/, '')).sort()).toEqual(['dynamic', 'static']);
    for (const r of routers) {
      expect(r.entryPoints).toEqual(['websecure']);
      expect(r.tls).toMatchObject({ certResolver: 'le' });
    }
  });

  it('asks resolver le for DOMAIN (default demo.res.ch), one certificate per host', () => {
    const wanted = app.store.current.tlsRouters.map((t) => ({ router: t.router.replace(/@.*/, ''), certResolver: t.certResolver, domains: t.domains }));
    expect(wanted.sort((a, b) => a.router.localeCompare(b.router))).toEqual([
      { router: 'dynamic', certResolver: 'le', domains: [{ main: 'demo.res.ch', sans: [] }] },
      { router: 'static', certResolver: 'le', domains: [{ main: 'demo.res.ch', sans: [] }] },
    ]);
  });

  it('a user\'s DOMAIN reaches the rules', () => {
    const config = dynamicConfig(composeFile({ DOMAIN: 'demo.example.org' })) as { http: { routers: Record<string, { rule: string }> } };
    expect(Object.values(config.http.routers).map((r) => r.rule).sort()).toEqual(['Host(`demo.example.org`)', 'Host(`demo.example.org`) && PathPrefix(`/api/jokes/`)']);
  });

  it('plain HTTP on web is redirected to https://DOMAIN/ with the path kept', async () => {
    const answer = await send(`${web}/api/jokes/?n=1`, { headers: { host: 'demo.res.ch' } });
    expect([301, 308]).toContain(answer.status);
    expect(answer.headers.location).toBe('https://demo.res.ch/api/jokes/?n=1');
  });
});
