/**
 * Label errors in the Docker translation, one label's form: unknown keys and sections (with a
 * suggestion), bad v1 and v2 values, rules that do not parse, v1 mixed with v2, unsupported labels
 * and an ambiguous router service. Each disables only the container at fault, naming it and the
 * label, while a good neighbour keeps serving. Addresses, conflicts, references and provider
 * options: containers-to-config.errors.containers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { container, translate } from '../../../test/support/providers/docker-containers';

describe('label errors disable only the container at fault, naming it and the label', () => {
  it.each([
    {
      desc: 'unknown v2 key, with a suggestion',
      labels: { 'traefik.http.routers.api.rul': 'Host(`a`)' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.routers.api.rul',
      text: "did you mean 'rule'?",
    },
    {
      desc: 'unknown v2 section',
      labels: { 'traefik.http.router.api.rule': 'Host(`a`)' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.router',
      text: "did you mean 'routers'?",
    },
    {
      desc: 'unknown v2 server key',
      labels: { 'traefik.http.services.s.loadbalancer.server.prot': '80' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.services.s.loadbalancer.server.prot',
      text: "did you mean 'port'?",
    },
    {
      desc: 'unknown v1 key, with a suggestion',
      labels: { 'traefik.frontend.rul': 'Host:a' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.frontend.rul',
      text: "did you mean 'traefik.frontend.rule'?",
    },
    {
      desc: 'misspelt v1 top-level key',
      labels: { 'traefik.prot': '80' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.prot',
      text: "did you mean 'traefik.port'?",
    },
    {
      desc: 'misspelt v1 section read as a segment',
      labels: { 'traefik.fronted.rule': 'Host:a' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.fronted.rule',
      text: "did you mean 'traefik.frontend.rule'?",
    },
    {
      desc: 'v1 port is not a number',
      labels: { 'traefik.port': 'http' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.port',
      text: 'must be an integer from 1 to 65535',
    },
    {
      desc: 'v1 negative weight',
      labels: { 'traefik.weight': '-1' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.weight',
      text: 'must be an integer from 0',
    },
    {
      desc: 'v1 unknown protocol',
      labels: { 'traefik.protocol': 'ftp' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.protocol',
      text: 'must be http, https or h2c',
    },
    {
      desc: 'v1 unknown method',
      labels: { 'traefik.backend.loadbalancer.method': 'random' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.backend.loadbalancer.method',
      text: 'wrr or drr',
    },
    {
      desc: 'v1 bad priority (checked by lb-core)',
      labels: { 'traefik.frontend.priority': 'high' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.frontend.priority',
      text: 'must be an integer',
    },
    {
      desc: 'v1 bad health-check interval',
      labels: { 'traefik.backend.healthcheck.path': '/h', 'traefik.backend.healthcheck.interval': 'often' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.backend.healthcheck.interval',
      text: 'interval',
    },
    {
      desc: 'v1 rule that does not parse',
      labels: { 'traefik.frontend.rule': 'Host' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.frontend.rule',
      text: 'LB_RULE_',
    },
    {
      desc: 'v2 rule that does not parse',
      labels: { 'traefik.http.routers.api.rule': 'Host(`a`' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.routers.api.rule',
      text: 'LB_RULE_SYNTAX',
    },
    {
      desc: 'v2 port out of range',
      labels: { 'traefik.http.services.s.loadbalancer.server.port': '99999' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.services.s.loadbalancer.server.port',
      text: 'from 1 to 65535',
    },
    {
      desc: 'v2 wrong type (checked by lb-core)',
      labels: { 'traefik.http.services.s.loadbalancer.passhostheader': 'maybe' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.services.s.loadbalancer.passhostheader',
      text: 'must be true or false',
    },
    {
      desc: 'v2 unknown strategy',
      labels: { 'traefik.http.services.s.loadbalancer.strategy': 'fastest' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.services.s.loadbalancer.strategy',
      text: 'unknown strategy',
    },
    {
      desc: 'v2 unknown middleware type',
      labels: { 'traefik.http.middlewares.m.stripprefx.prefixes': '/a' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.middlewares.m.stripprefx.prefixes',
      text: 'stripPrefix',
    },
    {
      desc: 'misspelt provider label',
      labels: { 'traefik.docker.netwrok': 'lab_default' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.docker.netwrok',
      text: "did you mean 'traefik.docker.network'?",
    },
    {
      desc: 'traefik.enable is not a boolean',
      labels: { 'traefik.enable': 'yes please' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.enable',
      text: 'must be true or false',
    },
    {
      desc: 'v1 label mixed with v2 labels',
      labels: { 'traefik.http.routers.api.rule': 'Host(`a`)', 'traefik.port': '80' },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.port',
      text: 'mixed with v2',
    },
    {
      desc: 'unsupported v1 label (would drop a protection)',
      labels: { 'traefik.frontend.auth.forward.address': 'http://auth' },
      code: 'LB_DOCKER_LABEL_UNSUPPORTED',
      label: 'traefik.frontend.auth.forward.address',
      text: 'not supported',
    },
    {
      desc: 'unsupported TCP router',
      labels: { 'traefik.tcp.routers.db.rule': 'HostSNI(`*`)' },
      code: 'LB_DOCKER_LABEL_UNSUPPORTED',
      label: 'traefik.tcp.routers.db.rule',
      text: 'HTTP only',
    },
    {
      desc: 'a router with no service when the container has two',
      labels: {
        'traefik.http.routers.api.rule': 'Host(`a`)',
        'traefik.http.services.a.loadbalancer.server.port': '1',
        'traefik.http.services.b.loadbalancer.server.port': '2',
      },
      code: 'LB_DOCKER_LABEL',
      label: 'traefik.http.routers.api.service',
      text: 'defines several (a, b)',
    },
  ])('$desc', ({ labels, code, label, text }) => {
    const good = container(
      { 'traefik.http.routers.good.rule': 'Host(`good`)' },
      { name: 'good', networks: [{ name: 'net', ip: '172.20.0.9' }] },
    );
    const result = translate([container(labels), good]);
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) expect(e).toMatchObject({ container: 'web' });
    const error = result.errors.find((e) => e.message.includes(text));
    expect(error, result.errors.map((e) => e.message).join('\n')).toMatchObject({ code, container: 'web', label });
    expect(error?.message).toContain(`container web, label ${label}`);
    expect(Object.keys(result.config.http.routers ?? {})).toEqual(['good']);
    expect(Object.keys(result.config.http.services ?? {})).toEqual(['good']);
  });
});
