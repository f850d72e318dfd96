import { describe, expect, it } from 'vitest';
import { describeProbeError, isHealthyStatus, probeUrl } from './probe';

describe('probeUrl', () => {
  it.each([
    {
      server: 'http://10.0.0.2:3000',
      path: '/health',
      scheme: undefined,
      port: undefined,
      url: 'http://10.0.0.2:3000/health',
    },
    {
      server: 'http://10.0.0.2:3000/api/',
      path: 'ping',
      scheme: undefined,
      port: undefined,
      url: 'http://10.0.0.2:3000/api/ping',
    },
    {
      server: 'http://10.0.0.2:3000/api/',
      path: '/ping',
      scheme: undefined,
      port: undefined,
      url: 'http://10.0.0.2:3000/ping',
    },
    {
      server: 'http://10.0.0.2:3000/app?x=1',
      path: '',
      scheme: undefined,
      port: undefined,
      url: 'http://10.0.0.2:3000/app?x=1',
    },
    {
      server: 'http://10.0.0.2:3000',
      path: '/h?deep=1',
      scheme: 'https' as const,
      port: 8443,
      url: 'https://10.0.0.2:8443/h?deep=1',
    },
    { server: 'http://[::1]:3000', path: '/h', scheme: undefined, port: 81, url: 'http://[::1]:81/h' },
  ])('$server + $path → $url', ({ server, path, scheme, port, url }) => {
    expect(probeUrl(server, { path, scheme, port }).href).toBe(url);
  });
});

describe('isHealthyStatus', () => {
  it.each([
    { status: 199, expected: undefined, ok: false },
    { status: 200, expected: undefined, ok: true },
    { status: 399, expected: undefined, ok: true },
    { status: 400, expected: undefined, ok: false },
    { status: 503, expected: 503, ok: true },
    { status: 200, expected: 204, ok: false },
  ])('$status (expected $expected) → $ok', ({ status, expected, ok }) => {
    expect(isHealthyStatus(status, expected)).toBe(ok);
  });
});

describe('describeProbeError', () => {
  it.each([
    {
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      reason: 'ECONNREFUSED',
    },
    {
      error: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      reason: 'UND_ERR_SOCKET: other side closed',
    },
    { error: new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })]), reason: 'EHOSTUNREACH' },
    { error: new Error('boom'), reason: 'boom' },
    { error: 'plain', reason: 'plain' },
  ])('$reason', ({ error, reason }) => {
    expect(describeProbeError(error)).toBe(reason);
  });
});
