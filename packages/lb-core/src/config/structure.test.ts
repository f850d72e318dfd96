/**
 * The skeleton check: every section and kind of Traefik's dynamic configuration with a value of
 * the wrong type is a structural error naming its path and what was expected and found; a
 * validation with a structural error returns no element at all, so nothing is served from it.
 */
import { describe, expect, it } from 'vitest';
import { checkStructure, describeFound, isStructuralError } from './structure';
import { validateDynamicConfig } from './validate';

const lb = { loadBalancer: { servers: [{ url: 'http://10.0.0.2:3000' }] } };
const good = { routers: { web: { rule: 'Path(`/`)', service: 'web' } }, services: { web: lb } };

describe('checkStructure: a sound skeleton', () => {
  it.each([
    { desc: 'nothing', input: null },
    { desc: 'an empty map', input: {} },
    { desc: 'a full http section', input: { http: { ...good, middlewares: { m: { addPrefix: { prefix: '/x' } } } } } },
    {
      desc: 'null sections and kinds (content commented out)',
      input: { http: null, tcp: { routers: null }, tls: null },
    },
    { desc: 'keys in any case', input: { HTTP: { Routers: { web: {} }, SERVICES: {} } } },
    {
      desc: 'every Traefik section, well shaped',
      input: {
        tcp: { routers: {}, services: {}, middlewares: {}, serversTransports: {} },
        udp: { routers: {}, services: {} },
        tls: { certificates: [{ certFile: 'a' }], options: { default: {} }, stores: { default: {} } },
      },
    },
    {
      desc: 'an element with bad settings (left to the element readers)',
      input: { http: { routers: { web: { rule: 5, colour: 'red' } } } },
    },
  ])('accepts $desc', ({ input }) => {
    expect(checkStructure(input)).toEqual([]);
  });
});

