/**
 * The ACME manager's pure decisions: which certificates the TLS routers want from each resolver,
 * whether a held certificate covers them (wildcards one label deep), which domains cannot be
 * ordered without DNS-01, renewal timing and the capped exponential backoff.
 */
import { describe, expect, test } from 'vitest';
import type { TlsRouterInfo } from '../runtime/runtime';
import {
  backoffDelay,
  covers,
  domainsKey,
  dueForRenewal,
  effectiveRenewBefore,
  renewDurations,
  unorderable,
  wantedCertificates,
} from './domains';

const router = (name: string, certResolver: string | undefined, domains: TlsRouterInfo['domains']): TlsRouterInfo => ({
  router: name,
  entryPoints: ['websecure'],
  hosts: domains.map((d) => d.main),
  options: 'default',
  domains,
  ...(certResolver === undefined ? {} : { certResolver }),
});

describe('wantedCertificates', () => {
  test('one certificate per domains entry, grouped by resolver, deduplicated across routers', () => {
    const wanted = wantedCertificates(
      [
        router('a@file', 'le', [{ main: 'A.example.com', sans: ['www.a.example.com'] }]),
        router('b@file', 'le', [
          { main: 'a.example.com', sans: ['WWW.a.example.com'] },
          { main: 'b.example.com', sans: [] },
        ]),
        router('c@file', 'other', [{ main: 'c.example.com', sans: [] }]),
        router('plain@file', undefined, [{ main: 'd.example.com', sans: [] }]),
      ],
      new Set(['le', 'other']),
    );
    expect([...(wanted.byResolver.get('le')?.keys() ?? [])]).toEqual([
      'a.example.com,www.a.example.com',
      'b.example.com',
    ]);
    expect([...(wanted.byResolver.get('other')?.values() ?? [])]).toEqual([{ main: 'c.example.com', sans: [] }]);
    expect(wanted.unknown).toEqual([]);
  });

  test('without tls.domains, the Host() names of one rule are one certificate (main, then sans), as Traefik', () => {
    const derived: TlsRouterInfo = {
      router: 'r@file',
      entryPoints: ['websecure'],
      hosts: ['a.example.com', '*.w.example.com', 'b.example.com'],
      options: 'default',
      certResolver: 'le',
      domains: [
        { main: 'a.example.com', sans: [] },
        { main: 'b.example.com', sans: [] },
      ],
    };
    expect([
      ...(wantedCertificates([derived], new Set(['le']))
        .byResolver.get('le')
        ?.values() ?? []),
    ]).toEqual([{ main: 'a.example.com', sans: ['b.example.com'] }]);
    // Explicit tls.domains that differ from the rule's names stay as written.
    const explicit: TlsRouterInfo = {
      ...derived,
      domains: [
        { main: 'b.example.com', sans: [] },
        { main: 'c.example.com', sans: [] },
      ],
    };
    expect(wantedCertificates([explicit], new Set(['le'])).byResolver.get('le')?.size).toBe(2);
  });

  test('a router naming an unknown resolver is reported, not ordered', () => {
    const wanted = wantedCertificates(
      [router('a@docker', 'nope', [{ main: 'a.example.com', sans: [] }])],
      new Set(['le']),
    );
    expect(wanted.unknown).toEqual([{ router: 'a@docker', resolver: 'nope' }]);
    expect(wanted.byResolver.size).toBe(0);
  });
});

test("a store's defaultGeneratedCert is wanted from its resolver and marked as that store's default", () => {
  const wanted = wantedCertificates([router('a@file', 'le', [{ main: 'a.example.com', sans: [] }])], new Set(['le']), {
    default: {
      defaultGeneratedCert: { resolver: 'le', domain: { main: 'Default.example.com', sans: ['www.example.com'] } },
    },
    other: { defaultGeneratedCert: { resolver: 'missing', domain: { main: 'x.example.com' } } },
    plain: { defaultCertificate: { certFile: 'c', keyFile: 'k' } },
  });
  expect([...(wanted.byResolver.get('le')?.keys() ?? [])]).toEqual([
    'a.example.com',
    'default.example.com,www.example.com',
  ]);
  expect([...(wanted.defaults.get('le') ?? [])]).toEqual([['default.example.com,www.example.com', ['default']]]);
  expect(wanted.unknown).toEqual([{ router: 'tls.stores.other.defaultGeneratedCert', resolver: 'missing' }]);
});

describe('covers', () => {
  test.each([
    [['a.example.com'], { main: 'a.example.com', sans: [] }, true],
    [['a.example.com'], { main: 'a.example.com', sans: ['b.example.com'] }, false],
    [['*.example.com'], { main: 'a.example.com', sans: ['b.example.com'] }, true],
    [['*.example.com'], { main: 'a.b.example.com', sans: [] }, false],
    [['*.example.com'], { main: 'example.com', sans: [] }, false],
    [['a.example.com', 'b.example.com'], { main: 'B.example.com', sans: [] }, true],
  ])('%j covers %j: %s', (held, wanted, expected) => {
    expect(covers(held, wanted)).toBe(expected);
  });
});

test('domainsKey ignores case, order and repeats of the sans', () => {
  expect(domainsKey({ main: 'A.x', sans: ['c.x', 'B.x', 'c.x', 'a.x'] })).toBe('a.x,b.x,c.x');
});

test('a wildcard cannot be ordered with HTTP-01 or TLS-ALPN-01', () => {
  expect(unorderable({ main: '*.example.com', sans: [] })).toMatch(/DNS-01/);
  expect(unorderable({ main: 'example.com', sans: ['*.example.com'] })).toMatch(/\*\.example\.com/);
  expect(unorderable({ main: 'example.com', sans: ['www.example.com'] })).toBeUndefined();
});

test('renewal is due once less than renewBefore is left', () => {
  const day = 86_400_000;
  expect(dueForRenewal(31 * day, 0, 30 * day)).toBe(false);
  expect(dueForRenewal(29 * day, 0, 30 * day)).toBe(true);
  expect(dueForRenewal(-1, 0, 30 * day)).toBe(true);
});

test.each([
  [2160, 720, 24],
  [8760, 2880, 168],
  [720, 240, 12],
  [168, 48, 2],
  [24, 6, 1 / 6],
  [1, 1 / 3, 1 / 60],
])('certificatesDuration %ih: renewed %fh before expiry, checked every %fh (Traefik)', (hours, before, every) => {
  expect(renewDurations(hours)).toEqual({ renewBefore: before * 3_600_000, checkInterval: every * 3_600_000 });
});

test('an explicit renewBefore wins; left at its default, certificatesDuration decides', () => {
  expect(effectiveRenewBefore({ renewBefore: 5_000, certificatesDuration: 2160 })).toBe(5_000);
  expect(effectiveRenewBefore({ renewBefore: 30 * 86_400_000, certificatesDuration: 24 })).toBe(6 * 3_600_000);
  expect(effectiveRenewBefore({ renewBefore: 30 * 86_400_000, certificatesDuration: 2160 })).toBe(30 * 86_400_000);
});

test('backoff doubles from the initial delay and stops at the cap', () => {
  expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([
    1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
  ]);
});
