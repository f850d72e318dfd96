import { describe, expect, it } from 'vitest';
import { featuresOf } from './api-sources';
import { REDACTED, redactUsers, toTraefikConfig } from './config-view';
import { errorText, statusView } from './representations';

describe('toTraefikConfig', () => {
  it.each([
    { desc: 'a duration', input: { intervalMs: 10_000 }, expected: { interval: '10s' } },
    {
      desc: 'sub-second and compound durations',
      input: { a: { timeoutMs: 250 }, b: [{ periodMs: 5_400_000 }] },
      expected: { a: { timeout: '250ms' }, b: [{ period: '1h30m0s' }] },
    },
    { desc: 'a zero duration', input: { flushIntervalMs: 0 }, expected: { flushInterval: '0s' } },
    {
      desc: 'a non-numeric …Ms value (a header)',
      input: { customRequestHeaders: { 'X-Ms': 'v', XMs: 'w' } },
      expected: { customRequestHeaders: { 'X-Ms': 'v', XMs: 'w' } },
    },
    { desc: 'a key that is only "Ms"', input: { Ms: 3 }, expected: { Ms: 3 } },
    { desc: 'scalars and nulls', input: [1, 'a', null, true], expected: [1, 'a', null, true] },
  ])('converts $desc', ({ input, expected }) => {
    expect(toTraefikConfig(input)).toEqual(expected);
  });

  it('does not modify its input', () => {
    const input = { healthCheck: { intervalMs: 1000 } };
    toTraefikConfig(input);
    expect(input).toEqual({ healthCheck: { intervalMs: 1000 } });
  });
});

describe('redactUsers', () => {
  it('keeps user names and hides hashes', () => {
    expect(redactUsers(['admin:$apr1$H6uskkkW$IgXL', 'bob:{SHA}x=', 'weird'])).toEqual([
      `admin:${REDACTED}`,
      `bob:${REDACTED}`,
      REDACTED,
    ]);
  });
});

describe('errorText and statusView', () => {
  it.each([
    {
      error: { code: 'LB_RULE_SYNTAX', message: 'LB_RULE_SYNTAX at 3: expected )' },
      expected: 'LB_RULE_SYNTAX at 3: expected )',
    },
    { error: { code: 'LB_CONFIG_INVALID', message: 'bad weight' }, expected: 'LB_CONFIG_INVALID: bad weight' },
    { error: { code: 'X', message: 'm', file: 'a.yml', line: 4, column: 2 }, expected: 'X: m (a.yml:4:2)' },
    { error: { code: 'X', message: 'm', file: 'a.yml' }, expected: 'X: m (a.yml)' },
    { error: { code: '', message: 'plain' }, expected: 'plain' },
  ])('formats $expected', ({ error, expected }) => {
    expect(errorText(error)).toBe(expected);
  });

  it('omits error lists when there are none, as Traefik does', () => {
    expect(statusView('enabled', [])).toEqual({ status: 'enabled' });
    expect(statusView('disabled', [{ code: 'X', message: 'm', path: 'http.routers.a.rule' }])).toEqual({
      status: 'disabled',
      error: ['X: m'],
      errorDetails: [{ code: 'X', message: 'm', path: 'http.routers.a.rule' }],
    });
  });
});

describe('featuresOf', () => {
  it("names Traefik's metrics backend and the access log", () => {
    expect(featuresOf({ metrics: { prometheus: undefined }, accessLog: undefined })).toEqual({
      tracing: '',
      metrics: '',
      accessLog: false,
    });
    const prometheus = {
      buckets: [0.1],
      addEntryPointsLabels: true,
      addServicesLabels: true,
      addRoutersLabels: false,
      entryPoint: 'traefik',
      manualRouting: false,
    };
    expect(featuresOf({ metrics: { prometheus }, accessLog: { format: 'common', filePath: undefined } })).toEqual({
      tracing: '',
      metrics: 'Prometheus',
      accessLog: true,
    });
  });
});
