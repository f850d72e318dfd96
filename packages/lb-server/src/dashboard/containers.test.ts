import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { composeServices } from './container-routes';
import { containerState, engineError } from './containers';
import { isDashboardError } from './errors';

const entry = (over: Partial<Dockerode.ContainerInfo>): Dockerode.ContainerInfo =>
  ({
    Id: 'id1',
    Names: ['/lab_dynamic_1'],
    Image: 'app:1',
    ImageID: 'sha',
    Command: '',
    Created: 1,
    State: 'running',
    Status: 'Up 5 minutes (healthy)',
    Ports: [
      { IP: '127.0.0.1', PrivatePort: 3000, PublicPort: 8081, Type: 'tcp' },
      { IP: '::1', PrivatePort: 3000, PublicPort: 8081, Type: 'tcp' },
      { PrivatePort: 9229, Type: 'tcp' },
    ],
    Labels: {
      'com.docker.compose.project': 'lab',
      'com.docker.compose.service': 'dynamic',
      'com.docker.compose.container-number': '1',
    },
    HostConfig: { NetworkMode: 'lab_default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...over,
  }) as Dockerode.ContainerInfo;

describe('containerState', () => {
  it('maps a list entry: name, health, ports, compose identity', () => {
    expect(containerState(entry({}))).toEqual({
      id: 'id1',
      name: 'lab_dynamic_1',
      image: 'app:1',
      state: 'running',
      status: 'Up 5 minutes (healthy)',
      health: 'healthy',
      created: 1,
      ports: ['127.0.0.1:8081->3000/tcp', '9229/tcp', '::1:8081->3000/tcp'],
      labels: entry({}).Labels,
      compose: { project: 'lab', service: 'dynamic', number: 1 },
    });
  });

  it('has no compose identity without both labels', () => {
    expect(containerState(entry({ Labels: { 'com.docker.compose.project': 'lab' } })).compose).toBeUndefined();
  });
});

describe('composeServices', () => {
  it('counts replicas and running ones per compose service', () => {
    const list = [
      containerState(entry({})),
      containerState(entry({ Id: 'id2', State: 'exited' })),
      containerState(entry({ Id: 'id3', Labels: {} })),
      containerState(
        entry({ Id: 'id4', Labels: { 'com.docker.compose.project': 'lab', 'com.docker.compose.service': 'api' } }),
      ),
    ];
    expect(composeServices(list)).toEqual([
      { project: 'lab', service: 'api', replicas: 1, running: 1 },
      { project: 'lab', service: 'dynamic', replicas: 2, running: 1 },
    ]);
  });
});

describe('engineError', () => {
  it.each([
    { status: 404, code: 'DASH_NOT_FOUND' },
    { status: 304, code: 'DASH_CONFLICT' },
    { status: 409, code: 'DASH_CONFLICT' },
    { status: 500, code: 'DASH_DOCKER_FAILED' },
    { status: undefined, code: 'DASH_DOCKER_FAILED' },
  ])('engine status $status → $code', ({ status, code }) => {
    const error = engineError(
      Object.assign(new Error('boom'), { statusCode: status, json: { message: 'engine says no' } }),
      'stop x',
    );
    expect(isDashboardError(error) && [error.code, error.message]).toEqual([
      code,
      code === 'DASH_CONFLICT' && status === 304 ? 'stop x: already in that state' : 'stop x: engine says no',
    ]);
  });
});
