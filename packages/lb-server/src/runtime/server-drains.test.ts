/**
 * Provider drains reach the runtime store: `drain` stops new picks of the servers named (by their
 * provider-qualified service) and closes their origins at the gate; `live` opens them again.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamGate } from '../proxy/upstream-gate';
import type { LoadBalancedService } from './runtime';
import { createRuntimeStore, type RuntimeStoreController } from './runtime-store';

const URLS = ['http://10.0.0.1:80', 'http://10.0.0.2:80'];
let store: RuntimeStoreController | undefined;
afterEach(async () => store?.close());

function storeWithDockerService(gate: UpstreamGate): RuntimeStoreController {
  const created = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] }, gate });
  const raw = {
    http: { services: { web: { loadBalancer: { servers: URLS.map((url, i) => ({ url, id: `c${i}` })) } } } },
  };
  created.apply(mergeConfigs({ docker: validateDynamicConfig(raw, { provider: 'docker' }).config }));
  return created;
}

describe('runtime store drains', () => {
  it('drains the named servers of the provider-qualified service and closes their origins', () => {
    const gate = new UpstreamGate();
    store = storeWithDockerService(gate);
    store.drain({
      containerId: 'abc',
      containerName: 'web-1',
      reason: 'stopping',
      servers: [{ service: 'web', id: 'c0', url: URLS[0] ?? '' }],
    });
    const svc = store.current.services.get('web@docker') as LoadBalancedService;
    const picked = new Set(Array.from({ length: 6 }, () => svc.balancer.pick()?.id));
    expect(picked).toEqual(new Set(['c1']));
    expect(gate.closed()).toEqual([new URL(URLS[0] ?? '').origin]);
    store.live([URLS[0] ?? '']);
    expect(gate.closed()).toEqual([]);
  });

  it('leaves the services of another provider alone', () => {
    const gate = new UpstreamGate();
    store = storeWithDockerService(gate);
    store.drain({
      provider: 'swarm',
      containerId: 't',
      containerName: 'web.1',
      reason: 'exited',
      servers: [{ service: 'web', id: 'c0', url: URLS[0] ?? '' }],
    });
    const svc = store.current.services.get('web@docker') as LoadBalancedService;
    const picked = new Set(Array.from({ length: 6 }, () => svc.balancer.pick()?.id));
    expect(picked).toEqual(new Set(['c0', 'c1']));
  });
});
