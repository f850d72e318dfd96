/**
 * Structurally wrong labels (a value where a section or an element name belongs, a section that
 * does not exist, a non-HTTP section) disable only the container that carries them, naming the
 * label; the other containers keep routing. The Docker snapshot is never refused as a whole
 * (no `LB_CONFIG_STRUCTURE` error leaves the provider): a container's labels are its own unit,
 * as in Traefik, and freezing the whole provider would keep routing to containers that stopped.
 */
import { isStructuralError } from '@junction/lb-core';
import { describe, expect, it } from 'vitest';
import { container, translate } from '../../../test/support/providers/docker-containers';

describe('structurally wrong labels disable only their container', () => {
  it.each([
    {
      desc: 'a value on traefik.http.routers',
      labels: { 'traefik.http.routers': '5' },
      label: 'traefik.http.routers',
      text: 'takes no value',
    },
    {
      desc: 'a value on traefik.http.services',
      labels: { 'traefik.http.services': 'web' },
      label: 'traefik.http.services',
      text: 'takes no value',
    },
    {
      desc: 'a value on traefik.http.middlewares',
      labels: { 'traefik.http.middlewares': '[]' },
      label: 'traefik.http.middlewares',
      text: 'takes no value',
    },
    {
      desc: 'a value where a router belongs',
      labels: { 'traefik.http.routers.web': 'x' },
      label: 'traefik.http.routers.web',
      text: 'needs options',
    },
    {
      desc: 'a value where a service belongs',
      labels: { 'traefik.http.services.x': 'str' },
      label: 'traefik.http.services.x',
      text: 'needs options',
    },
    {
      desc: 'a router and its options both given a value',
      labels: { 'traefik.http.routers.web': 'x', 'traefik.http.routers.web.rule': 'Host(`a`)' },
      label: 'traefik.http.routers.web.rule',
      text: 'conflicts with the label traefik.http.routers.web',
    },
    {
      desc: 'a value on traefik.http',
      labels: { 'traefik.http': '[]' },
      label: 'traefik.http',
      text: 'unknown Traefik label',
    },
    {
      desc: 'a misspelt section',
      labels: { 'traefik.htp.routers.web.rule': 'Host(`a`)' },
      label: 'traefik.htp.routers.web.rule',
      text: 'unknown Traefik label',
    },
    {
      desc: 'an unknown kind under http',
      labels: { 'traefik.http.router.web.rule': 'Host(`a`)' },
      label: 'traefik.http.router',
      text: "did you mean 'routers'?",
    },
    {
      desc: 'a value on traefik.tcp',
      labels: { 'traefik.tcp': '7' },
      label: 'traefik.tcp',
      text: 'unknown Traefik label',
    },
    {
      desc: 'tls certificates',
      labels: { 'traefik.tls.certificates': '{}' },
      label: 'traefik.tls.certificates',
      text: 'not supported',
    },
  ])('$desc', ({ labels, label, text }) => {
    const good = container(
      { 'traefik.http.routers.good.rule': 'Host(`good`)' },
      { name: 'good', networks: [{ name: 'net', ip: '172.20.0.9' }] },
    );
    const result = translate([container(labels), good]);
    const error = result.errors.find((e) => e.message.includes(text));
    expect(error, result.errors.map((e) => e.message).join('\n')).toMatchObject({ container: 'web', label });
    expect(result.errors.every((e) => 'container' in e && e.container === 'web')).toBe(true);
    expect(result.errors.some(isStructuralError)).toBe(false);
    expect(Object.keys(result.config.http.routers ?? {})).toEqual(['good']);
    expect(Object.keys(result.config.http.services ?? {})).toEqual(['good']);
  });
});
