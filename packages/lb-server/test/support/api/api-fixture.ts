/**
 * Test-only: one realistic runtime for the API tests. Two providers (`file`, `docker`); a router
 * whose rule does not parse (disabled, `LB_RULE_SYNTAX` from lb-core's parser); a router on an
 * entry point that does not exist (warning); a sticky service with a health check; weighted and
 * failover services; a service that could not be built (disabled); middlewares of three types,
 * one unused; a name with a `/` in it; an error attached to no element. And the API plugin served
 * over it on loopback, as most API test files set it up.
 */
import type { DynamicConfig } from '@junction/lb-core';
import { apiPlugin } from '../../../src/api/api-plugin';
import type { ElementError, FailoverService, Runtime } from '../../../src/runtime/runtime';
import { serve, type Served } from '../../helpers/http-client';
import {
  disabledService,
  lbService,
  mergedConfig,
  middleware,
  router,
  ruleError,
  runtimeOf,
  weightedService,
  type TestLbService,
} from './runtime-builders';
import { sourcesOf } from './api-sources-builders';

/** The rule of `broken@file`; it misses its closing parenthesis. */
export const BROKEN_RULE = 'Host(`broken.local`';

const FILE = {
  http: {
    routers: {
      api: {
        rule: 'Host(`api.local`) && PathPrefix(`/api`)',
        service: 'jokes',
        middlewares: ['strip', 'auth'],
        entryPoints: ['web'],
      },
      site: { rule: 'Host(`site.local`)', service: 'site', entryPoints: ['web', 'missing'], priority: 100 },
      broken: { rule: BROKEN_RULE, service: 'jokes', entryPoints: ['web'] },
    },
    services: {
      jokes: {
        loadBalancer: {
          servers: [{ url: 'http://127.0.0.1:3001' }, { url: 'http://127.0.0.1:3002', weight: 2 }],
          sticky: { cookie: {} },
          healthCheck: { path: '/health', interval: '10s', timeout: '3s' },
        },
      },
      site: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:4001' }], passHostHeader: false } },
      split: {
        weighted: {
          services: [
            { name: 'jokes', weight: 3 },
            { name: 'site', weight: 1 },
          ],
        },
      },
      backup: { failover: { service: 'jokes', fallback: 'site' } },
    },
    middlewares: {
      strip: { stripPrefix: { prefixes: ['/api'] } },
      auth: { basicAuth: { users: ['admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/'] } },
      limit: { rateLimit: { average: 10, period: '1s', burst: 5 } },
    },
  },
};

const DOCKER = {
  http: {
    routers: { 'whoami/v2': { rule: 'Host(`whoami.local`)', service: 'whoami', entryPoints: ['web'] } },
    services: { whoami: { loadBalancer: { servers: [{ url: 'http://172.17.0.5:80' }] } } },
  },
};

/** The fixture: its merged configuration, its runtime, and the services (to flip server health). */
export interface Fixture {
  readonly config: DynamicConfig;
  readonly runtime: Runtime;
  readonly jokes: TestLbService;
  readonly site: TestLbService;
}

/** The error of the fixture that belongs to no element. */
export const LOOSE_ERROR: ElementError = {
  code: 'LB_CONFIG_INVALID',
  provider: 'file',
  message: 'unknown key "htp"',
  path: 'htp',
  file: '/etc/junction/dynamic.yml',
  line: 1,
  column: 1,
};

/** Builds a fresh fixture (fresh balancers: tests may change server health). */
export function fixture(generation = 1): Fixture {
  const config = mergedConfig({ file: FILE, docker: DOCKER });
  const jokes = lbService(config, 'jokes@file', { usedBy: ['api@file', 'broken@file'] });
  const site = lbService(config, 'site@file', { usedBy: ['site@file'] });
  const whoami = lbService(config, 'whoami@docker', { usedBy: ['whoami/v2@docker'] });
  const split = weightedService('split@file', [
    [jokes, 3],
    [site, 1],
  ]);
  const backup: FailoverService = {
    kind: 'failover',
    name: 'backup@file',
    provider: 'file',
    status: 'enabled',
    errors: [],
    usedBy: [],
    main: jokes,
    fallback: site,
  };
  const ghost = disabledService('ghost@docker', [
    { code: 'LB_CONFIG_UNKNOWN_STRATEGY', provider: 'docker', message: 'unknown balancing strategy "fastest"' },
  ]);
  const missingEntryPoint = {
    code: 'LB_CONFIG_INVALID',
    message: 'entryPoint "missing" doesn\'t exist',
    path: 'http.routers.site.entryPoints',
  };
  const runtime = runtimeOf(config, {
    generation,
    routers: [
      router(config, 'api@file', jokes),
      router(config, 'site@file', site, { status: 'warning', errors: [missingEntryPoint] }),
      router(config, 'broken@file', undefined, {
        status: 'disabled',
        errors: [{ ...ruleError(BROKEN_RULE), file: '/etc/junction/dynamic.yml', line: 7, column: 14 }],
      }),
      router(config, 'whoami/v2@docker', whoami),
    ],
    services: [jokes, site, split, backup, ghost, whoami],
    looseErrors: [LOOSE_ERROR],
    middlewares: [
      middleware(config, 'strip@file', { usedBy: ['api@file'] }),
      middleware(config, 'auth@file', { usedBy: ['api@file'] }),
      middleware(config, 'limit@file'),
    ],
  });
  return { config, runtime, jokes, site };
}

/** A fresh {@link fixture} and the API plugin serving it on loopback (the caller closes `api`). */
export async function serveFixtureApi(): Promise<{ fx: Fixture; api: Served }> {
  const fx = fixture();
  return { fx, api: await serve(apiPlugin, { sources: sourcesOf(() => fx.runtime) }) };
}
