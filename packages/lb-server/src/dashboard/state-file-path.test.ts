/** Where the overrides state file is: `--api.stateFile` from every source, else the XDG state directory. */
import { describe, expect, it } from 'vitest';
import { helpText, parseStaticOptions } from '../options';
import { resolveStateFile } from './state-file-path';

describe('--api.stateFile', () => {
  it.each([
    { source: 'a flag', argv: ['--api.stateFile=/data/o.json'], env: {}, files: {} },
    { source: 'TRAEFIK_API_STATEFILE', argv: [], env: { TRAEFIK_API_STATEFILE: '/data/o.json' }, files: {} },
    { source: 'JUNCTION_API_STATEFILE', argv: [], env: { JUNCTION_API_STATEFILE: '/data/o.json' }, files: {} },
    {
      source: 'a YAML file',
      argv: ['--configFile=j.yml'],
      env: {},
      files: { 'j.yml': 'api:\n  stateFile: /data/o.json\n' },
    },
    {
      source: 'a TOML file',
      argv: ['--configFile=j.toml'],
      env: {},
      files: { 'j.toml': '[api]\nstateFile = "/data/o.json"\n' },
    },
  ])('is read from $source (and turns the API on, as any api.* option)', ({ argv, env, files }) => {
    const options = parseStaticOptions(argv, env, (p) => (files as Record<string, string>)[p] ?? '');
    expect(options.api?.stateFile).toBe('/data/o.json');
  });

  it('is unset by default and empty when given empty', () => {
    expect(parseStaticOptions(['--api'], {}).api?.stateFile).toBeUndefined();
    expect(parseStaticOptions(['--api.stateFile='], {}).api?.stateFile).toBe('');
  });

  it('is listed by --help with its default', () => {
    expect(helpText()).toMatch(/--api\.stateFile[\s\S]*XDG_STATE_HOME\/junction\/overrides\.json/);
  });
});

describe('resolveStateFile', () => {
  it.each([
    {
      desc: 'the option, made absolute against the working directory',
      option: 'state/o.json',
      env: { HOME: '/root' },
      path: '/srv/state/o.json',
    },
    {
      desc: '$XDG_STATE_HOME/junction/overrides.json',
      option: undefined,
      env: { XDG_STATE_HOME: '/data', HOME: '/root' },
      path: '/data/junction/overrides.json',
    },
    {
      desc: '~/.local/state/junction/overrides.json',
      option: undefined,
      env: { HOME: '/home/u' },
      path: '/home/u/.local/state/junction/overrides.json',
    },
    {
      desc: 'HOME when XDG_STATE_HOME is relative (invalid per the specification)',
      option: undefined,
      env: { XDG_STATE_HOME: 'rel', HOME: '/home/u' },
      path: '/home/u/.local/state/junction/overrides.json',
    },
  ])('uses $desc', ({ option, env, path }) => {
    expect(resolveStateFile(option, env, '/srv')).toEqual({ path });
  });

  it('keeps overrides in memory, saying why, when the option is empty or there is no home', () => {
    expect(resolveStateFile('', { HOME: '/root' }, '/srv')).toEqual({
      path: undefined,
      reason: expect.stringMatching(/empty/) as unknown,
    });
    expect(resolveStateFile(undefined, {}, '/srv')).toEqual({
      path: undefined,
      reason: expect.stringMatching(/neither XDG_STATE_HOME nor HOME/) as unknown,
    });
  });
});
