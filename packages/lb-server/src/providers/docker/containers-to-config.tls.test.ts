/** Router TLS from Docker labels (v2/v3 and v1), and the refusal of `traefik.tls.*` (Traefik allows no certificates in labels). */
import { describe, expect, it } from 'vitest';
import { container, translate } from '../../../test/support/providers/docker-containers';

const R = 'traefik.http.routers.api';

describe('router tls labels', () => {
  it.each([
    { desc: 'tls=true', labels: { [`${R}.tls`]: 'true' }, tls: {} },
    { desc: 'tls=false', labels: { [`${R}.tls`]: 'false' }, tls: undefined },
    {
      desc: 'certresolver alone makes a TLS router',
      labels: { [`${R}.tls.certresolver`]: 'le' },
      tls: { certResolver: 'le' },
    },
    {
      desc: 'every field, keys in any case',
      labels: {
        [`${R}.tls`]: 'true',
        [`${R}.TLS.CertResolver`]: 'le',
        [`${R}.tls.options`]: 'modern@file',
        [`${R}.tls.domains[0].main`]: 'example.com',
        [`${R}.tls.domains[0].sans`]: '*.example.com, www.example.com',
        [`${R}.tls.domains[1].main`]: 'example.org',
      },
      tls: {
        certResolver: 'le',
        options: 'modern@file',
        domains: [{ main: 'example.com', sans: ['*.example.com', 'www.example.com'] }, { main: 'example.org' }],
      },
    },
  ])('$desc', ({ labels, tls }) => {
    const result = translate([container({ [`${R}.rule`]: 'Host(`a`)', ...labels })]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.routers?.api?.tls).toStrictEqual(tls);
  });

  it('reports an unknown key under tls with a suggestion', () => {
    const result = translate([container({ [`${R}.rule`]: 'Host(`a`)', [`${R}.tls.certresolvr`]: 'le' })]);
    expect(result.errors.map((e) => e.message).join()).toMatch(/certResolver/);
    expect(result.config.http.routers?.api).toBeUndefined();
  });

  it('keeps refusing traefik.tls.* (certificates and options belong to the file provider)', () => {
    const result = translate([
      container({ [`${R}.rule`]: 'Host(`a`)', 'traefik.tls.options.default.minversion': 'VersionTLS13' }),
    ]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.message).join()).toMatch(/not supported/);
  });
});

describe('v1 labels', () => {
  it('frontend.entryPoints=http,https becomes the router entry points', () => {
    const result = translate([
      container({
        'traefik.frontend.rule': 'Host:a.example',
        'traefik.frontend.entryPoints': 'http,https',
        'traefik.port': '80',
      }),
    ]);
    expect(result.errors).toEqual([]);
    const routers = Object.values(result.config.http.routers ?? {});
    expect(routers.map((r) => r.entryPoints)).toEqual([['http', 'https']]);
  });
});
