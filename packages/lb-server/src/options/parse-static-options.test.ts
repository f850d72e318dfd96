/**
 * The static options parser on the command line: defaults, flags (Traefik v2/v3 and v1 names),
 * and errors that name the option. Environment variables and --configFile: parse-static-options.sources.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseError } from '../../test/support/options/parse-error';
import { parseStaticOptions } from './parse-static-options';

describe('parseStaticOptions: defaults', () => {
  it('creates entry point web on :80 and nothing else when given nothing', () => {
    const options = parseStaticOptions([], {});
    expect(Object.keys(options.entryPoints)).toEqual(['web']);
    expect(options.entryPoints.web?.address).toEqual({ host: undefined, port: 80 });
    expect(options.entryPoints.web?.transport.lifeCycle).toEqual({
      graceTimeOut: 10_000,
      requestAcceptGraceTimeout: 0,
    });
    expect(options.entryPoints.web?.transport.respondingTimeouts).toEqual({
      readTimeout: 60_000,
      writeTimeout: 0,
      idleTimeout: 180_000,
    });
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
      endpoint: 'unix:///var/run/docker.sock',
      exposedByDefault: true,
      watch: true,
      defaultRule: 'Host(`{{ normalize .Name }}`)',
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
    const options = parseStaticOptions(
      [
        '--entrypoints.Web.address=127.0.0.1:0',
        '--ENTRYPOINTS.Web.FORWARDEDHEADERS.TRUSTEDIPS=10.0.0.1,10.0.0.0/8',
        '--providers.docker.exposedbydefault=false',
        '--providers.providersthrottleduration=500ms',
        '--entryPoints.Web.transport.lifecycle.gracetimeout=3s',
        '--log.level=debug',
        '--core.defaultrulesyntax=V1',
      ],
      {},
    );
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
    const options = parseStaticOptions(
      ['--docker', '--docker.domain=docker.localhost', '--docker.exposedbydefault=false'],
      {},
    );
    expect(options.providers.docker).toMatchObject({
      exposedByDefault: false,
      defaultRule: 'Host(`{{ normalize .Name }}.docker.localhost`)',
    });
  });

  it('reads the file provider and Docker TLS settings', () => {
    const options = parseStaticOptions(
      [
        '--providers.file.filename=/etc/junction/dynamic.yml',
        '--providers.file.watch=false',
        '--providers.docker.tls.ca=/ca.pem',
        '--accesslog',
        '--metrics.prometheus.buckets=0.5,1',
      ],
      {},
    );
    expect(options.providers.file).toEqual({
      filename: '/etc/junction/dynamic.yml',
      directory: undefined,
      watch: false,
    });
    expect(options.providers.docker?.tls).toEqual({
      ca: '/ca.pem',
      cert: undefined,
      key: undefined,
      insecureSkipVerify: false,
    });
    expect(options.accessLog).toEqual({ format: 'common', filePath: undefined });
    expect(options.metrics.prometheus?.buckets).toEqual([0.5, 1]);
  });

  it('lets a repeated scalar flag keep its last value and a repeated list flag add up', () => {
    const options = parseStaticOptions(
      [
        '--log.level=INFO',
        '--log.level=WARN',
        '--entrypoints.web.address=:80',
        '--entrypoints.web.forwardedheaders.trustedips=1.1.1.1',
        '--entrypoints.web.forwardedheaders.trustedips=2.2.2.2',
      ],
      {},
    );
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
    {
      argv: ['--entrypoints.web.adress=:80'],
      message: 'unknown option --entrypoints.web.adress (did you mean --entrypoints.web.address?)',
    },
    {
      argv: ['--providers.docker.exposedbydefalt=false'],
      message: 'unknown option --providers.docker.exposedbydefalt (did you mean --providers.docker.exposedByDefault?)',
    },
    {
      argv: ['--providers.providersThrottleDuration=abc'],
      message: '--providers.providersThrottleDuration: invalid duration "abc"',
    },
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
    {
      argv: ['--entrypoints.a.address=:80', '--entrypoints.b.address=0.0.0.0:81', '--entrypoints.c.address=:80'],
      message: 'entry points "a" and "c" both listen on :80',
    },
    { argv: ['--ping.terminatingStatusCode=5.5'], message: 'invalid integer "5.5"' },
    {
      argv: ['--entrypoints.web.address=:80', '--entrypoints.web.transport.maxConnections=-1'],
      message: '--entrypoints.web.transport.maxConnections: must be 0 (unlimited) or a positive integer',
    },
    {
      argv: ['--entrypoints.web.address=:80', '--entrypoints.web.transport.maxConnectionsPerIP=many'],
      message: '--entrypoints.web.transport.maxConnectionsPerIP: invalid integer "many"',
    },
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
