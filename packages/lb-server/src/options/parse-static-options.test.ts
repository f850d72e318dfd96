import { describe, expect, it } from 'vitest';
import { isOptionsError, OptionsError } from './options-error';
import { parseStaticOptions } from './parse-static-options';

const noFile = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

function parseError(argv: string[], env: Record<string, string> = {}, readFile = noFile): OptionsError {
  try {
    parseStaticOptions(argv, env, readFile);
  } catch (error) {
    if (isOptionsError(error)) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}

describe('parseStaticOptions: defaults', () => {
  it('creates entry point web on :80 and nothing else when given nothing', () => {
    const options = parseStaticOptions([], {});
    expect(Object.keys(options.entryPoints)).toEqual(['web']);
    expect(options.entryPoints.web?.address).toEqual({ host: undefined, port: 80 });
    expect(options.entryPoints.web?.transport.lifeCycle).toEqual({ graceTimeOut: 10_000, requestAcceptGraceTimeout: 0 });
    expect(options.entryPoints.web?.transport.respondingTimeouts).toEqual({ readTimeout: 60_000, writeTimeout: 0, idleTimeout: 180_000 });
    expect(options.entryPoints.web?.transport.maxConnections).toBe(10_000);
    expect(options.entryPoints.web?.transport.maxConnectionsPerIP).toBe(0);
    expect(options.providers).toEqual({ providersThrottleDuration: 2000, docker: undefined, file: undefined });
    expect(options.api).toBeUndefined();
    expect(options.log).toEqual({ level: 'ERROR', format: 'json', filePath: undefined, noColor: false });
    expect(options.core.defaultRuleSyntax).toBe('v3');
    expect(options.meta).toEqual({ command: 'run', source: 'defaults', configFile: undefined, warnings: [] });
  });

  it('returns a deeply frozen object', () => {
    const options = parseStaticOptions(['--entrypoints.web.address=:80'], {});
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.entryPoints.web?.address)).toBe(true);
    expect(Object.isFrozen(options.entryPoints.web?.forwardedHeaders.trustedIPs)).toBe(true);
  });
});

