import { describe, expect, it } from 'vitest';
import { healthFromStatus } from '../../containers/health';
import { servicesToConfig } from './services-to-config';
import {
  captured,
  DEFAULTS,
  service,
  snapshotOf,
  tasksOf,
  variant,
} from '../../../test/support/providers/swarm-captured';

const lbOf = (config: ReturnType<typeof servicesToConfig>['config'], name: string) => {
  const def = config.http.services?.[name];
  return def !== undefined && 'loadBalancer' in def ? def.loadBalancer : undefined;
};

describe('servicesToConfig on a captured swarm listing', () => {
  const { config, errors } = servicesToConfig(snapshotOf(captured()), DEFAULTS);

  it('pools the running tasks of lab_app, the one told to go (desired state remove) draining', () => {
    expect(lbOf(config, 'app')?.servers).toEqual([
      { id: 'lab/app/1', url: 'http://10.0.1.10:3000', weight: 1 },
      { id: 'lab/app/2', url: 'http://10.0.1.9:3000', weight: 1, draining: true },
    ]);
    expect(config.http.routers?.app).toMatchObject({
      rule: 'Host(`app.swarm.test`)',
      service: 'app',
      entryPoints: ['web'],
    });
  });

  it('reads v1 labels: the backend and router are the normalised service name', () => {
    expect(config.http.routers?.['lab-v1']).toMatchObject({
      rule: 'Host:v1.swarm.test',
      ruleSyntax: 'v1',
      service: 'lab-v1',
    });
    expect(lbOf(config, 'lab-v1')?.servers).toEqual([{ id: 'lab/v1/1', url: 'http://10.0.1.3:3000', weight: 1 }]);
  });

  it('routes an lbswarm service to its virtual IP, with the default rule', () => {
    expect(lbOf(config, 'vip')?.servers).toEqual([{ id: 'lab/vip', url: 'http://10.0.1.4:3000', weight: 1 }]);
    expect(config.http.routers?.['lab-vip']).toMatchObject({ rule: 'Host(`lab-vip`)', service: 'vip' });
  });

  it('reports the broken service once, by service name and label, and leaves it out', () => {
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'LB_DOCKER_LABEL',
      service: 'lab_broken',
      label: 'traefik.http.routers.broken.rule',
    });
    expect(errors[0]?.message).toMatch(
      /^LB_DOCKER_LABEL: service lab_broken, label traefik\.http\.routers\.broken\.rule: rule 'Host\(`broken\.test`'/,
    );
    expect(config.http.routers?.broken).toBeUndefined();
    expect(config.http.services?.broken).toBeUndefined();
  });

  it('qualifies with the swarm provider: a reference to x@swarm is checked locally', () => {
    const c = captured();
    const app = service(c, 'lab_app');
    Object.assign(app.Spec, { Labels: { ...app.Spec.Labels, 'traefik.http.routers.app.service': 'app@swarm' } });
    expect(servicesToConfig(snapshotOf(c), DEFAULTS).config.http.routers?.app).toBeDefined();
    Object.assign(app.Spec, { Labels: { ...app.Spec.Labels, 'traefik.http.routers.app.service': 'nope@swarm' } });
    const { config, errors } = servicesToConfig(snapshotOf(c), DEFAULTS);
    expect(config.http.routers?.app).toBeUndefined();
    expect(errors.map((e) => e.message).join('\n')).toContain('nope');
  });
});