describe('checkStructure: structural errors', () => {
  it.each([
    {
      desc: 'a list at the root',
      input: [],
      path: '',
      text: 'the configuration must be a map of sections (http, tcp, udp, tls), found an empty list',
    },
    { desc: 'a string at the root', input: 'http: {}', path: '', text: 'found a string ("http: {}")' },
    {
      desc: 'unknown top-level junk',
      input: { http: {}, junk: 1 },
      path: 'junk',
      text: "unknown top-level key 'junk'; expected one of http, tcp, udp, tls",
    },
    {
      desc: 'a typo of http',
      input: { htp: good },
      path: 'htp',
      text: "unknown top-level key 'htp' (did you mean 'http'?)",
    },
    {
      desc: 'http as a list',
      input: { http: [] },
      path: 'http',
      text: 'expected a map (routers, services, middlewares, serversTransports, models), found an empty list',
    },
    { desc: 'http as a number', input: { http: 5 }, path: 'http', text: 'found a number (5)' },
    {
      desc: 'tcp as a number',
      input: { http: good, tcp: 7 },
      path: 'tcp',
      text: 'expected a map (routers, services, middlewares, serversTransports), found a number (7)',
    },
    { desc: 'udp as a string', input: { udp: 'x' }, path: 'udp', text: 'found a string ("x")' },
    { desc: 'tls as a boolean', input: { tls: true }, path: 'tls', text: 'found a boolean (true)' },
    {
      desc: 'http.routers as a number',
      input: { http: { ...good, routers: 5 } },
      path: 'http.routers',
      text: 'expected a map from router name to router, found a number (5)',
    },
    {
      desc: 'http.routers as a list',
      input: { http: { routers: ['web'] } },
      path: 'http.routers',
      text: 'found a list (1 item)',
    },
    {
      desc: 'http.services as a string',
      input: { http: { services: 'web' } },
      path: 'http.services',
      text: 'expected a map from service name to service',
    },
    {
      desc: 'http.middlewares as a number',
      input: { http: { middlewares: 0 } },
      path: 'http.middlewares',
      text: 'expected a map from middleware name to middleware, found a number (0)',
    },
    {
      desc: 'http.serversTransports as a list',
      input: { http: { serversTransports: [] } },
      path: 'http.serversTransports',
      text: 'expected a map from servers transport name',
    },
    {
      desc: 'http.models as a string',
      input: { http: { models: 's' } },
      path: 'http.models',
      text: 'expected a map from model name',
    },
    {
      desc: 'a typo in http',
      input: { http: { router: good.routers } },
      path: 'http.router',
      text: "unknown key in http 'router' (did you mean 'routers'?)",
    },
    {
      desc: 'tcp.routers as a number',
      input: { tcp: { routers: 1 } },
      path: 'tcp.routers',
      text: 'expected a map from router name to router',
    },
    {
      desc: 'udp.services as a list',
      input: { udp: { services: [] } },
      path: 'udp.services',
      text: 'expected a map from service name',
    },
    {
      desc: 'tls.certificates as a map',
      input: { tls: { certificates: {} } },
      path: 'tls.certificates',
      text: 'expected a list of certificates, found a map',
    },
    {
      desc: 'a tls certificate as a string',
      input: { tls: { certificates: ['a.pem'] } },
      path: 'tls.certificates[0]',
      text: 'expected a certificate (a map of its settings), found a string ("a.pem")',
    },
    {
      desc: 'tls.options as a list',
      input: { tls: { options: [] } },
      path: 'tls.options',
      text: 'expected a map from TLS option name',
    },
    {
      desc: 'a service as a string',
      input: { http: { ...good, services: { web: lb, x: 'str' } } },
      path: 'http.services.x',
      text: 'expected a service (a map of its settings), found a string ("str")',
    },
    {
      desc: 'a router as a number',
      input: { http: { routers: { web: 5 } } },
      path: 'http.routers.web',
      text: 'expected a router (a map of its settings), found a number (5)',
    },
    {
      desc: 'a middleware as a list',
      input: { http: { middlewares: { m: [] } } },
      path: 'http.middlewares.m',
      text: 'expected a middleware (a map of its settings), found an empty list',
    },
    {
      desc: 'the same section twice in two cases',
      input: { http: {}, HTTP: {} },
      path: 'HTTP',
      text: "'http' and 'HTTP' name the same key",
    },
  ])('$desc → $path', ({ input, path, text }) => {
    const errors = checkStructure(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path, code: 'LB_CONFIG_STRUCTURE' });
    expect(errors[0]?.message).toContain(text);
    expect(errors.every(isStructuralError)).toBe(true);
  });

  it('reports a mis-indented router (its keys became routers) at each wrong entry', () => {
    // routers:\n  web:\n  rule: …\n  service: web   ← `rule` and `service` one level too high
    const errors = checkStructure({
      http: { routers: { web: null, rule: 'Path(`/`)', service: 'web' }, services: { web: lb } },
    });
    expect(errors.map((e) => e.path)).toEqual(['http.routers.web', 'http.routers.rule', 'http.routers.service']);
    expect(errors[0]?.message).toContain('found nothing (null); check the indentation');
  });

  it('shortens long values it quotes', () => {
    expect(describeFound('x'.repeat(100))).toBe(`a string ("${'x'.repeat(39)}…)`);
  });
});

describe('validateDynamicConfig refuses a snapshot with a structural error', () => {
  it.each([
    { desc: 'http.routers: 5 beside good services', input: { http: { routers: 5, services: { web: lb } } } },
    {
      desc: 'one service that is a string beside good ones',
      input: { http: { ...good, services: { web: lb, x: 'str' } } },
    },
    { desc: 'tcp: 7 beside a good http section', input: { http: good, tcp: 7 } },
    { desc: 'tls.certificates: {} beside a good http section', input: { http: good, tls: { certificates: {} } } },
    { desc: 'a typo of http beside it', input: { http: good, htpp: good } },
  ])('$desc: no element, only structural errors', ({ input }) => {
    const { config, errors } = validateDynamicConfig(input);
    expect(config).toStrictEqual({ http: { routers: {}, services: {}, middlewares: {} } });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(isStructuralError)).toBe(true);
  });

  it('still disables only the element whose settings are wrong', () => {
    const { config, errors } = validateDynamicConfig({
      http: { ...good, routers: { ...good.routers, bad: { rule: 'Path(`/b`)' } } },
    });
    expect(Object.keys(config.http.routers ?? {})).toEqual(['web']);
    expect(errors.map((e) => [e.path, e.code])).toEqual([['http.routers.bad.service', 'LB_CONFIG_INVALID']]);
  });

  it('keeps reporting a well-shaped unsupported section as a warning beside the elements', () => {
    const { config, errors } = validateDynamicConfig({ http: good, tcp: { routers: {} } });
    expect(Object.keys(config.http.routers ?? {})).toEqual(['web']);
    expect(errors).toEqual([
      { path: 'tcp', code: 'LB_CONFIG_INVALID', message: 'the tcp section is not supported by Junction' },
    ]);
  });
});
