import { describe, expect, it } from 'vitest';
import { fromListEntry } from './container';

describe('container records from GET /containers/json', () => {
  it('maps one list entry: own name (not a link alias), networks sorted, published and exposed ports', () => {
    const record = fromListEntry({
      Id: 'abc',
      Names: ['/proxy/web-alias', '/lab_dynamic_1'],
      Labels: { a: 'b' },
      State: 'running',
      Status: 'Up 1 second (healthy)',
      Created: 1_700_000_000,
      HostConfig: { NetworkMode: 'lab_default' },
      NetworkSettings: {
        Networks: {
          lab_default: { IPAddress: '172.18.0.3' },
          backend: { IPAddress: '', GlobalIPv6Address: 'fd00::3' },
        },
      },
      Ports: [
        { PrivatePort: 3000, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 49153, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 49153, Type: 'tcp' },
        { PrivatePort: 53, Type: 'udp' },
      ],
    });
    expect(record).toStrictEqual({
      id: 'abc',
      name: 'lab_dynamic_1',
      labels: { a: 'b' },
      state: 'running',
      health: 'healthy',
      created: 1_700_000_000,
      networkMode: 'lab_default',
      networks: [
        { name: 'backend', ip: 'fd00::3' },
        { name: 'lab_default', ip: '172.18.0.3' },
      ],
      ports: [
        { privatePort: 3000, type: 'tcp' },
        { privatePort: 80, type: 'tcp', hostIp: '0.0.0.0', hostPort: 49153 },
        { privatePort: 80, type: 'tcp', hostIp: '::', hostPort: 49153 },
        { privatePort: 53, type: 'udp' },
      ],
    });
  });

  it('tolerates missing fields (null labels, no networks)', () => {
    expect(fromListEntry({ Id: 'x', Labels: null, NetworkSettings: null, Ports: null })).toMatchObject({
      name: 'x',
      labels: {},
      networks: [],
      ports: [],
      state: 'running',
    });
  });
});
