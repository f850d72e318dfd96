/**
 * The static options parser's other sources: TRAEFIK_/JUNCTION_ environment variables and a
 * --configFile (YAML or TOML), and how they give way to one another and to flags.
 */
import { describe, expect, it } from 'vitest';
import { noFile, parseError } from '../../test/support/options/parse-error';
import { parseStaticOptions } from './parse-static-options';

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
    expect(parseError([], { TRAEFIK_ENTRYPOINTS_WEB_ADRESS: ':80' }).message).toBe(
      'unknown option TRAEFIK_ENTRYPOINTS_WEB_ADRESS (did you mean TRAEFIK_ENTRYPOINTS_WEB_ADDRESS?)',
    );
    expect(parseError([], { TRAEFIK_PING: 'sure' }).message).toContain('TRAEFIK_PING: invalid boolean "sure"');
  });

  it('ignores the environment when flags are given, and says so', () => {
    const options = parseStaticOptions(['--ping'], { TRAEFIK_API: 'true' });
    expect(options.api).toBeUndefined();
    expect(options.meta.warnings).toEqual([
      'environment variables ignored because flags are given (one source only, as in Traefik): TRAEFIK_API',
    ]);
  });
});

describe('parseStaticOptions: --configFile', () => {
  const files: Record<string, string> = {
    'junction.yml': [
      'entryPoints:',
      '  web:',
      '    address: ":8000"',
      '  admin:',
      '    address: "127.0.0.1:9000"',
      'providers:',
      '  docker: {}',
      '  file:',
      '    directory: /etc/dyn',
      'api:',
      '  insecure: false',
      'ping:',
      '  entryPoint: admin',
      'log:',
      '  level: warn',
      'accessLog: {}',
      'metrics: {}',
      'global:',
      '  checkNewVersion: false',
    ].join('\n'),
    'junction.toml':
      '[entryPoints.web]\naddress = ":8001"\n[providers.docker]\nwatch = false\n[metrics.prometheus]\nbuckets = [0.1, 1]\n',
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
    {
      file: 'typo.yml',
      message: 'unknown option typo.yml: entryPoints.web.adress (did you mean entryPoints.web.address?)',
    },
    { file: 'missing.yml', message: '--configFile=missing.yml: cannot read the file (ENOENT)' },
  ])('reports $file problems with position', ({ file, message }) => {
    expect(parseError([`--configFile=${file}`], {}, readFile).message).toContain(message);
  });

  it('still validates the ignored flags', () => {
    expect(parseError(['--configFile=junction.yml', '--apii'], {}, readFile).message).toContain(
      'unknown option --apii',
    );
  });
});
