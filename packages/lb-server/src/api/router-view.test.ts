/** A router's `tls` in the API: the effective block (own or the entry point's) in Traefik's shape; absent on plain routers. */
import { describe, expect, it } from 'vitest';
import { viewContext } from './representations';
import { routerInfo } from './router-view';
import { router, runtimeOf } from '../../test/support/api/runtime-builders';

const config = {
  http: {
    routers: { 'a@file': { rule: 'Host(`a`)', service: 's@file' }, 'b@file': { rule: 'Host(`b`)', service: 's@file' } },
  },
};

describe('routerInfo: tls', () => {
  it('shows options, resolver and domains of a TLS router, and nothing for a plain one', () => {
    const secure = {
      ...router(config, 'a@file', undefined),
      tls: {
        options: 'modern@file',
        certResolver: 'le',
        domains: [
          { main: 'a', sans: [] },
          { main: 'x.example', sans: ['*.x.example'] },
        ],
      },
    };
    const plain = router(config, 'b@file', undefined);
    const ctx = viewContext(runtimeOf(config, { routers: [secure, plain] }));
    expect(routerInfo(secure, ctx).tls).toEqual({
      options: 'modern@file',
      certResolver: 'le',
      domains: [{ main: 'a' }, { main: 'x.example', sans: ['*.x.example'] }],
    });
    expect('tls' in routerInfo(plain, ctx)).toBe(false);
  });

  it('shows a TLS router without resolver or hosts as its options alone', () => {
    const secure = { ...router(config, 'a@file', undefined), tls: { options: 'default', domains: [] } };
    expect(routerInfo(secure, viewContext(runtimeOf(config, { routers: [secure] }))).tls).toEqual({
      options: 'default',
    });
  });
});