describe('servicesToConfig: which tasks serve', () => {
  it('gives no traffic to tasks not running, and drops a service left without one', () => {
    const c = captured();
    for (const [i, state] of ['starting', 'shutdown'].entries()) {
      const task = tasksOf(c, 'lab_app')[i];
      if (task?.Status !== undefined) Object.assign(task.Status, { State: state });
    }
    const { config } = servicesToConfig(snapshotOf(c), DEFAULTS);
    expect(config.http.services?.app).toBeUndefined();
    expect(config.http.routers?.app).toBeUndefined();
  });

  it('keeps a service without running tasks, with no server, under allowEmptyServices', () => {
    const c = captured();
    c.tasks = c.tasks.filter((t) => t.ServiceID !== service(c, 'lab_app').ID);
    const { config } = servicesToConfig(snapshotOf(c), { ...DEFAULTS, allowEmptyServices: true });
    expect(lbOf(config, 'app')?.servers).toEqual([]);
    expect(config.http.routers?.app).toMatchObject({ service: 'app' });
  });

  it('marks a task container this node reports unhealthy or starting as unavailable', () => {
    const c = captured();
    const health = new Map(c.containers.map((k) => [k.Id, healthFromStatus(k.Status)]));
    const slot1 = tasksOf(c, 'lab_app').find((t) => t.Slot === 1)?.Status?.ContainerStatus?.ContainerID ?? '';
    health.set(slot1, healthFromStatus('Up 2 minutes (unhealthy)'));
    const servers = lbOf(servicesToConfig({ ...snapshotOf(c), health }, DEFAULTS).config, 'app')?.servers;
    expect(servers?.find((s) => s.id === 'lab/app/1')).toMatchObject({ available: false });
    expect(servers?.find((s) => s.id === 'lab/app/2')?.available).toBeUndefined();
  });

  it('drains the tasks the provider saw stopping', () => {
    const c = captured();
    const slot1 = tasksOf(c, 'lab_app').find((t) => t.Slot === 1)?.ID ?? '';
    const servers = lbOf(servicesToConfig(snapshotOf(c), DEFAULTS, new Set([slot1])).config, 'app')?.servers;
    expect(servers?.map((s) => s.draining)).toEqual([true, true]);
  });

  it('keeps the slot id for a new task beside a draining one (start-first update): the live one holds it', () => {
    const c = captured();
    const old = tasksOf(c, 'lab_app').find((t) => t.Slot === 2);
    if (old === undefined) throw new Error('no slot 2');
    const fresh = {
      ...old,
      ID: 'newtask0000000000000000000',
      DesiredState: 'running',
      NetworksAttachments: old.NetworksAttachments?.map((a) => ({ ...a, Addresses: ['10.0.1.42/24'] })),
    };
    c.tasks.push(fresh);
    const servers = lbOf(servicesToConfig(snapshotOf(c), DEFAULTS).config, 'app')?.servers;
    expect(servers?.find((s) => s.id === 'lab/app/2')).toMatchObject({ url: 'http://10.0.1.42:3000' });
    expect(servers?.find((s) => s.id === `lab/app/2@${old.ID.slice(0, 12)}`)).toMatchObject({
      url: 'http://10.0.1.9:3000',
      draining: true,
    });
  });

  it('names a global service task by its node, and a service outside a stack by its name', () => {
    const c = captured();
    const template = service(c, 'lab_app');
    const task = tasksOf(c, 'lab_app')[0];
    if (task === undefined) throw new Error('no task');
    variant(
      c,
      { ...template, Spec: { ...template.Spec, Mode: { Global: {} } } },
      'whoami',
      { 'traefik.port': '80' },
      [{ Slot: 0, NodeID: 'node-a', DesiredState: 'running' }],
      task,
    );
    const { config } = servicesToConfig(snapshotOf(c), DEFAULTS);
    expect(lbOf(config, 'whoami')?.servers).toEqual([
      expect.objectContaining({ id: 'whoami/node-a', url: 'http://10.0.1.9:80' }),
    ]);
    expect(config.http.routers?.whoami).toMatchObject({ rule: 'Host(`whoami`)', service: 'whoami' });
  });
});

describe('servicesToConfig: provider options', () => {
  it('honours exposedByDefault=false with traefik.enable, and constraints on service labels', () => {
    const { config } = servicesToConfig(snapshotOf(captured()), { ...DEFAULTS, exposedByDefault: false });
    expect(Object.keys(config.http.services ?? {})).toEqual(['app']);
    const constrained = servicesToConfig(snapshotOf(captured()), {
      ...DEFAULTS,
      constraints: 'Label(`traefik.port`, `3000`)',
    });
    expect(Object.keys(constrained.config.http.services ?? {})).toEqual(['lab-v1']);
  });
});
