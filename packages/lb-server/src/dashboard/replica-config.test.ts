import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createReplicaOptions, replicaName } from './replica-config';

describe('replicaName', () => {
  it.each([
    { template: 'lab_dynamic_1', expected: 'lab_dynamic_3' },
    { template: 'lab-dynamic-1', expected: 'lab-dynamic-3' },
    { template: 'custom-name', expected: 'lab-dynamic-3' },
    { template: 'other_dynamic_1', expected: 'lab-dynamic-3' },
  ])('$template → $expected', ({ template, expected }) => {
    expect(replicaName(template, 'lab', 'dynamic', 3)).toBe(expected);
  });
});

const info = {
  Id: 'abcdef0123456789abcdef',
  Name: '/lab_dynamic_1',
  Config: {
    Hostname: 'abcdef012345',
    Image: 'lab/app:1',
    Env: ['PORT=3000'],
    Cmd: ['node', 'server.js'],
    Labels: {
      'com.docker.compose.project': 'lab',
      'com.docker.compose.service': 'dynamic',
      'com.docker.compose.container-number': '1',
      'traefik.port': '3000',
    },
    ExposedPorts: { '3000/tcp': {} },
    Tty: false,
    Healthcheck: { Test: ['CMD', 'true'] },
  },
  HostConfig: {
    NetworkMode: 'lab_default',
    RestartPolicy: { Name: 'unless-stopped' },
    PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] },
    ContainerIDFile: '',
    Binds: null,
  },
  NetworkSettings: {
    Networks: {
      lab_default: { Aliases: ['dynamic', 'abcdef012345', 'lab_dynamic_1'], IPAddress: '172.18.0.2' },
      lab_back: { Aliases: null, IPAddress: '172.19.0.2' },
    },
  },
} as unknown as Dockerode.ContainerInspectInfo;

describe('createReplicaOptions', () => {
  const { create, extraNetworks } = createReplicaOptions(info, 'lab_dynamic_3', 3);

  it('keeps what defines the service and sets the next number', () => {
    expect(create).toMatchObject({
      name: 'lab_dynamic_3',
      Image: 'lab/app:1',
      Env: ['PORT=3000'],
      Cmd: ['node', 'server.js'],
      ExposedPorts: { '3000/tcp': {} },
      Healthcheck: { Test: ['CMD', 'true'] },
      Labels: { ...info.Config.Labels, 'com.docker.compose.container-number': '3' },
    });
    expect(create.Hostname).toBeUndefined();
  });

  it('copies host settings, with published ports made ephemeral', () => {
    expect(create.HostConfig).toEqual({
      NetworkMode: 'lab_default',
      RestartPolicy: { Name: 'unless-stopped' },
      PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
    });
  });

  it('joins the same networks with the service aliases only', () => {
    expect(create.NetworkingConfig).toEqual({ EndpointsConfig: { lab_default: { Aliases: ['dynamic'] } } });
    expect(extraNetworks).toEqual([['lab_back', {}]]);
  });

  it('sets no endpoints when the replica shares another network stack', () => {
    const shared = {
      ...info,
      HostConfig: { ...info.HostConfig, NetworkMode: 'host' },
    } as Dockerode.ContainerInspectInfo;
    const out = createReplicaOptions(shared, 'x', 2);
    expect(out.create.NetworkingConfig).toBeUndefined();
    expect(out.extraNetworks).toEqual([]);
  });
});
