import { describe, expect, it } from 'vitest';
import { container, replica, translate } from '../../../test/support/providers/docker-containers';

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

  it.each([
    {
      desc: 'no exposed port and no port label',
      over: { ports: [] },
      code: 'LB_DOCKER_PORT',
      label: 'traefik.http.services.web.loadbalancer.server.port',
      text: 'exposes no TCP port',
    },
    {
      desc: 'several exposed ports and no port label (Traefik would guess the lowest)',
      over: {
        ports: [
          { privatePort: 443, type: 'tcp' as const },
          { privatePort: 80, type: 'tcp' as const },
        ],
      },
      code: 'LB_DOCKER_PORT',
      label: 'traefik.http.services.web.loadbalancer.server.port',
      text: 'several TCP ports (80, 443)',
    },
    {
      desc: 'several networks and none chosen',
      over: {
        networks: [
          { name: 'a', ip: '10.0.0.2' },
          { name: 'b', ip: '10.1.0.2' },
        ],
      },
      code: 'LB_DOCKER_NETWORK',
      text: 'several networks (a, b)',
    },
    {
      desc: 'network mode none',
      over: { networkMode: 'none', networks: [] },
      code: 'LB_DOCKER_NETWORK',
      text: 'network mode none',
    },
    {
      desc: 'container: mode naming a container that is gone',
      over: { networkMode: 'container:deadbeef' },
      code: 'LB_DOCKER_NETWORK',
      text: 'not running',
    },
  ])('address: $desc', ({ over, code, label, text }) => {
    const result = translate([container({}, over)]);
    expect(result.errors).toMatchObject([{ code, container: 'web', ...(label === undefined ? {} : { label }) }]);
    expect(result.errors[0]?.message).toContain(text);
  });

  it('address: unknown network from the label names the label and the networks', () => {
    const result = translate([
      container({ 'traefik.docker.network': 'default' }, { networks: [{ name: 'lab_default', ip: '10.0.0.2' }] }),
    ]);
    expect(result.errors).toMatchObject([
      { code: 'LB_DOCKER_NETWORK', container: 'web', label: 'traefik.docker.network' },
    ]);
    expect(result.errors[0]?.message).toContain(
      "network 'default' (from the label) is not one of the container's networks (lab_default)",
    );
  });

  it('address: unknown network from --providers.docker.network', () => {
    const result = translate([container()], { network: 'proxy' });
    expect(result.errors[0]?.message).toContain("network 'proxy' (from --providers.docker.network)");
  });

  it('conflicting replicas: the older definition serves, the newer container is disabled, both are named', () => {
    const rule = (r: string) => ({ 'traefik.backend': 'jokes', 'traefik.frontend.rule': r });
    const result = translate([
      replica('lab', 'dynamic', 2, rule('Host:new.example')),
      replica('lab', 'dynamic', 1, rule('Host:demo.res.ch')),
    ]);
    expect(result.errors).toMatchObject([
      {
        code: 'LB_DOCKER_CONFLICT',
        container: 'lab_dynamic_2',
        otherContainer: 'lab_dynamic_1',
        label: 'traefik.frontend.rule',
      },
    ]);
    expect(result.errors[0]?.message).toContain(
      `router 'jokes' is already defined differently by container lab_dynamic_1 (rule: "Host:demo.res.ch" vs "Host:new.example")`,
    );
    expect(result.config.http.routers?.jokes?.rule).toBe('Host:demo.res.ch');
    const service = result.config.http.services?.jokes;
    expect(
      service !== undefined && 'loadBalancer' in service ? service.loadBalancer.servers.map((s) => s.id) : [],
    ).toEqual(['lab/dynamic/1']);
  });

  it('conflicting service settings between replicas', () => {
    const result = translate([
      replica('lab', 'dynamic', 1, { 'traefik.backend.loadbalancer.sticky': 'true' }),
      replica('lab', 'dynamic', 2, { 'traefik.backend.loadbalancer.sticky': 'false' }),
    ]);
    expect(result.errors).toMatchObject([
      { code: 'LB_DOCKER_CONFLICT', container: 'lab_dynamic_2', label: 'traefik.backend.loadbalancer.sticky' },
    ]);
  });

  it('a router naming a middleware nobody defines: lb-core reference error, container named', () => {
    const result = translate([
      container({ 'traefik.http.routers.api.rule': 'Host(`a`)', 'traefik.http.routers.api.middlewares': 'nope' }),
    ]);
    expect(result.errors).toMatchObject([{ code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE', container: 'web' }]);
    expect(result.config.http.routers).toEqual({});
  });

  it('a constraints expression that does not parse is one provider-level error', () => {
    const result = translate([container()], { constraints: 'Label(`a`' });
    expect(result.errors).toMatchObject([{ code: 'LB_DOCKER_CONSTRAINTS' }]);
    expect(result.config.http.routers).toEqual({});
  });

  it('a defaultRule that does not compile disables containers that need it', () => {
    const result = translate([container(), container({ 'traefik.http.routers.x.rule': 'Host(`x`)' }, { name: 'ok' })], {
      defaultRule: 'Host(`{{ .Nme }}`)',
    });
    expect(result.errors).toMatchObject([{ code: 'LB_DOCKER_TEMPLATE', container: 'web' }]);
    expect(Object.keys(result.config.http.routers ?? {})).toEqual(['x']);
  });
});
