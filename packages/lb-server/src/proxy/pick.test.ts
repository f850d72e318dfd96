import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime } from '../runtime/build-runtime';
import type { LoadBalancedService, RuntimeService } from '../runtime/runtime';
import { LiveServiceRegistry } from '../runtime/live-service-registry';
import { pickTarget, type PickState } from './pick';

const states: LiveServiceRegistry[] = [];
afterEach(async () => {
  await Promise.all(states.splice(0).map((s) => s.close()));
});

function services(raw: Record<string, unknown>): (name: string) => RuntimeService {
  const s = new LiveServiceRegistry();
  states.push(s);
  const { config } = validateDynamicConfig({ http: { services: raw } }, { provider: 'file' });
  const rt = buildRuntime(mergeConfigs({ file: config }), [], {
    generation: 1,
    entryPoints: { all: ['web'], defaults: ['web'] },
    states: s,
  });
  return (name) => rt.services.get(`${name}@file`) as RuntimeService;
}

const lb = (urls: string[], extra: object = {}): unknown => ({
  loadBalancer: { servers: urls.map((url) => ({ url })), ...extra },
});
const state = (cookies: Record<string, string> = {}): PickState => ({
  setCookies: undefined,
  cookie: (n) => cookies[n],
  clientIp: '10.1.1.1',
});

describe('pickTarget', () => {
  it('never returns an excluded server, even from a strategy that keeps choosing it', () => {
    const get = services({ h: lb(['http://10.0.0.1', 'http://10.0.0.2', 'http://10.0.0.3'], { strategy: 'hrw' }) });
    const first = pickTarget(get('h'), state());
    const tried = [first?.server.url ?? ''];
    const second = pickTarget(get('h'), state(), tried);
    expect(second?.server.url).toBeDefined();
    expect(tried).not.toContain(second?.server.url);
    tried.push(second?.server.url ?? '');
    const third = pickTarget(get('h'), state(), tried);
    expect(tried).not.toContain(third?.server.url);
    tried.push(third?.server.url ?? '');
    expect(pickTarget(get('h'), state(), tried)).toBeUndefined();
  });

  it('skips a weighted child with no available server', () => {
    const get = services({
      empty: lb([]),
      full: lb(['http://10.0.0.9']),
      w: {
        weighted: {
          services: [
            { name: 'empty', weight: 5 },
            { name: 'full', weight: 1 },
          ],
        },
      },
    });
    for (let i = 0; i < 4; i++) expect(pickTarget(get('w'), state())?.server.url).toBe('http://10.0.0.9');
  });

  it('uses the failover fallback when the main service has no server available', () => {
    const get = services({
      main: lb(['http://10.0.0.1']),
      spare: lb(['http://10.0.0.2']),
      f: { failover: { service: 'main', fallback: 'spare' } },
    });
    expect(pickTarget(get('f'), state())?.server.url).toBe('http://10.0.0.1');
    (get('main') as LoadBalancedService).balancer.setHealthy('http://10.0.0.1', false);
    expect(pickTarget(get('f'), state())?.server.url).toBe('http://10.0.0.2');
  });

  it('honours the sticky cookie, and re-issues it when the pinned server is excluded', () => {
    const get = services({ s: lb(['http://10.0.0.1', 'http://10.0.0.2'], { sticky: { cookie: { name: 'pin' } } }) });
    const fresh = state();
    const first = pickTarget(get('s'), fresh);
    const cookie = fresh.setCookies?.[0]?.split(';')[0]?.split('=')[1] ?? '';
    const pinned = state({ pin: cookie });
    expect(pickTarget(get('s'), pinned)?.server.url).toBe(first?.server.url);
    expect(pinned.setCookies).toBeUndefined();
    const moved = state({ pin: cookie });
    const other = pickTarget(get('s'), moved, [first?.server.url ?? '']);
    expect(other?.server.url).not.toBe(first?.server.url);
    expect(moved.setCookies?.[0]).toMatch(/^pin=/);
  });
});
