import { afterEach, describe, expect, it } from 'vitest';
import type { ElementError } from '../runtime/runtime';
import type { RuntimeStoreController } from '../runtime/runtime-store';
import { OverrideStore } from './override-store';
import { ServerStatsRecorder } from './server-stats';
import { dashboardState, labelErrors } from './state-view';
import { sourcesOf } from '../../test/support/dashboard/dashboard-app';
import { storeWith } from '../../test/support/dashboard/merged-store';

const access = { viewOpen: true, actions: true, methods: ['basic' as const], docker: false };

describe('labelErrors', () => {
  it('keeps Docker errors that name a container and swarm errors that name a service, once each, sorted', () => {
    const errors = [
      { code: 'LB_DOCKER_LABEL', provider: 'docker', message: 'bad port', container: 'web-2', label: 'traefik.port' },
      { code: 'LB_DOCKER_LABEL', provider: 'docker', message: 'bad port', container: 'web-2', label: 'traefik.port' },
      { code: 'LB_DOCKER_PORT', provider: 'docker', message: 'no port', container: 'api-1' },
      { code: 'LB_DOCKER_ENGINE', provider: 'docker', message: 'engine down' },
      { code: 'LB_CONFIG_INVALID', provider: 'file', message: 'x', container: 'nope' },
      {
        code: 'LB_DOCKER_PORT',
        provider: 'swarm',
        message: 'no port: service lab_api',
        container: 'lab_api',
        label: 'traefik.port',
      },
    ] as ElementError[];
    expect(labelErrors(errors)).toEqual([
      { container: 'api-1', code: 'LB_DOCKER_PORT', message: 'no port' },
      {
        container: 'lab_api',
        swarm: true,
        label: 'traefik.port',
        code: 'LB_DOCKER_PORT',
        message: 'no port: service lab_api',
      },
      { container: 'web-2', label: 'traefik.port', code: 'LB_DOCKER_LABEL', message: 'bad port' },
    ]);
  });
});

describe('dashboardState', () => {
  let store: RuntimeStoreController;
  afterEach(async () => store?.close());

  it('renders routers, services with server figures and override markers, and counts', () => {
    store = storeWith();
    const overrides = new OverrideStore({ runtime: () => store.current });
    const stats = new ServerStatsRecorder({ now: () => 5_000 });
    stats.record('app@file', 'http://127.0.0.1:1', 200, 4);
    overrides.setWeight('app@file', 'http://127.0.0.1:2', 9, 'ops');
    overrides.setDraining('app@file', 'http://127.0.0.1:3', true, 'ops');
    const state = dashboardState(store.current, {
      sources: sourcesOf(store),
      stats,
      overrides,
      access,
      now: () => 5_000,
    });
    expect(state.counts.routers).toEqual({ total: 1, warnings: 0, errors: 0 });
    expect(state.routers).toEqual([
      expect.objectContaining({ name: 'app@file', rule: 'Host(`app.local`)', service: 'app@file', status: 'enabled' }),
    ]);
    const app = state.services.find((s) => s.name === 'app@file');
    expect(app).toMatchObject({
      kind: 'loadBalancer',
      strategy: 'weighted',
      strategyOverridden: false,
      usedBy: ['app@file'],
    });
    expect(
      app?.servers.map((s) => [s.state, s.weight, s.providerWeight, s.weightOverridden, s.drainOverridden, s.share]),
    ).toEqual([
      ['UP', 1, 1, false, false, 1],
      ['UP', 9, 2, true, false, 0],
      ['DRAINING', 3, 3, false, true, 0],
    ]);
    expect(app?.servers[0]).toMatchObject({ rps: 0.1, p50: 4, p99: 4 });
    expect(state.services.find((s) => s.name === 'split@file')).toMatchObject({
      kind: 'weighted',
      children: [{ name: 'app@file', weight: 1 }],
    });
    expect(state.providers).toEqual([expect.objectContaining({ name: 'file', state: 'ok' })]);
    expect(state.at).toBe(new Date(5_000).toISOString());
  });

  it('is empty before the first configuration', () => {
    store = storeWith();
    const state = dashboardState(undefined, {
      sources: sourcesOf(store),
      stats: new ServerStatsRecorder(),
      overrides: new OverrideStore({ runtime: () => store.current }),
      access,
    });
    expect([state.generation, state.routers, state.services, state.labelErrors]).toEqual([0, [], [], []]);
  });
});
