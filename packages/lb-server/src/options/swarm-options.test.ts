import { describe, expect, it } from 'vitest';
import { helpText } from './help';
import { isOptionsError } from './options-error';
import { parseStaticOptions } from './parse-static-options';

describe('Swarm provider options', () => {
  it("--providers.swarm turns it on with Traefik's defaults", () => {
    const options = parseStaticOptions(['--providers.swarm'], {});
    expect(options.providers.docker).toBeUndefined();
    expect(options.providers.swarm).toEqual({
      endpoint: 'unix:///var/run/docker.sock',
      exposedByDefault: true,
      network: undefined,
      defaultRule: 'Host(`{{ normalize .Name }}`)',
      constraints: undefined,
      watch: true,
      allowEmptyServices: false,
      httpClientTimeout: 0,
      tls: undefined,
      refreshSeconds: 15_000,
    });
  });

  it('reads every v3 setting, refreshSeconds as seconds or a duration, from flags, environment and file', () => {
    const flags = parseStaticOptions(
      [
        '--providers.swarm.endpoint=tcp://manager:2376',
        '--providers.swarm.network=lab_net',
        '--providers.swarm.exposedByDefault=false',
        '--providers.swarm.refreshSeconds=30',
        '--providers.swarm.allowEmptyServices=true',
        '--providers.swarm.constraints=Label(`a`,`b`)',
        '--providers.swarm.tls.ca=/ca.pem',
        '--providers.swarm.watch=false',
        '--providers.swarm.httpClientTimeout=5s',
      ],
      {},
    );
    expect(flags.providers.swarm).toMatchObject({
      endpoint: 'tcp://manager:2376',
      network: 'lab_net',
      exposedByDefault: false,
      refreshSeconds: 30_000,
      allowEmptyServices: true,
      constraints: 'Label(`a`,`b`)',
      watch: false,
      httpClientTimeout: 5_000,
      tls: { ca: '/ca.pem', cert: undefined, key: undefined, insecureSkipVerify: false },
    });
    const env = parseStaticOptions([], {
      TRAEFIK_PROVIDERS_SWARM_REFRESHSECONDS: '2m',
      TRAEFIK_PROVIDERS_SWARM_NETWORK: 'x',
    });
    expect(env.providers.swarm).toMatchObject({ refreshSeconds: 120_000, network: 'x' });
    const file = parseStaticOptions(['--configFile=/t.yml'], {}, () => 'providers:\n  swarm:\n    refreshSeconds: 5\n');
    expect(file.providers.swarm?.refreshSeconds).toBe(5_000);
  });

  it('v1 --docker --docker.swarmMode makes the Docker provider the Swarm provider', () => {
    const options = parseStaticOptions(
      [
        '--docker',
        '--docker.swarmMode',
        '--docker.swarmModeRefreshSeconds=20',
        '--docker.domain=lab.test',
        '--docker.network=lab_net',
      ],
      {},
    );
    expect(options.providers.docker).toBeUndefined();
    expect(options.providers.swarm).toMatchObject({
      refreshSeconds: 20_000,
      defaultRule: 'Host(`{{ normalize .Name }}.lab.test`)',
      network: 'lab_net',
    });
    expect(parseStaticOptions(['--docker', '--docker.swarmMode=false'], {}).providers.swarm).toBeUndefined();
  });

  it('refuses both the v3 and the v1 way at once, naming the v1 flag', () => {
    let message = '';
    try {
      parseStaticOptions(['--providers.swarm', '--docker.swarmMode'], {});
    } catch (error) {
      if (!isOptionsError(error)) throw error;
      message = error.message;
    }
    expect(message).toContain('--docker.swarmMode');
    expect(message).toContain('not both');
  });

  it('keeps the Docker provider beside the v3 Swarm provider', () => {
    const options = parseStaticOptions(['--providers.docker', '--providers.swarm'], {});
    expect(options.providers.docker).toBeDefined();
    expect(options.providers.swarm).toBeDefined();
  });

  it('--help lists them', () => {
    for (const flag of [
      '--providers.swarm.refreshSeconds',
      '--providers.swarm.allowEmptyServices',
      '--providers.docker.swarmMode',
      '--providers.docker.swarmModeRefreshSeconds',
    ]) {
      expect(helpText()).toContain(flag);
    }
  });
});
