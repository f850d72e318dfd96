/**
 * `docker/stack.yml`, the lab's stack for `docker stack deploy`, checked without Docker: the file
 * as the CLI interpolates it (its variables, defaults and overrides; compared with `docker stack
 * config` when the CLI is installed — a client-side command, no engine contacted), the swarm
 * settings users rely on (Junction global on managers with host-mode ports, the socket read-only,
 * apps replicated with start-first updates and exec-form health checks on one overlay network) and
 * Junction's command through its own option parser. The deploy labels in a real Junction:
 * `stack-config.labels.test.ts`; real swarm runs: `test/swarm/`.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseStaticOptions } from '../../src/options';
import { labelRecord } from './compose-interpolate';
import { FILE, stack, svc, type Stack } from './stack-file';

describe('docker/stack.yml as docker stack deploy reads it', () => {
  it('runs Junction in global mode on managers, host-mode ports 80 and 8080, the socket read-only', () => {
    const junction = svc(stack(), 'junction');
    expect(junction.image).toBe('junction/lb-server:latest');
    expect(junction.deploy.mode).toBe('global');
    expect(junction.deploy.placement?.constraints).toEqual(['node.role == manager']);
    expect(junction.ports?.map((p) => [p.target, Number(p.published), p.mode])).toEqual([
      [80, 80, 'host'],
      [8080, 8080, 'host'],
    ]);
    expect(junction.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock:ro');
    expect(junction.healthcheck?.test[0]).toBe('CMD');
    expect(junction.networks).toEqual(['web']);
  });

  it('replicates the apps on one attachable overlay, start-first rolling updates, exec-form checks', () => {
    const doc = stack();
    expect(doc.networks.web).toEqual({ name: 'junction-web', driver: 'overlay', attachable: true });
    for (const [name, replicas, image] of [
      ['static', 2, 'junction/static-site:latest'],
      ['dynamic', 3, 'junction/jokes-api:latest'],
    ] as const) {
      const app = svc(doc, name);
      expect(app.image).toBe(image);
      expect(Number(app.deploy.replicas)).toBe(replicas);
      expect(app.deploy.mode ?? 'replicated').toBe('replicated');
      expect(app.deploy.update_config).toMatchObject({ order: 'start-first', parallelism: 1 });
      expect(app.healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'node']); // exec form: the images have no /bin/sh
      expect(app.networks).toEqual(['web']);
      expect(app.ports).toBeUndefined(); // reached through Junction only
    }
  });

  it('takes images, ports, network and replicas from variables', () => {
    const env = {
      JUNCTION_IMAGE: 'reg.local/lb:2',
      JOKES_IMAGE: 'j:2',
      STATIC_IMAGE: 's:2',
      JUNCTION_WEB_PORT: '8000',
      JUNCTION_DASHBOARD_PORT: '2205',
      JUNCTION_NETWORK: 'edge',
      JOKES_REPLICAS: '5',
      STATIC_REPLICAS: '1',
    };
    const doc = stack(env);
    const junction = svc(doc, 'junction');
    expect([junction.image, svc(doc, 'dynamic').image, svc(doc, 'static').image]).toEqual([
      'reg.local/lb:2',
      'j:2',
      's:2',
    ]);
    expect(junction.ports?.map((p) => Number(p.published))).toEqual([8000, 2205]);
    expect(doc.networks.web?.name).toBe('edge');
    expect(junction.command).toContain('--providers.swarm.network=edge');
    expect(labelRecord(svc(doc, 'dynamic').deploy.labels)['traefik.swarm.network']).toBe('edge');
    expect(labelRecord(svc(doc, 'static').deploy.labels)['traefik.docker.network']).toBe('edge');
    expect([Number(svc(doc, 'dynamic').deploy.replicas), Number(svc(doc, 'static').deploy.replicas)]).toEqual([5, 1]);
  });

  it('reads the same as `docker stack config` (when the docker CLI is installed)', () => {
    for (const env of [{}, { JUNCTION_NETWORK: 'edge', JOKES_REPLICAS: '5', JUNCTION_WEB_PORT: '8000' }] as Record<
      string,
      string
    >[]) {
      const run = spawnSync('docker', ['stack', 'config', '-c', FILE], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', DOCKER_HOST: 'unix:///nonexistent.sock', ...env },
        timeout: 20_000,
      });
      if (run.error !== undefined || run.status !== 0) {
        if (process.env.CI === 'true' && run.error === undefined)
          throw new Error(`docker stack config failed: ${run.stderr}`);
        console.log('[stack-config] docker CLI not available: skipped the comparison');
        return;
      }
      const theirs = parse(run.stdout) as Stack;
      const ours = stack(env);
      for (const name of ['junction', 'static', 'dynamic']) {
        expect(labelRecord(svc(theirs, name).deploy.labels)).toEqual(labelRecord(svc(ours, name).deploy.labels));
        expect(svc(theirs, name).image).toBe(svc(ours, name).image);
        expect(Number(svc(theirs, name).deploy.replicas ?? 0)).toBe(Number(svc(ours, name).deploy.replicas ?? 0));
        expect(svc(theirs, name).healthcheck?.test).toEqual(svc(ours, name).healthcheck?.test);
      }
      expect(svc(theirs, 'junction').command).toEqual(svc(ours, 'junction').command);
      expect(svc(theirs, 'junction').ports?.map((p) => [p.target, Number(p.published), p.mode])).toEqual(
        svc(ours, 'junction').ports?.map((p) => [p.target, Number(p.published), p.mode]),
      );
      expect(theirs.networks.web?.name).toBe(ours.networks.web?.name);
    }
  });

  it("Junction's command parses to the swarm provider on the socket, the overlay, opt-in exposure", () => {
    const options = parseStaticOptions(svc(stack(), 'junction').command ?? [], {});
    expect(options.providers.swarm).toMatchObject({
      endpoint: 'unix:///var/run/docker.sock',
      network: 'junction-web',
      exposedByDefault: false,
    });
    expect(options.providers.docker).toBeUndefined();
    expect(options.api?.insecure).toBe(true);
    expect(options.ping).toBeDefined();
  });
});
