import { validateDynamicConfig } from '@junction/lb-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findStrategy } from '../model/strategies';
import type { StrategySpec } from '../model/types';
import { dynamicYaml, markerRouter } from './dynamic-yaml';

const servers = [
  { url: 'http://127.0.0.1:4001', weight: 5 },
  { url: 'http://127.0.0.1:4002', weight: 1 },
];
const yamlFor = (id: string): string =>
  dynamicYaml({ generation: 3, service: 'run1', strategy: findStrategy(id) as StrategySpec, servers });

describe('dynamicYaml', () => {
  it('writes a router, a marker router and a service lb-core validates without errors', () => {
    const doc = parse(yamlFor('p2c')) as Record<string, unknown>;
    expect(doc).toEqual({
      http: {
        routers: {
          harness: { rule: 'PathPrefix(`/`)', service: 'run1', entryPoints: ['web'] },
          'harness-g3': { rule: 'Path(`/__harness/harness-g3`)', service: 'run1', entryPoints: ['web'] },
        },
        services: {
          run1: {
            loadBalancer: {
              strategy: 'p2c',
              healthCheck: { path: '/health', interval: '500ms', timeout: '400ms' },
              passiveHealthCheck: { maxFailedAttempts: 1, failureWindow: '10s', cooldown: '2000ms' },
              servers: [
                { url: 'http://127.0.0.1:4001', weight: 5 },
                { url: 'http://127.0.0.1:4002', weight: 1 },
              ],
            },
          },
        },
      },
    });
    const result = validateDynamicConfig(doc);
    expect(result.errors).toEqual([]);
    expect(result.config.http?.services?.run1).toMatchObject({
      loadBalancer: { strategy: 'p2c', passiveHealthCheck: { failures: 1, cooldownMs: 2000 } },
    });
  });
  it('adds a sticky cookie for the sticky strategy only', () => {
    const sticky = parse(yamlFor('sticky')) as {
      http: { services: { run1: { loadBalancer: Record<string, unknown> } } };
    };
    expect(sticky.http.services.run1.loadBalancer).toMatchObject({
      strategy: 'round-robin',
      sticky: { cookie: { name: 'lb_sticky', httpOnly: true } },
    });
    expect(yamlFor('round-robin')).not.toContain('sticky:');
  });
  it('names the marker router after the generation', () => {
    expect(markerRouter(12)).toBe('harness-g12');
  });
});
