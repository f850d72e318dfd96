import { describe, expect, it } from 'vitest';
import { servicesToConfig } from './services-to-config';
import {
  captured,
  DEFAULTS,
  LAB_NET,
  service,
  snapshotOf,
  tasksOf,
} from '../../../test/support/providers/swarm-captured';

/** The captured listing with `lab_app`'s labels changed, its tasks attached to a second network too. */
function translateApp(labels: Record<string, string>, options: { secondNetwork?: boolean; network?: string } = {}) {
  const c = captured();
  const app = service(c, 'lab_app');
  Object.assign(app.Spec, { Labels: { ...app.Spec.Labels, ...labels } });
  if (options.secondNetwork === true) {
    c.networks.push({ Id: 'backnet0000000000000000000', Name: 'lab_back' });
    for (const task of tasksOf(c, 'lab_app')) {
      const attachments = [
        ...(task.NetworksAttachments ?? []),
        { Network: { ID: 'backnet0000000000000000000' }, Addresses: ['10.0.9.2/24'] },
      ];
      Object.assign(task, { NetworksAttachments: attachments });
    }
  }
  return servicesToConfig(snapshotOf(c), {
    ...DEFAULTS,
    ...(options.network === undefined ? {} : { network: options.network }),
  });
}

const appErrors = (result: ReturnType<typeof translateApp>) =>
  result.errors.filter((e) => (e as { service?: string }).service === 'lab_app');

describe('swarm provider labels', () => {
  it('chooses the network with traefik.swarm.network, which wins over traefik.docker.network', () => {
    const result = translateApp(
      { 'traefik.swarm.network': 'lab_back', 'traefik.docker.network': LAB_NET.name },
      { secondNetwork: true },
    );
    const lb = result.config.http.services?.app;
    expect(lb !== undefined && 'loadBalancer' in lb ? lb.loadBalancer.servers.map((s) => s.url) : []).toEqual([
      'http://10.0.9.2:3000',
      'http://10.0.9.2:3000',
    ]);
  });

  it("names the network label the user wrote when its network is not the task's", () => {
    const [error] = appErrors(translateApp({ 'traefik.swarm.network': 'nope' }));
    expect(error).toMatchObject({ code: 'LB_DOCKER_NETWORK', label: 'traefik.swarm.network' });
    expect(error?.message).toBe(
      "LB_DOCKER_NETWORK: service lab_app, label traefik.swarm.network: network 'nope' (from the label) is not one of the task's networks (lab_net)",
    );
  });

  it('asks for traefik.swarm.network or --providers.swarm.network when a task has several networks', () => {
    const [error] = appErrors(translateApp({}, { secondNetwork: true }));
    expect(error?.code).toBe('LB_DOCKER_NETWORK');
    expect(error?.message).toContain('choose one with the label traefik.swarm.network or --providers.swarm.network');
    expect(translateApp({}, { secondNetwork: true, network: LAB_NET.name }).errors).toHaveLength(1);
  });

  it('never uses the ingress network', () => {
    const c = captured();
    const ingress = c.networks.find((n) => n.Ingress === true);
    if (ingress === undefined) throw new Error('no ingress in the capture');
    for (const task of tasksOf(c, 'lab_app'))
      Object.assign(task, {
        NetworksAttachments: [
          ...(task.NetworksAttachments ?? []),
          { Network: { ID: ingress.Id }, Addresses: ['10.0.0.9/24'] },
        ],
      });
    expect(servicesToConfig(snapshotOf(c), DEFAULTS).errors).toHaveLength(1);
  });

  it('reads lbswarm in its v2 and v1 spellings, and rejects it for a dnsrr service', () => {
    for (const label of ['traefik.docker.lbswarm', 'traefik.backend.loadbalancer.swarm']) {
      const lb = translateApp({ [label]: 'true' }).config.http.services?.app;
      expect(lb !== undefined && 'loadBalancer' in lb ? lb.loadBalancer.servers : []).toEqual([
        { id: 'lab/app', url: 'http://10.0.1.8:3000', weight: 1 },
      ]);
    }
    const c = captured();
    const app = service(c, 'lab_app');
    Object.assign(app.Spec, { Labels: { ...app.Spec.Labels, 'traefik.swarm.lbswarm': 'true' } });
    Object.assign(app.Spec, { EndpointSpec: { Mode: 'dnsrr' } });
    const [error] = servicesToConfig(snapshotOf(c), DEFAULTS).errors.filter(
      (e) => (e as { service?: string }).service === 'lab_app',
    );
    expect(error?.message).toContain('endpoint mode dnsrr has no virtual IP');
  });

  it('rejects an unknown traefik.swarm label and a bad lbswarm value, per service', () => {
    const [unknown] = appErrors(translateApp({ 'traefik.swarm.netwrok': 'lab_net' }));
    expect(unknown?.message).toBe(
      "LB_DOCKER_LABEL: service lab_app, label traefik.swarm.netwrok: unknown provider label (did you mean 'traefik.swarm.network'?)",
    );
    const [bad] = appErrors(translateApp({ 'traefik.swarm.lbswarm': 'maybe' }));
    expect(bad).toMatchObject({ code: 'LB_DOCKER_LABEL', label: 'traefik.swarm.lbswarm' });
    expect(translateApp({ 'traefik.swarm.lbswarm': 'maybe' }).config.http.routers?.['lab-v1']).toBeDefined();
  });

  it('does not check the swarm labels of a service it does not expose', () => {
    expect(appErrors(translateApp({ 'traefik.swarm.netwrok': 'x', 'traefik.enable': 'false' }))).toEqual([]);
    expect(appErrors(translateApp({ 'traefik.swarm.netwrok': 'x', 'traefik.enable': 'nope' }))).toHaveLength(1);
  });

  it('words a conflict between two services by service', () => {
    const c = captured();
    const v1 = service(c, 'lab_vip');
    Object.assign(v1.Spec, { Labels: { ...v1.Spec.Labels, 'traefik.http.routers.app.rule': 'Host(`other.test`)' } });
    const conflict = servicesToConfig(snapshotOf(c), DEFAULTS).errors.find((e) => e.code === 'LB_DOCKER_CONFLICT');
    expect(conflict?.message).toMatch(
      /service lab_(app|vip).*already defined differently by service lab_(app|vip).*this service is disabled/,
    );
  });
});
