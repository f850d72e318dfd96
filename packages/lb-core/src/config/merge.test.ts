import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import { configEquals, stableStringify } from './equals';
import { mergeConfigs } from './merge';
import { isQualifiedName, parseQualifiedName, qualifyName } from './qualified-name';
import type { DynamicConfig, LoadBalancerConfig } from './types';

const pool = (url: string, extra: Partial<LoadBalancerConfig> = {}): { loadBalancer: LoadBalancerConfig } => ({
  loadBalancer: { servers: [{ id: url, url, weight: 1 }], passHostHeader: true, ...extra },
});

const docker: DynamicConfig = {
  http: {
    routers: {
      site: { rule: 'Host(`demo.res.ch`)', service: 'static' },
      api: { rule: 'PathPrefix(`/api`)', service: 'jokes@file', middlewares: ['strip', 'auth@file', 'all'] },
    },
    services: { static: pool('http://10.0.0.4:80', { serversTransport: 'tr' }) },
    middlewares: {
      strip: { stripPrefix: { prefixes: ['/api'] } },
      all: { chain: { middlewares: ['strip', 'auth@file'] } },
    },
  },
};
const file: DynamicConfig = {
  http: {
    services: {
      jokes: {
        weighted: {
          services: [
            { name: 'blue', weight: 3 },
            { name: 'green@docker', weight: 1 },
          ],
        },
      },
      blue: pool('http://10.0.0.2:3000'),
      mirror: {
        mirroring: { service: 'blue', mirrors: [{ name: 'shadow', percent: 10 }], maxBodySize: -1, mirrorBody: true },
      },
      shadow: { failover: { service: 'blue', fallback: 'static@docker' } },
    },
    middlewares: { auth: { basicAuth: { users: ['u:h'] } } },
  },
};

describe('qualified names', () => {
  it.each([
    { name: 'web', provider: 'docker', qualified: 'web@docker' },
    { name: 'web@file', provider: 'docker', qualified: 'web@file' },
    { name: 'api@internal', provider: 'file', qualified: 'api@internal' },
  ])('qualifyName($name, $provider) → $qualified', ({ name, provider, qualified }) => {
    expect(qualifyName(name, provider)).toBe(qualified);
    expect(isQualifiedName(qualified)).toBe(true);
  });

  it.each([
    { text: 'a@b', parsed: { name: 'a', provider: 'b' } },
    { text: 'a', parsed: { name: 'a', provider: undefined } },
    { text: 'a@b@c', parsed: { name: 'a', provider: 'b@c' } },
    { text: '@b', parsed: { name: '', provider: 'b' } },
  ])('parseQualifiedName($text)', ({ text, parsed }) => {
    expect(parseQualifiedName(text)).toEqual(parsed);
  });

  it.each([{ provider: '' }, { provider: 'a@b' }])(
    'refuses the provider name "$provider" with a coded error',
    ({ provider }) => {
      expect(() => qualifyName('web', provider)).toThrow(expect.objectContaining({ code: 'LB_CONFIG_INVALID' }));
      let caught: unknown;
      try {
        mergeConfigs({ [provider]: file });
      } catch (error) {
        caught = error;
      }
      expect(isLbError(caught)).toBe(true);
    },
  );
});

