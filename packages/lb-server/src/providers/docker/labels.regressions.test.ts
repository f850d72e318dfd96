/**
 * Regressions found by the Docker label fuzz test (labels.fuzz.test.ts), each named by the labels
 * that found it: prototype names are refused or kept as plain names, never silently dropped, and
 * errors name the label as the container spells it.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleTemplate } from './template';
import { container, translate } from '../../../test/support/providers/docker-containers';

describe('label translation regressions found by fuzzing', () => {
  it.each([
    {
      labels: { 'traefik.http.routers.__proto__.rule': 'Host(`a`)' },
      label: 'traefik.http.routers.__proto__.rule',
      text: "'__proto__' cannot name",
    },
    {
      labels: { 'traefik.http.services.__proto__.loadbalancer.server.port': '80' },
      label: 'traefik.http.services.__proto__.loadbalancer.server.port',
      text: "'__proto__' cannot name",
    },
    {
      labels: { 'traefik.http.routers.a.rule': 'Host(`a`)', 'traefik.http.routers.a.tls.__proto__': 'x' },
      label: 'traefik.http.routers.a.tls.__proto__',
      text: 'unknown key',
    },
    {
      labels: { 'traefik.http.routers.a.rule': 'Host(`a`)', 'traefik.http.routers.a.__proto__.x': '1' },
      label: 'traefik.http.routers.a.__proto__.x',
      text: 'unknown key',
    },
    {
      labels: { 'traefik.frontend.rule': 'Host:a', 'traefik.frontend.headers.constructor': 'x' },
      label: 'traefik.frontend.headers.constructor',
      text: 'unknown Traefik label',
    },
    {
      labels: { 'TRAEFIK.HTTP.SERVICES.WEB.LOADBALANCER.SERVER.PORT': '99999999999999999999' },
      label: 'TRAEFIK.HTTP.SERVICES.WEB.LOADBALANCER.SERVER.PORT',
      text: 'from 1 to 65535',
    },
  ])('$labels is refused, naming $label', ({ labels, label, text }) => {
    const result = translate([container(labels)]);
    expect(result.errors.find((e) => e.message.includes(text))).toMatchObject({
      code: 'LB_DOCKER_LABEL',
      container: 'web',
      label,
    });
    expect(result.config.http.routers).toEqual({});
  });

  it("a blank segment backend ('traefik.tostring.backend=') falls back to the segment's name instead of an empty router name", () => {
    const result = translate([container({ 'traefik.api.protocol': 'http', 'TRAEFIK.TOSTRING.BACKEND': '' })]);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.config.http.routers ?? {}).sort()).toEqual(['web-api', 'web-tostring']);
  });

  it('v1 header maps keep a __proto__ header as a header', () => {
    const result = translate([
      container({
        'traefik.frontend.rule': 'Host:a',
        'traefik.frontend.headers.customRequestHeaders': '__proto__:x||X-A:1',
      }),
    ]);
    const headers = result.config.http.middlewares?.['web-headers'] as
      { headers?: { customRequestHeaders?: Record<string, string> } } | undefined;
    expect(Object.entries(headers?.headers?.customRequestHeaders ?? {})).toEqual([
      ['__proto__', 'x'],
      ['X-A', '1'],
    ]);
  });

  it.each([
    ['Host(`{{ index .Labels "__proto__" }}x`)', 'Host(`x`)'],
    ['Host(`{{ .Labels.constructor }}y`)', 'Host(`y`)'],
    ['Host(`{{ "\\x41\\u00e9\\101" }}`)', 'Host(`AéA`)'],
  ])('defaultRule %s renders %s (missing labels are empty, Go string escapes)', (source, expected) => {
    expect(compileRuleTemplate(source)({ Name: 'n', ContainerName: 'c', Labels: {} })).toBe(expected);
  });
});
