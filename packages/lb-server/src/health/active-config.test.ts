import { describe, expect, it } from 'vitest';
import { HealthCheckConfigError, normalizeHealthCheck } from './active-config';

describe('health check durations (lb-core parseDuration, trimmed)', () => {
  it.each([
    { input: '30s', ms: 30_000 },
    { input: '250ms', ms: 250 },
    { input: '1m30s', ms: 90_000 },
    { input: '1.5s', ms: 1500 },
    { input: '500us', ms: 0.5 },
    { input: '10', ms: 10_000 },
    { input: 10, ms: 10_000 },
    { input: ' 5s ', ms: 5000 },
  ])('interval $input → $ms ms', ({ input, ms }) => {
    expect(normalizeHealthCheck({ interval: input }).intervalMs).toBe(ms);
  });

  it.each(['s', '10x', '1s2', 'ten seconds', '1 s', '0', '-2s'])('interval %j is refused', (input) => {
    expect(() => normalizeHealthCheck({ interval: input }, 'hc')).toThrow(/LB_HEALTHCHECK_INVALID at hc.interval/);
  });
});

describe('normalizeHealthCheck', () => {
  it('applies Traefik defaults', () => {
    const config = normalizeHealthCheck();
    expect(config).toEqual({
      path: '',
      intervalMs: 30_000,
      unhealthyIntervalMs: 30_000,
      timeoutMs: 5_000,
      scheme: undefined,
      hostname: undefined,
      port: undefined,
      headers: {},
      followRedirects: true,
      method: 'GET',
      status: undefined,
      rise: 1,
      fall: 1,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts label-style strings', () => {
    expect(
      normalizeHealthCheck({
        path: '/health',
        interval: '10s',
        unhealthyInterval: '2s',
        timeout: '3',
        scheme: 'HTTPS',
        hostname: 'h.example',
        port: '8080',
        headers: { 'x-a': 'b' },
        followRedirects: 'false',
        method: 'head',
        status: '204',
        rise: '2',
        fall: 3,
      }),
    ).toEqual({
      path: '/health',
      intervalMs: 10_000,
      unhealthyIntervalMs: 2_000,
      timeoutMs: 3_000,
      scheme: 'https',
      hostname: 'h.example',
      port: 8080,
      headers: { 'x-a': 'b' },
      followRedirects: false,
      method: 'HEAD',
      status: 204,
      rise: 2,
      fall: 3,
    });
  });

  it.each([
    { input: { interval: 'soon' }, path: 'svc.healthCheck.interval' },
    { input: { interval: '0s' }, path: 'svc.healthCheck.interval' },
    { input: { timeout: '-1s' }, path: 'svc.healthCheck.timeout' },
    { input: { port: 70_000 }, path: 'svc.healthCheck.port' },
    { input: { status: '2xx' }, path: 'svc.healthCheck.status' },
    { input: { rise: 0 }, path: 'svc.healthCheck.rise' },
    { input: { fall: '1.5' }, path: 'svc.healthCheck.fall' },
    { input: { followRedirects: 'yes' }, path: 'svc.healthCheck.followRedirects' },
    { input: { scheme: 'ftp' }, path: 'svc.healthCheck.scheme' },
    { input: { mode: 'grpc' }, path: 'svc.healthCheck.mode' },
    { input: { method: 'GET /' }, path: 'svc.healthCheck.method' },
  ])('refuses $input with a coded error at $path', ({ input, path }) => {
    let caught: unknown;
    try {
      normalizeHealthCheck(input, 'svc.healthCheck');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HealthCheckConfigError);
    expect(caught).toMatchObject({ code: 'LB_HEALTHCHECK_INVALID', path });
  });
});