describe('mergeConfigs', () => {
  const merged = mergeConfigs({ docker, file });

  it('qualifies every element name with its provider', () => {
    expect(Object.keys(merged.http.routers ?? {})).toEqual(['api@docker', 'site@docker']);
    expect(Object.keys(merged.http.services ?? {})).toEqual([
      'static@docker',
      'blue@file',
      'jokes@file',
      'mirror@file',
      'shadow@file',
    ]);
    expect(Object.keys(merged.http.middlewares ?? {})).toEqual(['all@docker', 'strip@docker', 'auth@file']);
  });

  it.each([
    {
      desc: 'router service, local',
      actual: () => merged.http.routers?.['site@docker']?.service,
      expected: 'static@docker',
    },
    {
      desc: 'router service, already qualified',
      actual: () => merged.http.routers?.['api@docker']?.service,
      expected: 'jokes@file',
    },
    {
      desc: 'router middlewares, mixed',
      actual: () => merged.http.routers?.['api@docker']?.middlewares,
      expected: ['strip@docker', 'auth@file', 'all@docker'],
    },
    {
      desc: 'chain middlewares',
      actual: () => merged.http.middlewares?.['all@docker'],
      expected: { chain: { middlewares: ['strip@docker', 'auth@file'] } },
    },
    {
      desc: 'weighted children',
      actual: () => merged.http.services?.['jokes@file'],
      expected: {
        weighted: {
          services: [
            { name: 'blue@file', weight: 3 },
            { name: 'green@docker', weight: 1 },
          ],
        },
      },
    },
    {
      desc: 'mirroring service and mirrors',
      actual: () => merged.http.services?.['mirror@file'],
      expected: {
        mirroring: {
          service: 'blue@file',
          mirrors: [{ name: 'shadow@file', percent: 10 }],
          maxBodySize: -1,
          mirrorBody: true,
        },
      },
    },
    {
      desc: 'failover service and fallback',
      actual: () => merged.http.services?.['shadow@file'],
      expected: { failover: { service: 'blue@file', fallback: 'static@docker' } },
    },
    {
      desc: 'servers transport',
      actual: () => merged.http.services?.['static@docker'],
      expected: pool('http://10.0.0.4:80', { serversTransport: 'tr@docker' }),
    },
    {
      desc: 'other elements unchanged',
      actual: () => merged.http.middlewares?.['auth@file'],
      expected: { basicAuth: { users: ['u:h'] } },
    },
  ])('rewrites references: $desc', ({ actual, expected }) => {
    expect(actual()).toStrictEqual(expected);
  });

  it('does not modify its inputs', () => {
    expect(docker.http.routers?.site?.service).toBe('static');
    expect(file.http.services?.jokes).toEqual({
      weighted: {
        services: [
          { name: 'blue', weight: 3 },
          { name: 'green@docker', weight: 1 },
        ],
      },
    });
  });

  it('is deterministic whatever order the snapshots arrived in', () => {
    const again = mergeConfigs(
      new Map([
        ['file', file],
        ['docker', docker],
      ]),
    );
    expect(configEquals(again, merged)).toBe(true);
    expect(stableStringify(again)).toBe(stableStringify(merged));
    expect(JSON.stringify(again)).toBe(JSON.stringify(merged));
  });

  it('puts providers in the given order first, then the rest by name', () => {
    const ordered = mergeConfigs({ a: file, docker, file }, { providerOrder: ['file'] });
    expect(Object.keys(ordered.http.middlewares ?? {})).toEqual(['auth@file', 'auth@a', 'all@docker', 'strip@docker']);
  });

  it('keeps the first provider’s element when two yield the same qualified name', () => {
    const first: DynamicConfig = { http: { services: { 'web@shared': pool('http://first') } } };
    const second: DynamicConfig = { http: { services: { 'web@shared': pool('http://second') } } };
    expect(mergeConfigs({ b: second, a: first }).http.services).toEqual({ 'web@shared': pool('http://first') });
  });

  it('merges nothing into an empty configuration', () => {
    expect(mergeConfigs(new Map())).toStrictEqual({ http: { routers: {}, services: {}, middlewares: {} } });
    expect(mergeConfigs({ docker: { http: {} } })).toStrictEqual({
      http: { routers: {}, services: {}, middlewares: {} },
    });
  });

  it('merges tls as Traefik: certificates concatenate, options and stores qualified except default', () => {
    const a: DynamicConfig = {
      http: {
        routers: {
          r: { rule: 'Host(`a`)', service: 's', tls: { options: 'modern', certResolver: 'le' } },
          d: { rule: 'Host(`d`)', service: 's', tls: { options: 'default' } },
        },
      },
      tls: {
        certificates: [{ certFile: 'a.pem', keyFile: 'a.key' }],
        options: { modern: { minVersion: 'VersionTLS13' }, default: { sniStrict: true } },
        stores: { default: {} },
      },
    };
    const b: DynamicConfig = {
      http: { routers: { x: { rule: 'Host(`x`)', service: 's', tls: { options: 'modern@a' } } } },
      tls: { certificates: [{ certFile: 'b.pem', keyFile: 'b.key' }], options: { default: { sniStrict: false } } },
    };
    const merged = mergeConfigs({ b, a });
    expect(merged.tls).toStrictEqual({
      certificates: [
        { certFile: 'a.pem', keyFile: 'a.key' },
        { certFile: 'b.pem', keyFile: 'b.key' },
      ],
      stores: { default: {} },
      options: { 'modern@a': { minVersion: 'VersionTLS13' }, default: { sniStrict: true } },
    });
    expect(merged.http.routers?.['r@a']?.tls).toStrictEqual({ options: 'modern@a', certResolver: 'le' });
    expect(merged.http.routers?.['d@a']?.tls).toStrictEqual({ options: 'default' });
    expect(merged.http.routers?.['x@b']?.tls).toStrictEqual({ options: 'modern@a' });
  });
});