describe('parseStaticOptions: flags', () => {
  it('reads the lab invocation --api --docker as Traefik v1 did', () => {
    const options = parseStaticOptions(['--api', '--docker'], {});
    expect(options.api).toEqual({ insecure: true, dashboard: true, debug: false });
    expect(options.providers.docker).toMatchObject({
      endpoint: 'unix:///var/run/docker.sock', exposedByDefault: true, watch: true, defaultRule: 'Host(`{{ normalize .Name }}`)',
    });
    expect(Object.keys(options.entryPoints)).toEqual(['web', 'traefik']);
    expect(options.entryPoints.traefik?.address.port).toBe(8080);
    expect(options.meta.source).toBe('flags');
  });

  it.each([
    { desc: 'bare', argv: ['--ping'], on: true },
    { desc: '=true', argv: ['--ping=true'], on: true },
    { desc: '=false', argv: ['--ping=false'], on: false },
    { desc: 'space value', argv: ['--ping', 'false'], on: false },
    { desc: 'any case', argv: ['--PING=True'], on: true },
    { desc: 'sub-option enables', argv: ['--ping.terminatingStatusCode=500'], on: true },
  ])('turns sections on and off: $desc', ({ argv, on }) => {
    expect(parseStaticOptions(argv, {}).ping !== undefined).toBe(on);
  });

  it('matches option names case-insensitively and keeps entry point names', () => {
    const options = parseStaticOptions([
      '--entrypoints.Web.address=127.0.0.1:0', '--ENTRYPOINTS.Web.FORWARDEDHEADERS.TRUSTEDIPS=10.0.0.1,10.0.0.0/8',
      '--providers.docker.exposedbydefault=false', '--providers.providersthrottleduration=500ms',
      '--entryPoints.Web.transport.lifecycle.gracetimeout=3s', '--log.level=debug', '--core.defaultrulesyntax=V1',
    ], {});
    expect(options.entryPoints.Web).toMatchObject({
      address: { host: '127.0.0.1', port: 0 },
      forwardedHeaders: { trustedIPs: ['10.0.0.1', '10.0.0.0/8'], insecure: false },
      transport: { lifeCycle: { graceTimeOut: 3000 } },
    });
    expect(options.providers.docker?.exposedByDefault).toBe(false);
    expect(options.providers.providersThrottleDuration).toBe(500);
    expect(options.log.level).toBe('DEBUG');
    expect(options.core.defaultRuleSyntax).toBe('v1');
  });

  it('does not add web when entry points are defined, and adds traefik for ping', () => {
    const options = parseStaticOptions(['--entrypoints.http.address=:8000', '--ping'], {});
    expect(Object.keys(options.entryPoints)).toEqual(['http', 'traefik']);
  });

  it('keeps a user-defined traefik entry point', () => {
    const options = parseStaticOptions(['--entrypoints.traefik.address=:9000', '--api.insecure'], {});
    expect(options.entryPoints.traefik?.address.port).toBe(9000);
    expect(Object.keys(options.entryPoints)).toEqual(['traefik']);
  });

  it('does not need traefik for a secure API or manually routed metrics', () => {
    const options = parseStaticOptions(['--api.insecure=false', '--metrics.prometheus.manualRouting=true'], {});
    expect(Object.keys(options.entryPoints)).toEqual(['web']);
    expect(options.metrics.prometheus?.buckets).toEqual([0.1, 0.3, 1.2, 5]);
  });

  it('maps v1 --docker.* and --docker.domain', () => {
    const options = parseStaticOptions(['--docker', '--docker.domain=docker.localhost', '--docker.exposedbydefault=false'], {});
    expect(options.providers.docker).toMatchObject({
      exposedByDefault: false, defaultRule: 'Host(`{{ normalize .Name }}.docker.localhost`)',
    });
  });

  it('reads the file provider and Docker TLS settings', () => {
    const options = parseStaticOptions([
      '--providers.file.filename=/etc/junction/dynamic.yml', '--providers.file.watch=false',
      '--providers.docker.tls.ca=/ca.pem', '--accesslog', '--metrics.prometheus.buckets=0.5,1',
    ], {});
    expect(options.providers.file).toEqual({ filename: '/etc/junction/dynamic.yml', directory: undefined, watch: false });
    expect(options.providers.docker?.tls).toEqual({ ca: '/ca.pem', cert: undefined, key: undefined, insecureSkipVerify: false });
    expect(options.accessLog).toEqual({ format: 'common', filePath: undefined });
    expect(options.metrics.prometheus?.buckets).toEqual([0.5, 1]);
  });

  it('lets a repeated scalar flag keep its last value and a repeated list flag add up', () => {
    const options = parseStaticOptions([
      '--log.level=INFO', '--log.level=WARN',
      '--entrypoints.web.address=:80', '--entrypoints.web.forwardedheaders.trustedips=1.1.1.1',
      '--entrypoints.web.forwardedheaders.trustedips=2.2.2.2',
    ], {});
    expect(options.log.level).toBe('WARN');
    expect(options.entryPoints.web?.forwardedHeaders.trustedIPs).toEqual(['1.1.1.1', '2.2.2.2']);
  });

  it.each([
    { argv: ['--help'], command: 'help' },
    { argv: ['-h'], command: 'help' },
    { argv: ['--version'], command: 'version' },
    { argv: ['--help', '--bogus'], command: 'help' },
  ])('reports $argv as command $command', ({ argv, command }) => {
    expect(parseStaticOptions(argv, {}).meta.command).toBe(command);
  });
});

