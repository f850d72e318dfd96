/**
 * `docker/docker-compose.https.yml`, the lab's stack on 80 and 443 with an ACME resolver, read
 * without Docker and without the Internet: the file as compose interpolates it (its
 * `${VAR:-default}` variables, with the defaults and with a user's DOMAIN and production CA;
 * compared with `docker-compose config` when that is installed), and the proxy's command through
 * Junction's own option parser (entry points 80 and 443, the web → websecure redirect, the `le`
 * resolver on Let's Encrypt's staging directory with acme.json on the volume). Its labels in a
 * real Junction: https-compose.junction.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseStaticOptions } from '../../src/options';
import { composeAvailable } from './compose-stack';
import { composeFile, FILE, labelsOf, PRODUCTION, proxyCommand, STAGING, type Compose } from './https-compose-file';

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
