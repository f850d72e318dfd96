/**
 * Service validation, load balancers: server ids, weights and passHostHeader filled in, strategy
 * names normalised, active and passive health checks in each spelling with their defaults, sticky
 * cookies, the servers transport and response forwarding.
 */
import { describe, expect, it } from 'vitest';
import { A, B, normalisedLoadBalancer, validateService } from '../../test/support/service-validation';

describe('load balancer: normalisation', () => {
  it('fills server ids, weights and passHostHeader', () => {
    const { config, errors } = validateService({
      LoadBalancer: { Servers: [{ URL: A }, { url: B, weight: '0', id: 'b-1', preservePath: 'true' }] },
    });
    expect(errors).toEqual([]);
    expect(config.http.services?.s).toStrictEqual({
      loadBalancer: {
        servers: [
          { id: A, url: A, weight: 1 },
          { id: 'b-1', url: B, weight: 0, preservePath: true },
        ],
        passHostHeader: true,
      },
    });
  });

  it.each([
    { strategy: 'wrr', expected: 'weighted' },
    { strategy: 'P2C', expected: 'p2c' },
    { strategy: 'hrw', expected: 'consistent-hash' },
    { strategy: 'leasttime', expected: 'least-connections' },
    { strategy: 'round_robin', expected: 'round-robin' },
    { strategy: 'least-connections', expected: 'least-connections' },
    { strategy: '', expected: undefined },
  ])('strategy $strategy → $expected', ({ strategy, expected }) => {
    expect(normalisedLoadBalancer({ strategy })?.strategy).toBe(expected);
  });

  it.each([
    {
      desc: 'health check defaults (Traefik: 30s, 5s, follow redirects)',
      input: { healthCheck: { path: '/health' } },
      expected: {
        healthCheck: {
          path: '/health',
          intervalMs: 30_000,
          timeoutMs: 5_000,
          method: 'GET',
          followRedirects: true,
          rise: 1,
          fall: 1,
        },
      },
    },
    {
      desc: 'health check in Traefik spelling (lower-case key, durations, strings)',
      input: {
        healthcheck: {
          path: '/h',
          interval: '10s',
          timeout: 3,
          unhealthyInterval: '1m',
          method: 'head',
          scheme: 'HTTPS',
          mode: 'grpc',
          hostname: 'x.local',
          port: '8080',
          status: '204',
          headers: { 'X-Probe': 1 },
          followRedirects: 'false',
          rise: 2,
          fall: '3',
        },
      },
      expected: {
        healthCheck: {
          path: '/h',
          intervalMs: 10_000,
          timeoutMs: 3_000,
          unhealthyIntervalMs: 60_000,
          scheme: 'https',
          mode: 'grpc',
          hostname: 'x.local',
          port: 8080,
          method: 'HEAD',
          status: 204,
          headers: { 'X-Probe': '1' },
          followRedirects: false,
          rise: 2,
          fall: 3,
        },
      },
    },
    {
      desc: 'health check in canonical milliseconds',
      input: { healthCheck: { path: '/h', intervalMs: 500, timeoutMs: '250' } },
      expected: {
        healthCheck: {
          path: '/h',
          intervalMs: 500,
          timeoutMs: 250,
          method: 'GET',
          followRedirects: true,
          rise: 1,
          fall: 1,
        },
      },
    },
    {
      desc: 'passive check defaults',
      input: { passiveHealthCheck: {} },
      expected: { passiveHealthCheck: { failures: 1, windowMs: 10_000, cooldownMs: 10_000 } },
    },
    {
      desc: 'passive check in Traefik v3 spelling',
      input: { passiveHealthcheck: { failureWindow: '3s', maxFailedAttempts: '3' } },
      expected: { passiveHealthCheck: { failures: 3, windowMs: 3_000, cooldownMs: 10_000 } },
    },
    {
      desc: "passive check in Junction's spelling",
      input: { passiveHealthCheck: { failures: 5, window: '30s', cooldown: '1m' } },
      expected: { passiveHealthCheck: { failures: 5, windowMs: 30_000, cooldownMs: 60_000 } },
    },
    {
      desc: 'sticky cookie: true (label)',
      input: { sticky: { cookie: 'true' } },
      expected: { sticky: { cookie: {} } },
    },
    {
      desc: 'sticky cookie: empty YAML value',
      input: { sticky: { cookie: null } },
      expected: { sticky: { cookie: {} } },
    },
    { desc: 'sticky cookie: false', input: { sticky: { cookie: false } }, expected: { sticky: {} } },
    {
      desc: 'sticky cookie attributes',
      input: {
        sticky: {
          cookie: {
            name: 'lb',
            secure: 'true',
            httpOnly: true,
            sameSite: 'Lax',
            maxAge: '3600',
            path: '/',
            domain: 'example.com',
          },
        },
      },
      expected: {
        sticky: {
          cookie: {
            name: 'lb',
            secure: true,
            httpOnly: true,
            sameSite: 'lax',
            maxAge: 3600,
            path: '/',
            domain: 'example.com',
          },
        },
      },
    },
    { desc: 'passHostHeader false', input: { passHostHeader: 'false' }, expected: { passHostHeader: false } },
    {
      desc: 'servers transport kept',
      input: { serversTransport: 'tr@file' },
      expected: { serversTransport: 'tr@file' },
    },
    {
      desc: 'response forwarding (negative: flush at once)',
      input: { responseForwarding: { flushInterval: '-1ms' } },
      expected: { responseForwarding: { flushIntervalMs: -1 } },
    },
  ])('$desc', ({ input, expected }) => {
    expect(normalisedLoadBalancer(input)).toStrictEqual({
      servers: [{ id: A, url: A, weight: 1 }],
      passHostHeader: true,
      ...expected,
    });
  });
});