describe('parseStaticOptions: errors name the option', () => {
  it.each([
    { argv: ['--entrypoints.web.adress=:80'], message: 'unknown option --entrypoints.web.adress (did you mean --entrypoints.web.address?)' },
    { argv: ['--providers.docker.exposedbydefalt=false'], message: 'unknown option --providers.docker.exposedbydefalt (did you mean --providers.docker.exposedByDefault?)' },
    { argv: ['--providers.providersThrottleDuration=abc'], message: '--providers.providersThrottleDuration: invalid duration "abc"' },
    { argv: ['--entrypoints.web.address=80'], message: '--entrypoints.web.address: invalid address "80"' },
    { argv: ['--ping=yes'], message: '--ping: invalid boolean "yes"' },
    { argv: ['--log.level=verbose'], message: '--log.level: invalid value "verbose" (expected one of TRACE, DEBUG' },
    { argv: ['--no-ping'], message: 'unknown option --no-ping' },
    { argv: ['serve'], message: 'unexpected argument "serve"' },
    { argv: ['--completely-unrelated'], message: 'unknown option --completely-unrelated' },
    { argv: ['--entrypoints.web.asdefault=true'], message: 'entry point "web" needs an address' },
    { argv: ['--providers.file'], message: 'needs --providers.file.filename or --providers.file.directory' },
    { argv: ['--providers.file.filename=a', '--providers.file.directory=b'], message: 'not both' },
    { argv: ['--ping.entrypoint=nope'], message: '--ping.entrypoint: unknown entry point "nope"' },
    { argv: ['--entrypoints.a.address=:80', '--entrypoints.b.address=0.0.0.0:81', '--entrypoints.c.address=:80'], message: 'entry points "a" and "c" both listen on :80' },
    { argv: ['--ping.terminatingStatusCode=5.5'], message: 'invalid integer "5.5"' },
    { argv: ['--entrypoints.web.address=:80', '--entrypoints.web.transport.maxConnections=-1'], message: '--entrypoints.web.transport.maxConnections: must be 0 (unlimited) or a positive integer' },
    { argv: ['--entrypoints.web.address=:80', '--entrypoints.web.transport.maxConnectionsPerIP=many'], message: '--entrypoints.web.transport.maxConnectionsPerIP: invalid integer "many"' },
  ])('$argv', ({ argv, message }) => {
    expect(parseError(argv).message).toContain(message);
  });

  it('reports every problem at once', () => {
    const error = parseError(['--api.insecur', '--log.level=loud', '--ping=maybe']);
    expect(error.issues).toHaveLength(3);
    expect(error.code).toBe('LB_OPTIONS_INVALID');
  });

  it('does not suggest an option for an unrelated name', () => {
    expect(parseError(['--zzzzzzzz']).message).not.toContain('did you mean');
  });
});

describe('parseStaticOptions: environment', () => {
  it('reads TRAEFIK_ variables as Traefik names them', () => {
    const options = parseStaticOptions([], {
      TRAEFIK_ENTRYPOINTS_WEB_ADDRESS: ':8081',
      TRAEFIK_PROVIDERS_DOCKER: 'true',
      TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT: 'false',
      TRAEFIK_API_INSECURE: 'true',
      TRAEFIK_LOG_LEVEL: 'INFO',
      TRAEFIK_SOMETHING_ELSE: 'ignored, not an option root',
      PATH: '/usr/bin',
    });
    expect(options.meta.source).toBe('env');
    expect(options.entryPoints.web?.address.port).toBe(8081);
    expect(options.providers.docker?.exposedByDefault).toBe(false);
    expect(options.entryPoints.traefik).toBeDefined();
    expect(options.log.level).toBe('INFO');
  });

  it('lets JUNCTION_ win over TRAEFIK_ for the same option', () => {
    const options = parseStaticOptions([], { JUNCTION_LOG_LEVEL: 'DEBUG', TRAEFIK_LOG_LEVEL: 'WARN' });
    expect(options.log.level).toBe('DEBUG');
  });

  it('names the variable in errors, with a suggestion in env style', () => {
    expect(parseError([], { TRAEFIK_ENTRYPOINTS_WEB_ADRESS: ':80' }).message)
      .toBe('unknown option TRAEFIK_ENTRYPOINTS_WEB_ADRESS (did you mean TRAEFIK_ENTRYPOINTS_WEB_ADDRESS?)');
    expect(parseError([], { TRAEFIK_PING: 'sure' }).message).toContain('TRAEFIK_PING: invalid boolean "sure"');
  });

  it('ignores the environment when flags are given, and says so', () => {
    const options = parseStaticOptions(['--ping'], { TRAEFIK_API: 'true' });
    expect(options.api).toBeUndefined();
    expect(options.meta.warnings).toEqual(['environment variables ignored because flags are given (one source only, as in Traefik): TRAEFIK_API']);
  });
});

