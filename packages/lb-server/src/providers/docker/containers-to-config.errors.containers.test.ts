/**
 * Errors in the Docker translation beyond one label's form: a container with no usable address
 * (ports, networks, network modes), replicas whose definitions conflict, a reference lb-core
 * rejects, and provider options (constraints, defaultRule) that do not compile. Each names the
 * container at fault. One label's form: containers-to-config.errors.labels.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { container, replica, translate } from '../../../test/support/providers/docker-containers';

describe('label errors disable only the container at fault, naming it and the label', () => {
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