describe('parseStaticOptions: --configFile', () => {
  const files: Record<string, string> = {
    'junction.yml': [
      'entryPoints:', '  web:', '    address: ":8000"', '  admin:', '    address: "127.0.0.1:9000"',
      'providers:', '  docker: {}', '  file:', '    directory: /etc/dyn', 'api:', '  insecure: false',
      'ping:', '  entryPoint: admin', 'log:', '  level: warn', 'accessLog: {}', 'metrics: {}', 'global:', '  checkNewVersion: false',
    ].join('\n'),
    'junction.toml': '[entryPoints.web]\naddress = ":8001"\n[providers.docker]\nwatch = false\n[metrics.prometheus]\nbuckets = [0.1, 1]\n',
    'bad.yml': 'entryPoints:\n  web:\n    address: ":80"\n   oops: [\n',
    'bad.toml': '[api]\ninsecure = \n',
    'typo.yml': 'entryPoints:\n  web:\n    adress: ":80"\n',
  };
  const readFile = (path: string): string => files[path] ?? noFile(path);

  it('reads YAML with Traefik key names', () => {
    const options = parseStaticOptions(['--configFile=junction.yml'], {}, readFile);
    expect(Object.keys(options.entryPoints)).toEqual(['web', 'admin']);
    expect(options.providers.docker).toBeDefined();
    expect(options.providers.file?.directory).toBe('/etc/dyn');
    expect(options.api).toEqual({ insecure: false, dashboard: true, debug: false });
    expect(options.ping?.entryPoint).toBe('admin');
    expect(options.log.level).toBe('WARN');
    expect(options.accessLog).toBeDefined();
    expect(options.meta).toMatchObject({ source: 'file', configFile: 'junction.yml' });
  });

  it('reads TOML', () => {
    const options = parseStaticOptions(['--configfile', 'junction.toml'], {}, readFile);
    expect(options.entryPoints.web?.address.port).toBe(8001);
    expect(options.providers.docker?.watch).toBe(false);
    expect(options.metrics.prometheus?.buckets).toEqual([0.1, 1]);
  });

  it('ignores other flags and the environment, and says so', () => {
    const options = parseStaticOptions(['--configFile=junction.toml', '--api'], { TRAEFIK_PING: 'true' }, readFile);
    expect(options.api).toBeUndefined();
    expect(options.ping).toBeUndefined();
    expect(options.meta.warnings).toHaveLength(2);
    expect(options.meta.warnings[0]).toContain('--api');
  });

  it.each([
    { file: 'bad.yml', message: 'bad.yml:4:' },
    { file: 'bad.toml', message: 'bad.toml:2:' },
    { file: 'typo.yml', message: 'unknown option typo.yml: entryPoints.web.adress (did you mean entryPoints.web.address?)' },
    { file: 'missing.yml', message: '--configFile=missing.yml: cannot read the file (ENOENT)' },
  ])('reports $file problems with position', ({ file, message }) => {
    expect(parseError([`--configFile=${file}`], {}, readFile).message).toContain(message);
  });

  it('still validates the ignored flags', () => {
    expect(parseError(['--configFile=junction.yml', '--apii'], {}, readFile).message).toContain('unknown option --apii');
  });
});
